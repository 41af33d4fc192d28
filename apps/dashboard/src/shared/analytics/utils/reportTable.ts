import type { MetricDelta, SegmentReportResponse, SuppressedValue } from '@resonance/contracts';

type Wire = number | null | SuppressedValue;

/** The printable report's metrics: this period and its change, per segment. */
export const REPORT_METRICS = ['impressions', 'reach', 'engagements', 'engagementRate', 'resourceClicks'] as const;
export type ReportMetric = (typeof REPORT_METRICS)[number];

export type ReportRow = { id: string; segment: string } & Record<ReportMetric, Wire> &
  Record<`${ReportMetric}Change`, Wire>;

/** Counts change as a percentage; the engagement rate as a difference in points. */
function changeOf(metric: ReportMetric, delta: MetricDelta | undefined): Wire {
  if (!delta) return null;
  return metric === 'engagementRate' ? delta.absolute : delta.relative;
}

export function toReportRows(response: SegmentReportResponse): ReportRow[] {
  return response.rows.map((row) => {
    const out: Record<string, Wire | string> = { id: row.segment.id, segment: row.segment.name };
    for (const metric of REPORT_METRICS) {
      out[metric] = row.current[metric];
      out[`${metric}Change`] = changeOf(metric, row.deltas[metric]);
    }
    return out as ReportRow;
  });
}
