import type { PoolClient } from 'pg';
import { CopyBuffer, copyFromText, copyValue } from '../../infra/database/copy-from.js';
import { EVENT_TYPES } from '@resonance/contracts';
import { arrayLiteral, METRIC_COLUMN_BY_TYPE } from './event-writer.js';

/**
 * New aggregated figures (platform exports: one event per cell and type, with a count) written with
 * COPY, the cheapest write PostgreSQL has: for rows nothing is stored for, the events and their
 * rollup_daily rows are known before they are written, so there is nothing to compare or add to.
 * The rollups per creative and hour, and the cube's day marks, span many cells and batches: they are
 * added up here and written once, at the end (`finish`), with the same increments as the event writer.
 * Everything runs in the caller's transaction; a stored event id fails the COPY with a unique
 * violation (the caller rolls back to its savepoint and takes the comparing path).
 */

const TYPES = EVENT_TYPES;
const COLUMN_LIST = TYPES.map((t) => `"${METRIC_COLUMN_BY_TYPE[t]}"`).join(', ');
const increments = (table: string): string =>
  TYPES.map((t) => METRIC_COLUMN_BY_TYPE[t])
    .map((c) => `"${c}" = "${table}"."${c}" + excluded."${c}"`)
    .join(', ');

/**
 * New aggregated figures of one audience cell on one day (no member, language unknown): one event
 * per type it has an id for, with its count. `eventIds` and `counts` are indexed as EVENT_TYPES.
 */
export interface NewAggregateCell {
  /** The day the figures are for, in the organisation's time zone (YYYY-MM-DD). */
  day: string;
  campaignId: string;
  creativeId: string;
  platform: string;
  ageBand: string;
  gender: string;
  region: string;
  /** The event's id per type; null: no event of that type. */
  eventIds: (string | null)[];
  counts: number[];
}

/** A day's times as the event writer stores them (text in the session's format, for COPY). */
interface DayTimes {
  occurredAt: string;
  day: string;
  hour: string;
}

interface Sums {
  day: string;
  campaignId: string;
  creativeId: string;
  platform: string;
  counts: number[];
}

/** A batch's share of the rollups per creative and per hour, kept once the caller's savepoint is released. */
export interface WrittenAggregates {
  byCreative: Map<string, Sums>;
  byHour: Map<string, Sums>;
}

/**
 * A local day's start as stored (text in UTC, whatever the session's TimeZone: the look-up may run on
 * another connection than the COPY), its day and its hour.
 */
const DAY_TIMES_SQL = `
SELECT d::text AS local, to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US"+00"') AS occurred_at,
       (t AT TIME ZONE $1)::date::text AS day,
       to_char(date_trunc('hour', t, 'UTC') AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS"+00"') AS hour
FROM unnest($2::date[]) AS d, LATERAL (SELECT d::timestamp AT TIME ZONE $1 AS t) x`;

/** Runs a read-only query (on the writer's connection or another one): its rows. */
export type LookUp = <R>(sql: string, params: unknown[]) => Promise<R[]>;

/** A batch of new cells encoded for COPY (`prepare`), to write with `copy`. */
export interface PreparedAggregates {
  events: Buffer;
  daily: string;
  written: WrittenAggregates;
}

const EVENTS_COPY = `COPY events (org_id, event_id, occurred_at, day, campaign_id, creative_id, platform, type, age_band,
  gender, region, language, count, import_id) FROM STDIN`;
const DAILY_COPY = `COPY rollup_daily (org_id, day, campaign_id, creative_id, platform, age_band, gender, region, language,
  ${COLUMN_LIST}) FROM STDIN`;

const unnestSums = (key: string): string =>
  `unnest($2::${key === 'day' ? 'date' : 'timestamptz'}[], $3::uuid[], $4::uuid[], $5::text[], ${TYPES.map((_, i) => `$${i + 6}::bigint[]`).join(', ')})`;
const BY_CREATIVE_SQL = `
INSERT INTO rollup_daily_creative (org_id, day, campaign_id, creative_id, platform, ${COLUMN_LIST})
SELECT $1, * FROM ${unnestSums('day')} ORDER BY 2, 4, 5
ON CONFLICT (org_id, day, creative_id, platform) DO UPDATE SET ${increments('rollup_daily_creative')}`;
const BY_HOUR_SQL = `
INSERT INTO rollup_hourly (org_id, hour, campaign_id, creative_id, platform, ${COLUMN_LIST})
SELECT $1, * FROM ${unnestSums('hour')} ORDER BY 2, 4, 5
ON CONFLICT (org_id, hour, creative_id, platform) DO UPDATE SET ${increments('rollup_hourly')}`;
/** As the event writer marks days for the cube (see writeSql's `dirty`). */
const DIRTY_SQL = `
INSERT INTO cube_dirty (org_id, day, version, marked_at, pending)
SELECT $1::uuid, day, 1, now(), true FROM unnest($2::date[]) AS d(day) ORDER BY day
ON CONFLICT (org_id, day) DO UPDATE SET version = cube_dirty.version + 1, marked_at = excluded.marked_at, pending = true`;

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const TYPE_BYTES = TYPES.map((t) => Buffer.from(t));

/**
 * Indexes of `ids` (hex SHA-256 ids after a short prefix) in id order, by their first 32 bits: a
 * numeric sort, several times cheaper than comparing strings; ids sharing 32 bits (rare) keep
 * their input order, which only loosens the locking order, never the result.
 */
function idOrder(ids: readonly string[]): number[] {
  const keys = new Float64Array(ids.length);
  const slot = 2 ** 20;
  if (ids.length >= slot) return Array.from(ids.keys()).sort((a, b) => compare(ids[a] as string, ids[b] as string));
  for (let i = 0; i < ids.length; i += 1) {
    const id = ids[i] as string;
    const prefix = parseInt(id.slice(id.indexOf(':') + 1, id.indexOf(':') + 9), 16);
    keys[i] = (Number.isNaN(prefix) ? 0 : prefix) * slot + i;
  }
  keys.sort();
  return Array.from(keys, (k) => k % slot);
}

/** Adds a cell's counts to the sums of its key. */
function add(map: Map<string, Sums>, key: string, day: string, cell: NewAggregateCell, counts: number[]): void {
  const sums = map.get(key);
  if (!sums) {
    map.set(key, {
      day,
      campaignId: cell.campaignId,
      creativeId: cell.creativeId,
      platform: cell.platform,
      counts: [...counts],
    });
    return;
  }
  for (let t = 0; t < counts.length; t += 1) (sums.counts[t] as number) += counts[t] as number;
}

export class NewAggregateWriter {
  private readonly times = new Map<string, DayTimes>();
  private readonly byCreative = new Map<string, Sums>();
  private readonly byHour = new Map<string, Sums>();
  private readonly lines = new CopyBuffer();
  /** The columns before an event's id, and after its count. */
  private readonly org: Buffer;
  private readonly importTail: Buffer;
  private readonly lookUp: LookUp;

  /** `lookUp`: where the day times are looked up (default: the writer's connection). */
  constructor(
    private readonly client: PoolClient,
    private readonly params: { orgId: string; timeZone: string; importId: string },
    lookUp?: LookUp,
  ) {
    this.org = Buffer.from(`${copyValue(params.orgId)}\t`);
    this.importTail = Buffer.from(`\t${copyValue(params.importId)}\n`);
    this.lookUp =
      lookUp ?? (async <R>(sql: string, values: unknown[]) => (await client.query(sql, values)).rows as R[]);
  }

  /**
   * COPYs new cells' events and their rollup_daily rows, none of which may be stored yet (else a
   * unique violation), each cell on its own rollup_daily row. Returns the batch's share of the other
   * rollups: pass it to `keep` once the write is final.
   */
  async write(cells: readonly NewAggregateCell[]): Promise<WrittenAggregates> {
    const prepared = await this.prepare(cells, this.lines);
    await this.copy(prepared, this.lines);
    return prepared.written;
  }

  /**
   * `write` in two steps, so a caller can encode a batch while the previous one is written: `prepare`
   * encodes the events into `lines` (reset first; keep it untouched until `copy` has finished) and the
   * rollup_daily rows, touching only the look-up connection; `copy` writes them on the writer's.
   */
  async prepare(cells: readonly NewAggregateCell[], lines: CopyBuffer): Promise<PreparedAggregates> {
    const written: WrittenAggregates = { byCreative: new Map(), byHour: new Map() };
    lines.reset();
    if (cells.length === 0) return { events: lines.contents(), daily: '', written };
    await this.lookUpDays(cells);
    const { orgId } = this.params;
    // Events in id order and rollup rows in key order, as the event writer writes them (concurrent
    // writers then take locks in the same order).
    const ids: string[] = [];
    const refs: number[] = [];
    for (let c = 0; c < cells.length; c += 1) {
      const { eventIds } = cells[c] as NewAggregateCell;
      for (let t = 0; t < TYPES.length; t += 1) {
        const id = eventIds[t];
        if (id == null) continue;
        ids.push(id);
        refs.push(c * TYPES.length + t);
      }
    }
    // Each cell's columns around the event's id and type, encoded once per cell and copied into the buffer
    // piece by piece: building a string per event line would allocate ~200 MB per 100,000 file rows, which
    // the young generation's collections pay for (every one copies the batches still being written).
    const heads = new Array<Buffer>(cells.length);
    const tails = new Array<Buffer>(cells.length);
    for (let c = 0; c < cells.length; c += 1) {
      const cell = cells[c] as NewAggregateCell;
      const times = this.times.get(cell.day) as DayTimes;
      heads[c] = CopyBuffer.encode([
        '',
        times.occurredAt,
        times.day,
        cell.campaignId,
        cell.creativeId,
        cell.platform,
        '',
      ]);
      tails[c] = CopyBuffer.encode(['', cell.ageBand, cell.gender, cell.region, 'unknown', '']);
    }
    const { org, importTail } = this;
    for (const i of idOrder(ids)) {
      const ref = refs[i] as number;
      const t = ref % TYPES.length;
      const c = (ref - t) / TYPES.length;
      lines
        .bytes(org)
        .ascii(ids[i] as string)
        .bytes(heads[c] as Buffer)
        .bytes(TYPE_BYTES[t] as Buffer)
        .bytes(tails[c] as Buffer)
        .ascii((cells[c] as NewAggregateCell).counts[t] as number)
        .bytes(importTail);
    }
    const sorted = [...cells].sort(
      (a, b) =>
        compare(a.day, b.day) ||
        compare(a.creativeId, b.creativeId) ||
        compare(a.platform, b.platform) ||
        compare(a.ageBand, b.ageBand) ||
        compare(a.gender, b.gender) ||
        compare(a.region, b.region),
    );
    const daily = new Array<string>(sorted.length);
    for (let i = 0; i < sorted.length; i += 1) {
      const cell = sorted[i] as NewAggregateCell;
      const times = this.times.get(cell.day) as DayTimes;
      // A type without an event counts 0 in the rollups.
      const counts = cell.counts.map((n, t) => (cell.eventIds[t] == null ? 0 : n));
      daily[i] =
        `${orgId}\t${times.day}\t${cell.campaignId}\t${cell.creativeId}\t${copyValue(cell.platform)}\t` +
        `${copyValue(cell.ageBand)}\t${copyValue(cell.gender)}\t${copyValue(cell.region)}\tunknown\t${counts.join('\t')}\n`;
      add(written.byCreative, `${times.day}|${cell.creativeId}|${cell.platform}`, times.day, cell, counts);
      add(written.byHour, `${times.hour}|${cell.creativeId}|${cell.platform}`, times.hour, cell, counts);
    }
    return { events: lines.contents(), daily: daily.join(''), written };
  }

  /** COPYs a prepared batch (`lines`: the buffer it was prepared in). */
  async copy(prepared: PreparedAggregates, lines: CopyBuffer): Promise<void> {
    try {
      await copyFromText(this.client, EVENTS_COPY, prepared.events);
    } catch (error) {
      lines.discard();
      throw error;
    }
    await copyFromText(this.client, DAILY_COPY, prepared.daily);
  }

  /** Adds a written batch's share to what `finish` writes. */
  keep(written: WrittenAggregates): void {
    for (const [target, source] of [
      [this.byCreative, written.byCreative],
      [this.byHour, written.byHour],
    ] as const) {
      for (const [key, sums] of source) {
        const total = target.get(key);
        if (!total) target.set(key, sums);
        else for (let i = 0; i < TYPES.length; i += 1) (total.counts[i] as number) += sums.counts[i] as number;
      }
    }
  }

  /** Writes the rollups per creative and per hour, and marks the days for the cube to rebuild. */
  async finish(): Promise<void> {
    if (this.byCreative.size === 0) return;
    const { orgId } = this.params;
    for (const [sql, map] of [
      [BY_CREATIVE_SQL, this.byCreative],
      [BY_HOUR_SQL, this.byHour],
    ] as const) {
      const rows = [...map.values()];
      await this.client.query(sql, [
        orgId,
        arrayLiteral(rows, (r) => r.day),
        arrayLiteral(rows, (r) => r.campaignId),
        arrayLiteral(rows, (r) => r.creativeId),
        arrayLiteral(rows, (r) => r.platform),
        ...TYPES.map((_, i) => arrayLiteral(rows, (r) => r.counts[i] as number)),
      ]);
    }
    const days = [...new Set([...this.byCreative.values()].map((r) => r.day))];
    await this.client.query(DIRTY_SQL, [orgId, arrayLiteral(days, (d) => d)]);
    this.byCreative.clear();
    this.byHour.clear();
  }

  private async lookUpDays(cells: readonly NewAggregateCell[]): Promise<void> {
    const missing = new Set<string>();
    for (const cell of cells) if (!this.times.has(cell.day)) missing.add(cell.day);
    if (missing.size === 0) return;
    const rows = await this.lookUp<{ local: string; occurred_at: string; day: string; hour: string }>(DAY_TIMES_SQL, [
      this.params.timeZone,
      [...missing],
    ]);
    for (const r of rows) this.times.set(r.local, { occurredAt: r.occurred_at, day: r.day, hour: r.hour });
  }
}
