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

export function buildImportPlan(format: ExportFormat, rows: readonly ResolvedRow[]): ImportPlan {
  const events = new Map<string, PlannedEvent>();
  const periods = new Map<string, PlannedPeriod & { rows: number }>();
  const keysByRow = new Map<number, string[]>();

  const addPeriod = (resolved: ResolvedRow, counts: MetricCounts): string => {
    const { row, campaignId, creativeId } = resolved;
    const rowKey = `rp:${sha256(
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
    const existing = periods.get(rowKey);
    if (existing) {
      for (const type of EVENT_TYPES) existing.counts[type] += counts[type];
      existing.reach = null;
      existing.rows += 1;
    } else {
      periods.set(rowKey, {
        rowKey,
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
        rows: 1,
      });
    }
    return `p:${rowKey}`;
  };

  for (const resolved of rows) {
    const { row, campaignId, creativeId } = resolved;
    const keys: string[] = [];
    if (isDailyRow(row)) {
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
      for (const type of types) {
        const eventId = importEventId({ ...dims, type });
        const count = row.counts[type] ?? 0;
        const existing = events.get(eventId);
        if (existing) existing.count += count;
        else events.set(eventId, { eventId, ...dims, type, count });
        keys.push(`e:${eventId}`);
      }
      if (row.reach !== null) keys.push(addPeriod(resolved, zeroCounts()));
    } else {
      const counts = zeroCounts();
      for (const type of EVENT_TYPES) counts[type] = row.counts[type] ?? 0;
      keys.push(addPeriod(resolved, counts));
    }
    keysByRow.set(row.rowNumber, keys);
  }

  return {
    events: [...events.values()],
    periods: [...periods.values()].map(({ rows: _rows, ...period }) => period),
    keysByRow,
  };
}
