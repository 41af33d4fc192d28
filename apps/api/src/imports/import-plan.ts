import { createHash } from 'node:crypto';
import { EVENT_TYPES, type EventType, type ExportFormat, type ParsedRow } from './parsers/index.js';

/**
 * Pure: parsed rows (with their campaign and creative resolved) → what to store.
 *
 * - A single-day row becomes aggregated events, one per event type reported, count = the figure,
 *   with a deterministic event id, so importing the same figures again (the same file, or an
 *   overlapping export) adds nothing: the events table drops known ids.
 * - A multi-day or lifetime row becomes one reported period (never spread over days).
 * - Platform-reported reach is a reported period at the row's own grain. For a single-day row
 *   that period carries the reach only (its counts are 0: the counts live in the rollups).
 * - Rows of one file that land on the same key (breakdowns we don't store, like Meta's
 *   Placement) are added together; their reach cannot be combined, so it is dropped (null).
 */

export interface ResolvedRow {
  row: ParsedRow;
  campaignId: string;
  /** null only for a multi-day/lifetime row without a creative breakdown. */
  creativeId: string | null;
}

export interface PlannedEvent {
  eventId: string;
  day: string;
  campaignId: string;
  creativeId: string;
  platform: string;
  type: EventType;
  ageBand: string;
  gender: string;
  region: string;
  count: number;
}

export type MetricCounts = Record<EventType, number>;

export interface PlannedPeriod {
  rowKey: string;
  grain: string;
  periodStart: string;
  periodEnd: string;
  campaignId: string;
  creativeId: string | null;
  platform: string;
  ageBand: string | null;
  gender: string | null;
  region: string | null;
  reach: number | null;
  counts: MetricCounts;
}

export interface ImportPlan {
  events: PlannedEvent[];
  periods: PlannedPeriod[];
  /** Per row number, the keys it wrote to: `e:<eventId>` and `p:<rowKey>`. */
  keysByRow: Map<number, string[]>;
}

export function isDailyRow(row: ParsedRow): boolean {
  return !row.grain.startsWith('lifetime') && row.periodStart === row.periodEnd;
}

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

function zeroCounts(): MetricCounts {
  return Object.fromEntries(EVENT_TYPES.map((t) => [t, 0])) as MetricCounts;
}

export function importEventId(parts: {
  format: ExportFormat;
  grain: string;
  day: string;
  campaignId: string;
  creativeId: string;
  platform: string;
  ageBand: string;
  gender: string;
  region: string;
  type: EventType;
}): string {
  const { format, grain, day, campaignId, creativeId, platform, ageBand, gender, region, type } = parts;
  return `imp:${sha256([format, grain, day, campaignId, creativeId, platform, ageBand, gender, region, type].join('|'))}`;
}

/** What one row stores, before rows of the file landing on the same key are combined. */
export interface RowPlan {
  events: PlannedEvent[];
  period: PlannedPeriod | null;
}

export function periodRowKey(format: ExportFormat, resolved: ResolvedRow): string {
  const { row, campaignId, creativeId } = resolved;
  return `rp:${sha256(
    [
      format,
      row.grain,
      row.periodStart,
      row.periodEnd,
      campaignId,
      creativeId ?? '',
      row.platform,
      row.ageBand ?? '',
      row.gender ?? '',
      row.region ?? '',
    ].join('|'),
  )}`;
}

export function planRow(format: ExportFormat, resolved: ResolvedRow): RowPlan {
  const { row, campaignId, creativeId } = resolved;
  const period = (counts: MetricCounts): PlannedPeriod => ({
    rowKey: periodRowKey(format, resolved),
    grain: row.grain,
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
    campaignId,
    creativeId,
    platform: row.platform,
    ageBand: row.ageBand,
    gender: row.gender,
    region: row.region,
    reach: row.reach,
    counts,
  });
  if (!isDailyRow(row)) {
    const counts = zeroCounts();
    for (const type of EVENT_TYPES) counts[type] = row.counts[type] ?? 0;
    return { events: [], period: period(counts) };
  }
  if (creativeId === null) throw new Error(`row ${row.rowNumber}: a daily row needs a creative`);
  const dims = {
    format,
    grain: row.grain,
    day: row.periodStart,
    campaignId,
    creativeId,
    platform: row.platform,
    ageBand: row.ageBand ?? 'unknown',
    gender: row.gender ?? 'unknown',
    region: row.region ?? 'unknown',
  };
  let types = EVENT_TYPES.filter((type) => (row.counts[type] ?? 0) > 0);
  // A row of zeros is still a figure the platform reported: one zero impression records it.
  if (types.length === 0) types = ['impression'];
  const events = types.map((type) => ({
    eventId: importEventId({ ...dims, type }),
    day: dims.day,
    campaignId,
    creativeId,
    platform: dims.platform,
    type,
    ageBand: dims.ageBand,
    gender: dims.gender,
    region: dims.region,
    count: row.counts[type] ?? 0,
  }));
  return { events, period: row.reach === null ? null : period(zeroCounts()) };
}

/** The whole file's plan in memory: rows landing on one key are combined (the import itself stages rows and combines them in SQL). */
export function buildImportPlan(format: ExportFormat, rows: readonly ResolvedRow[]): ImportPlan {
  const events = new Map<string, PlannedEvent>();
  const periods = new Map<string, PlannedPeriod & { rows: number }>();
  const keysByRow = new Map<number, string[]>();
  for (const resolved of rows) {
    const plan = planRow(format, resolved);
    const keys: string[] = [];
    for (const event of plan.events) {
      const existing = events.get(event.eventId);
      if (existing) existing.count += event.count;
      else events.set(event.eventId, { ...event });
      keys.push(`e:${event.eventId}`);
    }
    if (plan.period) {
      const existing = periods.get(plan.period.rowKey);
      if (existing) {
        for (const type of EVENT_TYPES) existing.counts[type] += plan.period.counts[type];
        existing.reach = null;
        existing.rows += 1;
      } else {
        periods.set(plan.period.rowKey, { ...plan.period, rows: 1 });
      }
      keys.push(`p:${plan.period.rowKey}`);
    }
    keysByRow.set(resolved.row.rowNumber, keys);
  }
  return {
    events: [...events.values()],
    periods: [...periods.values()].map(({ rows: _rows, ...period }) => period),
    keysByRow,
  };
}
