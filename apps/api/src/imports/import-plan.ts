import { hash } from 'node:crypto';
import type { NewAggregateCell } from '../warehouse/events/aggregate-writer.js';
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

// One-shot hashing: about twice as fast as createHash() for keys this short (an import hashes several per row).
const sha256 = (text: string): string => hash('sha256', text, 'hex');

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
  return eventIdOf(eventIdPrefix(parts), parts.type);
}

/** An event id's dimensions before its type (importEventId: the prefix, '|', the type, hashed). */
function eventIdPrefix(parts: Omit<Parameters<typeof importEventId>[0], 'type'>): string {
  const { format, grain, day, campaignId, creativeId, platform, ageBand, gender, region } = parts;
  return [format, grain, day, campaignId, creativeId, platform, ageBand, gender, region].join('|');
}

const eventIdOf = (prefix: string, type: EventType): string => `imp:${sha256(`${prefix}|${type}`)}`;

/** What one row stores, before rows of the file landing on the same key are combined. */
export interface RowPlan {
  events: PlannedEvent[];
  period: PlannedPeriod | null;
}

const periodKeyText = (format: ExportFormat, { row, campaignId, creativeId }: ResolvedRow): string =>
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
  ].join('|');

export function periodRowKey(format: ExportFormat, resolved: ResolvedRow): string {
  return `rp:${sha256(periodKeyText(format, resolved))}`;
}

/** The key of a row's spend: its period's key parts and the currency (as import-writer's SQL computes it). */
export function spendRowKey(format: ExportFormat, resolved: ResolvedRow, currency: string): string {
  return `rs:${sha256(`${periodKeyText(format, resolved)}|${currency}`)}`;
}

function periodOf(format: ExportFormat, resolved: ResolvedRow, counts: MetricCounts): PlannedPeriod {
  const { row, campaignId, creativeId } = resolved;
  return {
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
  };
}

/** The cell a daily row's figures belong to: its event ids' dimensions (missing audience = 'unknown'). */
function dailyCell(row: ParsedRow, campaignId: string, creativeId: string) {
  return {
    grain: row.grain,
    day: row.periodStart,
    campaignId,
    creativeId,
    platform: row.platform,
    ageBand: row.ageBand ?? 'unknown',
    gender: row.gender ?? 'unknown',
    region: row.region ?? 'unknown',
  };
}

export function planRow(format: ExportFormat, resolved: ResolvedRow): RowPlan {
  const { row, campaignId, creativeId } = resolved;
  const period = (counts: MetricCounts): PlannedPeriod => periodOf(format, resolved, counts);
  if (!isDailyRow(row)) {
    const counts = zeroCounts();
    for (const type of EVENT_TYPES) counts[type] = row.counts[type] ?? 0;
    return { events: [], period: period(counts) };
  }
  if (creativeId === null) throw new Error(`row ${row.rowNumber}: a daily row needs a creative`);
  const dims = { format, ...dailyCell(row, campaignId, creativeId) };
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

/** A new row's reach, as a reported period of its own grain (counts 0: they are in the events); rows on one key: reach unknown. */
export interface NewPeriod {
  rowKey: string;
  resolved: ResolvedRow;
  reach: number | null;
}

/** A new row's spend with the counts it was spent on, rows on one key (and currency) added up; counts as EVENT_TYPES. */
export interface NewSpend {
  rowKey: string;
  resolved: ResolvedRow;
  currency: string;
  micros: number;
  counts: number[];
}

/** New daily rows ready to write: their cells' events, reach periods and spend, each once per key. */
export interface NewRowsPlan {
  cells: NewAggregateCell[];
  periods: NewPeriod[];
  spend: NewSpend[];
}

const IMPRESSION = EVENT_TYPES.indexOf('impression');

/**
 * What daily rows with a creative store, for rows nothing is stored for, shaped for COPY — the same
 * figures as buildImportPlan and the staged path's SQL: one entry per cell (`cellKeys[i]` names
 * rows[i]'s cell, the dimensions of its event ids), counts added up over its rows, an event for each
 * type a row reported (a row of zeros: a zero impression); reach and spend by key. Event ids are
 * hashed once per cell and type; nothing is built per row but its keys.
 */
export function planNewRows(
  format: ExportFormat,
  rows: readonly ResolvedRow[],
  cellKeys: readonly string[],
): NewRowsPlan {
  // Written for speed (an import plans every new row here, on the main thread): no spread objects or
  // joined arrays per row; keys are built as importEventId, periodRowKey and spendRowKey build them.
  const cells = new Map<string, NewAggregateCell & { grain: string }>();
  const periods = new Map<string, NewPeriod>();
  const spend = new Map<string, NewSpend>();
  const types = EVENT_TYPES.length;
  for (let i = 0; i < rows.length; i += 1) {
    const resolved = rows[i] as ResolvedRow;
    const { row, campaignId, creativeId } = resolved;
    if (creativeId === null || !isDailyRow(row))
      throw new Error(`row ${row.rowNumber}: not a daily row with a creative`);
    const key = cellKeys[i] as string;
    let cell = cells.get(key);
    if (!cell) {
      // Once per cell, not per row: the cell's dimensions as the per-row plan builds them.
      cell = Object.assign(dailyCell(row, campaignId, creativeId), {
        eventIds: new Array<string | null>(types).fill(null),
        counts: new Array<number>(types).fill(0),
      });
      cells.set(key, cell);
    }
    const rowCounts = row.counts;
    let reported = false;
    for (let t = 0; t < types; t += 1) {
      const count = rowCounts[EVENT_TYPES[t] as EventType] ?? 0;
      if (!(count > 0)) continue;
      (cell.counts[t] as number) += count;
      cell.eventIds[t] = '';
      reported = true;
    }
    if (!reported) cell.eventIds[IMPRESSION] = '';
    if (row.reach === null && row.spend === null) continue;
    const keyText =
      `${format}|${row.grain}|${row.periodStart}|${row.periodEnd}|${campaignId}|${creativeId}|${row.platform}|` +
      `${row.ageBand ?? ''}|${row.gender ?? ''}|${row.region ?? ''}`;
    if (row.reach !== null) {
      const rowKey = `rp:${sha256(keyText)}`;
      const existing = periods.get(rowKey);
      if (existing) existing.reach = null;
      else periods.set(rowKey, { rowKey, resolved, reach: row.reach });
    }
    if (row.spend !== null) {
      const rowKey = `rs:${sha256(`${keyText}|${row.spend.currency}`)}`;
      const existing = spend.get(rowKey);
      if (existing) existing.micros += row.spend.micros;
      const counts = existing?.counts ?? new Array<number>(types).fill(0);
      for (let t = 0; t < types; t += 1) (counts[t] as number) += rowCounts[EVENT_TYPES[t] as EventType] ?? 0;
      if (!existing)
        spend.set(rowKey, { rowKey, resolved, currency: row.spend.currency, micros: row.spend.micros, counts });
    }
  }
  const planned: NewAggregateCell[] = [];
  for (const cell of cells.values()) {
    const prefix =
      `${format}|${cell.grain}|${cell.day}|${cell.campaignId}|${cell.creativeId}|${cell.platform}|` +
      `${cell.ageBand}|${cell.gender}|${cell.region}`;
    for (let t = 0; t < types; t += 1) {
      if (cell.eventIds[t] !== null) cell.eventIds[t] = eventIdOf(prefix, EVENT_TYPES[t] as EventType);
    }
    planned.push(cell);
  }
  return { cells: planned, periods: [...periods.values()], spend: [...spend.values()] };
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
