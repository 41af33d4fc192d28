import type { PlanningSegment, PlanningSegmentId, YoyResponse } from '@resonance/contracts';
import {
  describeRate,
  formatCount,
  formatPValue,
  formatSignedChange,
  formatSignedPercent,
  isSuppressedValue,
  type Locale,
} from '../../../shared/format';

/** The palette has six colour-blind-safe series colours (Okabe–Ito, --c-series-1..6). */
export const MAX_SERIES = 6;

export interface YoyChartSeries {
  segment: PlanningSegmentId;
  label: string;
  /** CSS colour, e.g. var(--c-series-1). */
  color: string;
}

export interface YoyChartDatum {
  /** The x-axis label, e.g. "2025". */
  year: string;
  /** Engagement rate (fraction) per segment; null when hidden or without impressions. */
  rates: Partial<Record<PlanningSegmentId, number | null>>;
  /** Distances below and above the rate to its 95% interval bounds, for Recharts' ErrorBar. */
  errors: Partial<Record<PlanningSegmentId, [number, number] | null>>;
}

export interface YoyChartData {
  series: YoyChartSeries[];
  data: YoyChartDatum[];
  /** Cells (year × segment) with no rate to draw: hidden for small numbers, or no impressions. */
  hiddenCells: number;
  /** True when there is not a single rate to draw. */
  empty: boolean;
}

export function seriesColor(index: number): string {
  return `var(--c-series-${(index % MAX_SERIES) + 1})`;
}

/** YoY response → grouped bars (one group per year, one bar per segment) with asymmetric error bars. */
export function toYoyChartData(response: Pick<YoyResponse, 'segments' | 'years'>): YoyChartData {
  const segments: PlanningSegment[] = response.segments.slice(0, MAX_SERIES);
  const series = segments.map((s, i) => ({ segment: s.id, label: s.label, color: seriesColor(i) }));
  let hiddenCells = 0;
  let drawn = 0;
  const data = [...response.years]
    .sort((a, b) => a.year - b.year)
    .map((year): YoyChartDatum => {
      const rates: YoyChartDatum['rates'] = {};
      const errors: YoyChartDatum['errors'] = {};
      for (const { segment } of series) {
        const rate = year.rows.find((r) => r.segment === segment)?.engagementRate;
        if (!rate || isSuppressedValue(rate) || rate.estimate === null) {
          rates[segment] = null;
          errors[segment] = null;
          hiddenCells++;
          continue;
        }
        drawn++;
        rates[segment] = rate.estimate;
        errors[segment] =
          rate.lower === null || rate.upper === null
            ? null
            : [Math.max(0, rate.estimate - rate.lower), Math.max(0, rate.upper - rate.estimate)];
      }
      return { year: String(year.year), rates, errors };
    });
  return { series, data, hiddenCells, empty: drawn === 0 };
}

export interface YoyTableRow {
  key: string;
  year: number;
  window: { startsOn: string; endsOn: string };
  segment: string;
  impressions: string;
  engagements: string;
  rate: string;
  interval: string | null;
  /** "+0.4 pts vs 2025 (+12%), p = 0.03", or null for the first year. */
  change: string | null;
}

function describeChange(row: YoyResponse['years'][number]['rows'][number], locale: Locale): string | null {
  const delta = row.vsPrevious;
  if (!delta) return null;
  if (isSuppressedValue(delta.absoluteChange)) return `vs ${delta.previousYear}: hidden (small numbers)`;
  const points = formatSignedChange(delta.absoluteChange, 'rate', 11, locale);
  const relative =
    delta.relativeChange === null || isSuppressedValue(delta.relativeChange)
      ? ''
      : ` (${formatSignedPercent(delta.relativeChange, 11, locale)})`;
  const p = isSuppressedValue(delta.pValue) ? '' : `, p = ${formatPValue(delta.pValue, locale)}`;
  return `${points} vs ${delta.previousYear}${relative}${p}`;
}

/** The same figures as a table (the chart's text alternative), newest year first. */
export function toYoyTableRows(
  response: Pick<YoyResponse, 'segments' | 'years' | 'suppressionThreshold'>,
  locale?: Locale,
): YoyTableRow[] {
  const labels = new Map(response.segments.map((s) => [s.id, s.label]));
  const rows: YoyTableRow[] = [];
  for (const year of [...response.years].sort((a, b) => b.year - a.year)) {
    for (const row of year.rows) {
      const rate = describeRate(row.engagementRate, locale);
      rows.push({
        key: `${year.year}:${row.segment}`,
        year: year.year,
        window: { startsOn: year.windowStartsOn, endsOn: year.windowEndsOn },
        segment: labels.get(row.segment) ?? row.segment,
        impressions: formatCount(row.impressions, response.suppressionThreshold, locale),
        engagements: formatCount(row.engagements, response.suppressionThreshold, locale),
        rate: rate.value,
        interval: rate.interval,
        change: describeChange(row, locale),
      });
    }
  }
  return rows;
}

export interface BaselineSuggestion {
  year: number;
  segment: string;
  /** Engagement rate as a fraction. */
  rate: number;
}

/** The newest year's engagement rate for the first segment that has one: a baseline for the planner. */
export function latestBaseline(
  response: Pick<YoyResponse, 'segments' | 'years'> | undefined,
): BaselineSuggestion | null {
  if (!response) return null;
  for (const year of [...response.years].sort((a, b) => b.year - a.year)) {
    for (const segment of response.segments) {
      const rate = year.rows.find((r) => r.segment === segment.id)?.engagementRate;
      if (rate && !isSuppressedValue(rate) && rate.estimate !== null && rate.estimate > 0 && rate.estimate < 1) {
        return { year: year.year, segment: segment.label, rate: rate.estimate };
      }
    }
  }
  return null;
}
