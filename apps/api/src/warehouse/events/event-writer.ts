import type { PoolClient } from 'pg';
import { copyFromParts } from '../../infra/database/copy-from.js';
import { isUniqueViolation } from '../../infra/database/pg-errors.js';
import { COPY_COLUMNS, COPY_HEADER, COPY_TRAILER, VERSION_SLOT_BYTES, type EventCopy } from './event-copy.js';
import { lockClosedDays, MAY_BE_PACKED_AFTER_MS, packedIdsOf } from './event-packer.js';

/** One accepted event row, resolved to ids and ready to store. */
export interface StoredEvent {
  eventId: string;
  occurredAt: string; // ISO-8601 with offset
  campaignId: string;
  creativeId: string;
  platform: string;
  type: string;
  /** Keyed hash of the member id (see member-key.ts), as a decimal string; null when anonymous. */
  memberHash: string | null;
  ageBand: string;
  gender: string;
  region: string;
  language: string;
  count: number;
  importId: string | null;
}

/** Event type → the rollup views' metric column (the views, migration 1765000000400, sum `count` per type). */
export const METRIC_COLUMN_BY_TYPE = {
  impression: 'impressions',
  view: 'views',
  like: 'likes',
  comment: 'comments',
  share: 'shares',
  save: 'saves',
  click: 'clicks',
  video_view: 'video_views',
  video_complete: 'video_completes',
  follow: 'follows',
  resource_click: 'resource_clicks',
} as const;

export const METRIC_COLUMNS = Object.values(METRIC_COLUMN_BY_TYPE);

/**
 * One statement: mark the batch's days for the cube, then insert the raw events (the primary key drops
 * duplicates, also between concurrent requests), each with its day's new mark version. Nothing else is
 * written per event: the rollups and the reach table are views over `events` (migration 1765000000400),
 * and the cube is built from them per day, so an event costs one row and its index entries
 * (docs/scaling.md).
 *
 * The mark comes first so that its row lock, held to commit, orders the day's writers: versions follow
 * commit order within a day, so a cube build that read version v holds exactly the events with
 * `version <= v`, and a question over a day changed since its build reads the build plus the events with
 * a later version (live-days.ts) — never the whole day. A resend marks its days again though nothing is
 * new (the next build reads the same figures).
 */
const UNNEST_INPUT = `
  SELECT * FROM unnest(
    $2::text[], $3::timestamptz[], $4::uuid[], $5::uuid[], $6::text[], $7::text[], $8::bigint[],
    $9::text[], $10::text[], $11::text[], $12::text[], $13::integer[], $14::uuid[]
  ) AS t(event_id, occurred_at, campaign_id, creative_id, platform, type, member_hash,
         age_band, gender, region, language, count, import_id)`;

/** `input` yields the event columns; `timeZone` is the parameter holding the organisation's time zone. */
const writeSql = (eventConflict: string, input = UNNEST_INPUT, timeZone = '$15'): string => `
WITH input AS (${input}
),
dirty AS (
  -- The analytics cube rebuilds these days in the background (analytics/cube). Each marking bumps the
  -- day's own version under the row lock (no sequence, no volatile function in DO UPDATE: valid on a
  -- distributed table, see cube-builder); days in order, so concurrent writers cannot deadlock.
  INSERT INTO cube_dirty (org_id, day, version, marked_at, pending)
  SELECT $1::uuid, day, 1, now(), true
    FROM (SELECT (occurred_at AT TIME ZONE ${timeZone})::date AS day FROM input GROUP BY 1) d ORDER BY day
  ON CONFLICT (org_id, day) DO UPDATE SET version = cube_dirty.version + 1, marked_at = excluded.marked_at, pending = true
  RETURNING day, version
),
ins AS (
  INSERT INTO events (org_id, event_id, occurred_at, day, version, campaign_id, creative_id, platform, type,
                      member_hash, age_band, gender, region, language, count, import_id)
  SELECT $1, i.event_id, i.occurred_at, d.day, d.version, i.campaign_id, i.creative_id,
         i.platform, i.type, i.member_hash, i.age_band, i.gender, i.region, i.language, i.count, i.import_id
  FROM input i JOIN dirty d ON d.day = (i.occurred_at AT TIME ZONE ${timeZone})::date
  ${eventConflict}
  RETURNING 1
)
SELECT count(*)::int AS inserted FROM ins`;

const WRITE_SQL = writeSql('ON CONFLICT (org_id, event_id) DO NOTHING');
/** Without the conflict clause: a plain insert is about a third cheaper than a speculative one. */
const WRITE_NEW_SQL = writeSql('');

/**
 * The batch write as two database functions — `write_event_batch` (duplicates dropped by the events
 * primary key) and `write_new_event_batch` (all-new, for the optimistic try) — whose bodies ARE the
 * statements above: migrations 1765000000150 and 1765000000400 create them from this list, and
 * event-writer.spec checks the stored bodies still equal the current template (a change to `writeSql`
 * needs a migration that calls it again). Parameters as the statement's ($1 org id … $15 time zone); returns the rows inserted.
 *
 * On a Citus cluster they are distributed by their first argument, co-located with `events`
 * (`force_delegation`, since ingest runs inside a transaction), so the coordinator sends the whole
 * batch to the organisation's worker as one call and the statement runs there on the local shards —
 * instead of six steps pulled through the coordinator. On one PostgreSQL the function is simply called:
 * measured as fast as sending the statement inline (docs/scaling.md), so there is one code path.
 */
export const WRITE_BATCH_ARGUMENTS =
  'uuid, text[], timestamptz[], uuid[], uuid[], text[], text[], bigint[], text[], text[], text[], text[], integer[], uuid[], text';
export const WRITE_BATCH_FUNCTIONS: readonly { name: string; body: string }[] = [
  { name: 'write_event_batch', body: WRITE_SQL },
  { name: 'write_new_event_batch', body: WRITE_NEW_SQL },
];

/** The tables the statement writes, each as `INSERT INTO <table> (` in it. */
export const WRITTEN_TABLES: readonly string[] = ['cube_dirty', 'events'];

/**
 * The PL/pgSQL source (`pg_proc.prosrc`) of one of WRITE_BATCH_FUNCTIONS: the statement, run with
 * EXECUTE. On a Citus worker that holds the organisation's shards (a delegated call), each
 * `INSERT INTO <table> (` is pointed at the organisation's local shard (`AS <table>`, so the
 * statement's references stay valid): PostgreSQL then runs the statement as one local statement.
 * Given the distributed tables instead, Citus would split it into six steps whose intermediate
 * results it copies to every node under a two-phase commit — measured 1.5x slower than the
 * coordinator's own plan. Anywhere else (one PostgreSQL, or shards not on this node) the statement
 * runs as written.
 */
export function writeBatchFunctionSource(fn: { body: string }, writtenTables = WRITTEN_TABLES): string {
  return `
DECLARE
  statement text := $statement$${fn.body}$statement$;
  written text[] := ARRAY[${writtenTables.map((t) => `'${t}'`).join(', ')}];
  shards text[] := '{}';
  t text;
  shard text;
  n integer;
BEGIN
  -- Nested: PL/pgSQL plans an expression when it first runs it, and pg_dist_partition exists only with Citus.
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
    IF NOT EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = 'events'::regclass) THEN
      shards := NULL; -- not distributed (yet): the statement as written
    END IF;
    FOREACH t IN ARRAY CASE WHEN shards IS NULL THEN '{}'::text[] ELSE written END LOOP
      shard := shard_name(t::regclass, get_shard_id_for_distribution_column(t, $1));
      IF to_regclass(shard) IS NULL THEN
        shards := NULL; -- not on this node: let Citus plan the statement
        EXIT;
      END IF;
      shards := shards || shard;
    END LOOP;
    IF shards IS NOT NULL THEN
      FOR i IN 1 .. array_length(written, 1) LOOP
        IF position('INSERT INTO ' || written[i] || ' (' IN statement) = 0 THEN
          RAISE EXCEPTION 'write batch: no INSERT INTO % in the statement', written[i];
        END IF;
        statement := replace(statement, 'INSERT INTO ' || written[i] || ' (',
                             format('INSERT INTO %s AS %I (', shards[i], written[i]));
      END LOOP;
    END IF;
  END IF;
  EXECUTE statement INTO n USING $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15;
  RETURN n;
END`;
}

/** `CREATE OR REPLACE FUNCTION` for one of WRITE_BATCH_FUNCTIONS. */
export function writeBatchFunctionDdl(fn: { name: string; body: string }, writtenTables = WRITTEN_TABLES): string {
  // PL/pgSQL rather than SQL: Citus cannot plan a SQL function's statements with parameters.
  return `CREATE OR REPLACE FUNCTION ${fn.name}(${WRITE_BATCH_ARGUMENTS}) RETURNS integer
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE AS $write_batch$${writeBatchFunctionSource(fn, writtenTables)}$write_batch$`;
}

const callSql = (name: string): string =>
  `SELECT ${name}($1::uuid, ${Array.from({ length: 14 }, (_, i) => `$${i + 2}`).join(', ')}) AS inserted`;
const CALL_WRITE_SQL = callSql('write_event_batch');
const CALL_WRITE_NEW_SQL = callSql('write_new_event_batch');

const NEEDS_ESCAPE = /["\\]/;

/**
 * A PostgreSQL array literal (`{"a","b",NULL}`) for one column, built directly: a few times
 * faster than the driver's generic array serialisation, which matters at 100k rows/s.
 */
export function arrayLiteral<T>(rows: readonly T[], pick: (row: T) => string | number | null): string {
  const parts = new Array<string>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const value = pick(rows[i] as T);
    if (value === null) {
      parts[i] = 'NULL';
    } else if (typeof value === 'number') {
      parts[i] = `${value}`; // a number needs neither quotes nor escapes
    } else {
      const text = String(value);
      parts[i] = `"${NEEDS_ESCAPE.test(text) ? text.replace(/["\\]/g, '\\$&') : text}"`;
    }
  }
  return `{${parts.join(',')}}`;
}

/**
 * arrayLiteral of a column's values themselves, joined natively: numbers as they are, strings quoted
 * (escaped only when one needs it). For writers of many rows whose values are already in arrays.
 */
export function columnLiteral(values: readonly (string | number)[]): string {
  if (values.length === 0) return '{}';
  if (values.every((v) => typeof v === 'number')) return `{${values.join(',')}}`;
  if (values.some((v) => typeof v === 'string' && NEEDS_ESCAPE.test(v))) return arrayLiteral(values, (v) => String(v));
  return `{"${values.join('","')}"}`;
}

/**
 * Stores accepted events (and their days' cube marks) in the caller's transaction.
 * Returns how many were new; the rest were duplicates of events already stored.
 *
 * `optimistic` (only inside a transaction): first try the batch as all-new events, which is
 * cheaper, in a savepoint; when any id is already stored (a resend, or a concurrent writer of the
 * same ids), roll back to the savepoint and write with the conflict clause. Same result either way.
 */
export async function writeEvents(
  client: PoolClient,
  params: { orgId: string; timeZone: string; events: StoredEvent[]; optimistic?: boolean },
): Promise<{ inserted: number; duplicates: number }> {
  const { orgId, timeZone, events } = params;
  if (events.length === 0) return { inserted: 0, duplicates: 0 };
  // Sorted by id, so concurrent writers of overlapping batches take the event locks in the same
  // order; repeats within the batch are dropped here (the first one counts).
  const sorted = [...events].sort((a, b) => (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0));
  let unique = sorted.filter((e, i) => i === 0 || e.eventId !== sorted[i - 1]?.eventId);
  // Ids stored in closed days' parts are duplicates too (event-packer.ts).
  const closedBefore = Date.now() - MAY_BE_PACKED_AFTER_MS;
  if (unique.some((e) => Date.parse(e.occurredAt) < closedBefore)) {
    const packed = await packedDuplicates(client, { orgId, timeZone, events: unique });
    if (packed.size > 0) unique = unique.filter((e) => !packed.has(e.eventId));
    if (unique.length === 0) return { inserted: 0, duplicates: events.length };
  }
  const column = (pick: (e: StoredEvent) => string | number | null): string => arrayLiteral(unique, pick);
  const values = [
    orgId,
    column((e) => e.eventId),
    column((e) => e.occurredAt),
    column((e) => e.campaignId),
    column((e) => e.creativeId),
    column((e) => e.platform),
    column((e) => e.type),
    column((e) => e.memberHash),
    column((e) => e.ageBand),
    column((e) => e.gender),
    column((e) => e.region),
    column((e) => e.language),
    column((e) => e.count),
    column((e) => e.importId),
    timeZone,
  ];
  let inserted: number | null = null;
  if (params.optimistic) {
    await client.query('SAVEPOINT write_events');
    try {
      const result = await client.query<{ inserted: number }>(CALL_WRITE_NEW_SQL, values);
      await client.query('RELEASE SAVEPOINT write_events');
      inserted = result.rows[0]?.inserted ?? 0;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      await client.query('ROLLBACK TO SAVEPOINT write_events');
    }
  }
  if (inserted === null) {
    const result = await client.query<{ inserted: number }>(CALL_WRITE_SQL, values);
    inserted = result.rows[0]?.inserted ?? 0;
  }
  return { inserted, duplicates: events.length - inserted };
}

/**
 * The ids of `events` stored in packed parts: the marks of the events' days are locked first (and held
 * to commit: a packing of those days waits for this write, and this write saw any packing before it).
 */
async function packedDuplicates(
  client: PoolClient,
  params: { orgId: string; timeZone: string; events: readonly StoredEvent[] },
): Promise<Set<string>> {
  const { orgId, timeZone, events } = params;
  const days = await client.query<{ day: string }>(
    `SELECT DISTINCT to_char((t AT TIME ZONE $1)::date, 'YYYY-MM-DD') AS day FROM unnest($2::timestamptz[]) AS t ORDER BY 1`,
    [timeZone, events.map((e) => e.occurredAt)],
  );
  const packedDays = await lockClosedDays(client, { orgId, days: days.rows.map((r) => r.day) });
  return packedIdsOf(client, { orgId, days: packedDays, ids: events.map((e) => e.eventId) });
}

/**
 * The same write, set-based, from a query's rows (columns event_id, occurred_at, campaign_id,
 * creative_id, platform, type, member_hash, age_band, gender, region, language, count, import_id,
 * unique by event_id): for callers that stage many rows first, such as imports. Parameters:
 * $1 org id, $2 time zone, then `params` from $3. Duplicates of stored events are dropped, unless
 * `fresh` (a plain insert, cheaper than a speculative one).
 */
export async function writeEventsFromQuery(
  client: PoolClient,
  params: { orgId: string; timeZone: string; query: string; params: readonly unknown[]; fresh?: boolean },
): Promise<{ inserted: number }> {
  // `fresh`: the caller knows no id is stored (a stored one fails the statement with a unique violation).
  const sql = writeSql(params.fresh ? '' : 'ON CONFLICT (org_id, event_id) DO NOTHING', params.query, '$2');
  const result = await client.query<{ inserted: number }>(sql, [params.orgId, params.timeZone, ...params.params]);
  return { inserted: result.rows[0]?.inserted ?? 0 };
}

/**
 * Replaces the counts of stored events with newer figures (a platform export revising days it
 * reported before: the latest export wins), in the caller's transaction. `query` yields
 * (event_id, count) for events that exist with another count; parameters: $1 org id, then
 * `params` from $2. Each event's count is set (the rollups are views over `events`) and the days are
 * marked for the cube to rebuild. Returns the change per event type.
 * Only aggregated events (no member) are revised: reach is untouched.
 */
export async function reviseEventCounts(
  client: PoolClient,
  params: { orgId: string; query: string; params: readonly unknown[] },
): Promise<{ revised: number; deltas: Partial<Record<string, number>> }> {
  const sql = `
WITH input AS (${params.query}),
changed AS (
  UPDATE events e SET count = i.count
  FROM (SELECT i.event_id, i.count, e0.count AS old_count
          FROM input i JOIN events e0 ON e0.org_id = $1 AND e0.event_id = i.event_id
         WHERE e0.count <> i.count AND e0.member_hash IS NULL
         ORDER BY i.event_id) i
  WHERE e.org_id = $1 AND e.event_id = i.event_id
  RETURNING e.day, e.type, (i.count - i.old_count)::bigint AS delta
),
dirty AS (
  -- Stored events changed: each day is read whole until its next build (full_version, live-days.ts).
  INSERT INTO cube_dirty (org_id, day, version, full_version, marked_at, pending)
  SELECT $1::uuid, day, 1, 1, now(), true FROM (SELECT day FROM changed GROUP BY day) d ORDER BY day
  ON CONFLICT (org_id, day) DO UPDATE SET version = cube_dirty.version + 1, full_version = cube_dirty.version + 1,
    marked_at = excluded.marked_at, pending = true
)
SELECT type, count(*)::int AS events, sum(delta)::float8 AS delta FROM changed GROUP BY type ORDER BY type`;
  const result = await client.query<{ type: string; events: number; delta: number }>(sql, [
    params.orgId,
    ...params.params,
  ]);
  const deltas: Partial<Record<string, number>> = {};
  let revised = 0;
  for (const row of result.rows) {
    revised += row.events;
    if (row.delta !== 0) deltas[row.type] = row.delta;
  }
  return { revised, deltas };
}

/** The batch's days marked for the cube, in order (as `writeSql`'s `dirty`): each day's new version. */
const MARK_DAYS_SQL = `
INSERT INTO cube_dirty (org_id, day, version, marked_at, pending)
SELECT $1::uuid, d, 1, now(), true FROM unnest($2::date[]) AS d ORDER BY d
ON CONFLICT (org_id, day) DO UPDATE SET version = cube_dirty.version + 1, marked_at = excluded.marked_at, pending = true
RETURNING to_char(day, 'YYYY-MM-DD') AS day, version::text AS version`;

/**
 * Stores a batch (event-copy.ts) and its days' cube marks in the caller's transaction — the same rows and
 * marks as writeEvents, written with binary COPY: the days are marked first (their row locks, held to
 * commit, order the day's writers, so versions follow commit order), then the events are copied in
 * under their day's new version. COPY costs the database about two thirds of the statement writeEvents
 * runs (docs/scaling.md). When an id is stored already (a resend, or a concurrent writer of the same
 * ids) the COPY fails; it is then rolled back to a savepoint and the rows copied into a temporary
 * table instead, from which only the new ones are inserted. Returns how many rows were new.
 */
export async function writeEventCopy(client: PoolClient, params: { orgId: string; copy: EventCopy }): Promise<number> {
  const { orgId, copy } = params;
  if (copy.rows === 0) return 0;
  // Days that may be packed (event-packer.ts): their marks locked first, ids in their parts dropped below.
  const closedDay = new Date(Date.now() - 2 * MAY_BE_PACKED_AFTER_MS).toISOString().slice(0, 10);
  const oldDays = copy.days.map((d) => d.day).filter((day) => day <= closedDay);
  const packedDays = oldDays.length > 0 ? await lockClosedDays(client, { orgId, days: oldDays }) : [];
  const marks = await client.query<{ day: string; version: string }>(MARK_DAYS_SQL, [
    orgId,
    copy.days.map((d) => d.day),
  ]);
  const versions = new Map(marks.rows.map((m) => [m.day, m.version]));
  const data = Buffer.from(copy.data.buffer, copy.data.byteOffset, copy.data.byteLength);
  let row = 0;
  for (const { day, rows } of copy.days) {
    const version = versions.get(day);
    if (version === undefined) throw new Error(`write events: no mark for ${day}`);
    const slot = Buffer.allocUnsafe(VERSION_SLOT_BYTES);
    slot.writeBigInt64BE(BigInt(version));
    // Every slot is written (a retried write overwrites the last attempt's versions).
    for (const end = row + rows; row < end; row++) {
      const rowEnd = copy.rowEnds[row] as number;
      if (data.readInt32BE(rowEnd - VERSION_SLOT_BYTES - 4) !== VERSION_SLOT_BYTES) {
        throw new Error(`write events: row ${row} does not end where the batch says`);
      }
      slot.copy(data, rowEnd - VERSION_SLOT_BYTES);
    }
  }
  const parts = [COPY_HEADER, data, COPY_TRAILER];
  if (packedDays.length === 0) {
    await client.query('SAVEPOINT write_events');
    try {
      await copyFromParts(client, `COPY events (${COPY_COLUMNS}) FROM STDIN (FORMAT binary)`, parts);
      await client.query('RELEASE SAVEPOINT write_events');
      return copy.rows;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      await client.query('ROLLBACK TO SAVEPOINT write_events');
    }
  }
  await client.query('CREATE TEMPORARY TABLE ingest_staging (LIKE events INCLUDING DEFAULTS) ON COMMIT DROP');
  await copyFromParts(client, `COPY pg_temp.ingest_staging (${COPY_COLUMNS}) FROM STDIN (FORMAT binary)`, parts);
  const result = await client.query<{ inserted: number }>(
    `
    WITH packed AS (
      SELECT u.id FROM events_packed p CROSS JOIN LATERAL unnest(p.event_id) AS u(id)
       WHERE p.org_id = $1 AND p.day = ANY($2::date[])
    ),
    ins AS (
      INSERT INTO events (${COPY_COLUMNS})
      SELECT ${COPY_COLUMNS} FROM pg_temp.ingest_staging s
       WHERE NOT EXISTS (SELECT 1 FROM packed WHERE packed.id = s.event_id)
       ORDER BY event_id
      ON CONFLICT (org_id, event_id) DO NOTHING
      RETURNING 1
    )
    SELECT count(*)::int AS inserted FROM ins`,
    [orgId, packedDays],
  );
  await client.query('DROP TABLE pg_temp.ingest_staging');
  return result.rows[0]?.inserted ?? 0;
}
