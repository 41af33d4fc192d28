import { useMemo } from 'react';
import { ChartCard } from '../../../shared/components/ChartCard';
import { createDataTableColumnHelper, DataTable } from '../../../shared/components/DataTable';
import { MetricDefinition } from '../../../shared/components/MetricDefinition';
import { MetricValue } from '../../../shared/components/MetricValue';
import { formatIntervalBounds, formatRate, numberOrNull } from '../../../shared/format';
import type { CreativeBar, SegmentPanel } from '../../../shared/analytics/utils/matrix';
import { chanceText, creativeVerdictText, VERDICT_LABELS } from '../../../shared/analytics/utils/verdictWords';
import { IntervalChart } from './IntervalChart';

const col = createDataTableColumnHelper<CreativeBar>();
const columns = col.columns([
  col.accessor('name', { header: 'Creative' }),
  col.accessor((b) => (b.suppressed ? ({ suppressed: true } as const) : b.rate), {
    id: 'rate',
    header: 'Engagement rate',
    sortFn: 'count',
    meta: { numeric: true },
    cell: (i) => <MetricValue value={i.getValue()} metric="engagementRate" />,
  }),
  col.accessor(
    (b) => (b.lower !== null && b.upper !== null ? formatIntervalBounds({ lower: b.lower, upper: b.upper }) : ''),
    { id: 'interval', header: '95% interval' },
  ),
  col.accessor('impressions', {
    header: 'Impressions',
    sortFn: 'count',
    meta: { numeric: true },
    cell: (i) => <MetricValue value={i.getValue()} metric="impressions" />,
  }),
  col.accessor((b) => (b.probabilityToBeBest === null ? '' : chanceText(b.probabilityToBeBest)), {
    id: 'pbest',
    header: 'Chance of being best',
    meta: { numeric: true },
  }),
  col.accessor((b) => VERDICT_LABELS[b.verdict], { id: 'verdict', header: 'Verdict' }),
]);

export interface SegmentVerdictCardProps {
  panel: SegmentPanel;
  threshold: number;
  animate: boolean;
  chartWidth?: number;
  /**
   * Download CSV and XLSX: the server's export of this panel (`/exports/compare` with the page's
   * query and `panel` = this segment), the same rows and figures as the table. Without it, no download.
   */
  onServerExport?: (format: 'csv' | 'xlsx', segmentId: string) => void;
}

/** One segment: the verdict in a sentence, each creative's rate with its interval, and what each line means. */
export function SegmentVerdictCard({ panel, threshold, animate, chartWidth, onServerExport }: SegmentVerdictCardProps) {
  const average = numberOrNull(panel.averageRate);
  const table = useMemo(
    () => (
      <DataTable
        caption={`Creatives for ${panel.segmentName}`}
        data={panel.bars}
        columns={columns}
        getRowId={(b) => b.creativeId}
        searchable={false}
        columnPicker={false}
        onServerExport={onServerExport ? (format) => onServerExport(format, panel.segmentId) : undefined}
      />
    ),
    [panel, onServerExport],
  );
  return (
    <ChartCard
      title={panel.segmentName}
      titleExtra={<MetricDefinition metric="engagementRate" />}
      description={
        <>
          Engagement rate with its 95% interval (the whiskers)
          {average !== null && <>; segment average {formatRate(average)}</>}.
        </>
      }
      isEmpty={panel.bars.length === 0}
      emptyMessage="No creative has figures for this segment in this period."
      table={table}
      height={Math.max(110, panel.bars.length * 40 + 40)}
    >
      <p className={`verdict verdict--${panel.hasLeader ? 'leader' : 'open'}`} data-testid="segment-verdict">
        {panel.headline}
      </p>
      <IntervalChart
        bars={panel.bars}
        averageRate={average}
        threshold={threshold}
        width={chartWidth}
        animate={animate}
      />
      <ul className="verdict-list">
        {panel.bars.map((b) => (
          <li key={b.creativeId}>
            <span className={`verdict-badge verdict-badge--${b.verdict.replace(/ /g, '-')}`}>
              {VERDICT_LABELS[b.verdict]}
            </span>{' '}
            <strong>{b.name}</strong>:{' '}
            {creativeVerdictText({
              verdict: b.verdict,
              probabilityToBeBest: b.probabilityToBeBest,
              impressionsNeeded: b.impressionsNeeded,
              segmentHasLeader: panel.hasLeader,
              isObservedLeader: b.creativeId === panel.leaderId,
            })}
          </li>
        ))}
      </ul>
    </ChartCard>
  );
}
