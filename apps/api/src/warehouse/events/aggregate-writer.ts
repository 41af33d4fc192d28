import type { PoolClient } from 'pg';
import { CopyBuffer, copyFromText, copyValue } from '../../infra/database/copy-from.js';
import { EVENT_TYPES } from '@resonance/contracts';
import { arrayLiteral } from './event-writer.js';

/**
 * New aggregated figures (platform exports: one event per cell and type, with a count) written with
 * COPY, the cheapest write PostgreSQL has: for rows nothing is stored for, the events are known before
 * they are written, so there is nothing to compare or add to (the rollups are views over `events`).
 * The cube's day marks span many cells and batches: they are collected here and written once, at the
 * end (`finish`), as the event writer writes them. Everything runs in the caller's transaction; a
 * stored event id fails the COPY with a unique violation (the caller rolls back to its savepoint and
 * takes the comparing path).
 */

const TYPES = EVENT_TYPES;

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
}

/** The days a batch wrote, for the cube's marks once the caller's savepoint is released. */
export interface WrittenAggregates {
  days: Set<string>;
}

/**
 * A local day's start as stored (text in UTC, whatever the session's TimeZone: the look-up may run on
 * another connection than the COPY) and its day.
 */
const DAY_TIMES_SQL = `
SELECT d::text AS local, to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US"+00"') AS occurred_at,
       (t AT TIME ZONE $1)::date::text AS day
FROM unnest($2::date[]) AS d, LATERAL (SELECT d::timestamp AT TIME ZONE $1 AS t) x`;

/** Runs a read-only query (on the writer's connection or another one): its rows. */
export type LookUp = <R>(sql: string, params: unknown[]) => Promise<R[]>;

/** A batch of new cells encoded for COPY (`prepare`), to write with `copy`. */
export interface PreparedAggregates {
  events: Buffer;
  written: WrittenAggregates;
}

const EVENTS_COPY = `COPY events (org_id, event_id, occurred_at, day, campaign_id, creative_id, platform, type, age_band,
  gender, region, language, count, import_id) FROM STDIN`;
/** As the event writer marks days for the cube (see writeSql's `dirty`). */
const DIRTY_SQL = `
INSERT INTO cube_dirty (org_id, day, version, full_version, marked_at, pending)
SELECT $1::uuid, day, 1, 1, now(), true FROM unnest($2::date[]) AS d(day) ORDER BY day
ON CONFLICT (org_id, day) DO UPDATE SET version = cube_dirty.version + 1, full_version = cube_dirty.version + 1,
  marked_at = excluded.marked_at, pending = true`;

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

export class NewAggregateWriter {
  private readonly times = new Map<string, DayTimes>();
  private readonly days = new Set<string>();
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
   * COPYs new cells' events, none of which may be stored yet (else a unique violation). Returns the
   * batch's days: pass them to `keep` once the write is final.
   */
  async write(cells: readonly NewAggregateCell[]): Promise<WrittenAggregates> {
    const prepared = await this.prepare(cells, this.lines);
    await this.copy(prepared, this.lines);
    return prepared.written;
  }

  /**
   * `write` in two steps, so a caller can encode a batch while the previous one is written: `prepare`
   * encodes the events into `lines` (reset first; keep it untouched until `copy` has finished) and the
   * days, touching only the look-up connection; `copy` writes them on the writer's.
   */
  async prepare(cells: readonly NewAggregateCell[], lines: CopyBuffer): Promise<PreparedAggregates> {
    const written: WrittenAggregates = { days: new Set() };
    lines.reset();
    if (cells.length === 0) return { events: lines.contents(), written };
    await this.lookUpDays(cells);
    // Events in id order, as the event writer writes them (concurrent writers then take locks in the same order).
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
    for (const cell of cells) written.days.add((this.times.get(cell.day) as DayTimes).day);
    return { events: lines.contents(), written };
  }

  /** COPYs a prepared batch (`lines`: the buffer it was prepared in). */
  async copy(prepared: PreparedAggregates, lines: CopyBuffer): Promise<void> {
    try {
      await copyFromText(this.client, EVENTS_COPY, prepared.events);
    } catch (error) {
      lines.discard();
      throw error;
    }
  }

  /** Adds a written batch's days to what `finish` marks. */
  keep(written: WrittenAggregates): void {
    for (const day of written.days) this.days.add(day);
  }

  /** Marks the days written for the cube to rebuild. */
  async finish(): Promise<void> {
    if (this.days.size === 0) return;
    const days = [...this.days].sort();
    await this.client.query(DIRTY_SQL, [this.params.orgId, arrayLiteral(days, (d) => d)]);
    this.days.clear();
  }

  private async lookUpDays(cells: readonly NewAggregateCell[]): Promise<void> {
    const missing = new Set<string>();
    for (const cell of cells) if (!this.times.has(cell.day)) missing.add(cell.day);
    if (missing.size === 0) return;
    const rows = await this.lookUp<{ local: string; occurred_at: string; day: string }>(DAY_TIMES_SQL, [
      this.params.timeZone,
      [...missing],
    ]);
    for (const r of rows) this.times.set(r.local, { occurredAt: r.occurred_at, day: r.day });
  }
}
