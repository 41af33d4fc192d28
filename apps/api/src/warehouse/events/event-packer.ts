import { RESERVED_EVENT_ID_PREFIX } from '@resonance/contracts';
import type { PoolClient } from 'pg';
import type { EntityManager } from 'typeorm';

/**
 * Closed days' events, packed (migration 1765000000600, issue 16 target 4): a day whose cube is built at
 * its current version, at least PACK_AFTER_DAYS old, has its raw events moved from `events` (a heap row
 * and a key entry each, 233 B an event) into one row per campaign of `events_packed` holding each column
 * as an array, which PostgreSQL compresses (≈ 28 B an event). Readers read both through `events_all`
 * (the rollup views and the day build do), so no figure changes.
 *
 * What stays in `events`: the last days (late events are common in the first days, and writing into a
 * packed day costs a look-up of its ids), rows from imports (their ids are compared and revised in place,
 * import-writer.ts), the rows retention keeps, and days past the retention period (retention rewrites
 * those, retention.service.ts).
 *
 * Exactly-once holds across both stores: every writer of a day older than a day locks the day's mark
 * (`cube_dirty`, the lock writers already take to order a day's versions) before it writes, and drops the
 * ids found in the day's parts (packedIdsOf, event-writer.ts). The packer takes the same lock, so a day
 * is never packed while a write into it is under way, and a write that waited for a packing sees its parts.
 */

/** A TypeORM manager's connection as a pg client (the packer's statements use `rows`). */
function asClient(db: PoolClient | EntityManager): Pick<PoolClient, 'query'> {
  if (!('transaction' in db)) return db;
  const manager = db;
  return {
    query: async (sql: string, params?: unknown[]) => ({ rows: await manager.query(sql, params) }),
  } as unknown as Pick<PoolClient, 'query'>;
}

/** Days at least this many UTC days old are packed (a local day ends at most 14 hours after its UTC date). */
export const PACK_AFTER_DAYS = 3;
/**
 * Writers look a day's ids up in its parts when the day may be packed: an event older than this (its
 * local day is then at most two UTC days old, a day before the packer's threshold).
 */
export const MAY_BE_PACKED_AFTER_MS = 24 * 60 * 60 * 1000;

/** The per-event columns of a part, in the order the arrays are unnested (migration 1765000000600). */
const COLUMNS = [
  'event_id',
  'occurred_at',
  'creative_id',
  'platform',
  'type',
  'member_hash',
  'age_band',
  'gender',
  'region',
  'language',
  'count',
] as const;
const COLUMN_LIST = COLUMNS.join(', ');
const EVENT_COLUMNS = `org_id, event_id, occurred_at, day, campaign_id, creative_id, platform, type, member_hash,
                       age_band, gender, region, language, count, import_id, version`;

/** Days that may be packed: built at their current version, not packed at it, old enough, inside retention. */
const CANDIDATES_SQL = `
SELECT d.org_id::text AS org_id, to_char(d.day, 'YYYY-MM-DD') AS day
  FROM cube_dirty d JOIN cube_days b ON b.org_id = d.org_id AND b.day = d.day
 WHERE NOT d.pending AND b.built_version >= d.version AND d.packed_version IS DISTINCT FROM d.version
   AND d.day <= (now() AT TIME ZONE 'UTC')::date - ${PACK_AFTER_DAYS} AND d.day > $1::date
   AND ($2::uuid IS NULL OR d.org_id = $2::uuid)
 ORDER BY d.org_id, d.day
 LIMIT $3`;

/** The day's mark, locked, when the day may still be packed (the candidate's conditions, again). */
const LOCK_DAY_SQL = `
SELECT d.version::text AS version
  FROM cube_dirty d JOIN cube_days b ON b.org_id = d.org_id AND b.day = d.day
 WHERE d.org_id = $1 AND d.day = $2::date
   AND NOT d.pending AND b.built_version >= d.version AND d.packed_version IS DISTINCT FROM d.version
 FOR NO KEY UPDATE OF d`;

/**
 * Moves a day's raw events into its parts, in event time order (the times compress best in order). A
 * part packed before gets the new events appended; every event of a part takes the version it was last
 * packed at. $1 org, $2 day, $3 the day's mark version.
 */
const PACK_DAY_SQL = `
WITH moved AS (
  DELETE FROM events
   WHERE org_id = $1 AND day = $2::date AND import_id IS NULL AND event_id NOT LIKE '${RESERVED_EVENT_ID_PREFIX}%'
  RETURNING campaign_id, ${COLUMN_LIST}
),
parts AS (
  SELECT campaign_id, count(*)::int AS n,
         ${COLUMNS.map((c) => `array_agg(${c} ORDER BY occurred_at, event_id) AS ${c}`).join(',\n         ')}
    FROM moved GROUP BY campaign_id
),
ins AS (
  INSERT INTO events_packed (org_id, day, campaign_id, version, n, ${COLUMN_LIST})
  SELECT $1, $2::date, campaign_id, $3::bigint, n, ${COLUMN_LIST} FROM parts ORDER BY campaign_id
  ON CONFLICT (org_id, day, campaign_id) DO UPDATE SET version = excluded.version, n = events_packed.n + excluded.n,
    ${COLUMNS.map((c) => `${c} = events_packed.${c} || excluded.${c}`).join(', ')}
  RETURNING 1
)
SELECT coalesce(sum(n), 0)::int AS events, (SELECT count(*)::int FROM ins) AS parts FROM parts`;

/**
 * Locks the marks of `days` (ascending: the order every writer takes them in) and returns those with
 * packed parts. Writers call it before writing into days that may be packed (MAY_BE_PACKED_AFTER_MS); the
 * packer and unpack take the same locks.
 */
export async function lockClosedDays(
  client: Pick<PoolClient, 'query'>,
  params: { orgId: string; days: readonly string[] },
): Promise<string[]> {
  const result = await client.query<{ day: string; packed: boolean }>(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, packed_version IS NOT NULL AS packed
       FROM cube_dirty WHERE org_id = $1 AND day = ANY($2::date[]) ORDER BY day FOR NO KEY UPDATE`,
    [params.orgId, params.days],
  );
  return result.rows.filter((r) => r.packed).map((r) => r.day);
}

/** The ids among `ids` stored in the parts of `days` (locked first: lockClosedDays). */
export async function packedIdsOf(
  client: PoolClient,
  params: { orgId: string; days: readonly string[]; ids: readonly string[] },
): Promise<Set<string>> {
  if (params.days.length === 0 || params.ids.length === 0) return new Set();
  const result = await client.query<{ id: string }>(
    `SELECT u.id FROM events_packed p CROSS JOIN LATERAL unnest(p.event_id) AS u(id)
      WHERE p.org_id = $1 AND p.day = ANY($2::date[]) AND u.id = ANY($3::text[])`,
    [params.orgId, params.days, params.ids],
  );
  return new Set(result.rows.map((r) => r.id));
}

/**
 * Packs one day (PACK_DAY_SQL) in the caller's transaction, when it may still be packed once its mark is
 * locked. Returns the events moved (0: nothing to do, or the day changed since it was listed).
 */
export async function packDay(client: PoolClient, params: { orgId: string; day: string }): Promise<number> {
  const locked = await client.query<{ version: string }>(LOCK_DAY_SQL, [params.orgId, params.day]);
  const version = locked.rows[0]?.version;
  if (version === undefined) return 0;
  const result = await client.query<{ events: number }>(PACK_DAY_SQL, [params.orgId, params.day, version]);
  await client.query(`UPDATE cube_dirty SET packed_version = $3::bigint WHERE org_id = $1 AND day = $2::date`, [
    params.orgId,
    params.day,
    version,
  ]);
  return result.rows[0]?.events ?? 0;
}

/** The days a pass may pack, oldest first per organisation: after `afterDay` (the retention cutoff's margin). */
export async function packCandidates(
  client: PoolClient,
  params: { afterDay: string; orgId?: string; limit: number },
): Promise<{ orgId: string; day: string }[]> {
  const result = await client.query<{ org_id: string; day: string }>(CANDIDATES_SQL, [
    params.afterDay,
    params.orgId ?? null,
    params.limit,
  ]);
  return result.rows.map((r) => ({ orgId: r.org_id, day: r.day }));
}

/**
 * Moves packed events back into `events` (retention and deletions rewrite raw rows): the parts of `days`
 * (all of an organisation's packed days when null), of one campaign when given, in the caller's
 * transaction, their marks locked first. The days are packed again after their next build. Returns the
 * events moved.
 */
export async function unpackDays(
  db: PoolClient | EntityManager,
  params: { orgId: string; days: readonly string[] | null; campaignId?: string },
): Promise<number> {
  const client = asClient(db);
  const { orgId, campaignId } = params;
  const days =
    params.days ??
    (
      await client.query<{ day: string }>(
        `SELECT DISTINCT to_char(day, 'YYYY-MM-DD') AS day FROM events_packed
          WHERE org_id = $1 AND ($2::uuid IS NULL OR campaign_id = $2::uuid)`,
        [orgId, campaignId ?? null],
      )
    ).rows.map((r) => r.day);
  if (days.length === 0) return 0;
  const sorted = [...days].sort();
  await lockClosedDays(client, { orgId, days: sorted });
  const result = await client.query<{ events: number }>(
    `WITH parts AS (
       DELETE FROM events_packed
        WHERE org_id = $1 AND day = ANY($2::date[]) AND ($3::uuid IS NULL OR campaign_id = $3::uuid)
       RETURNING *
     ),
     ins AS (
       INSERT INTO events (${EVENT_COLUMNS})
       SELECT p.org_id, u.event_id, u.occurred_at, p.day, p.campaign_id, u.creative_id, u.platform, u.type, u.member_hash,
              u.age_band, u.gender, u.region, u.language, u.count, NULL, p.version
         FROM parts p CROSS JOIN LATERAL unnest(${COLUMNS.map((c) => `p.${c}`).join(', ')}) AS u(${COLUMN_LIST})
       RETURNING 1
     )
     SELECT count(*)::int AS events FROM ins`,
    [orgId, sorted, campaignId ?? null],
  );
  // A day with parts left (another campaign's) stays looked up by writers (0: packed, at no version).
  await client.query(
    `UPDATE cube_dirty d
        SET packed_version = CASE WHEN EXISTS (SELECT 1 FROM events_packed p WHERE p.org_id = d.org_id AND p.day = d.day) THEN 0 END
      WHERE d.org_id = $1 AND d.day = ANY($2::date[])`,
    [orgId, sorted],
  );
  return result.rows[0]?.events ?? 0;
}
