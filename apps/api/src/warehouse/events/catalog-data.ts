import type { EntityManager } from 'typeorm';
import { unpackDays } from './event-packer.js';

/**
 * Tables holding figures for a campaign or creative (none has a foreign key, for ingest speed). The
 * rollups and reach_daily are views over `events`.
 */
const DATA_TABLES = [
  'events',
  'reported_periods',
  // Its own rows for the campaign or creative; the all-campaign rows of its days are rebuilt (below).
  'cube_daily',
] as const;
type Column = 'campaign_id' | 'creative_id';

/**
 * Packed parts (event-packer.ts) holding a campaign's or creative's events ($1 org, $2 id): a creative's
 * are among its campaign's parts, whose creative arrays are read only for that campaign.
 */
const packedOf = (column: Column): string =>
  column === 'campaign_id'
    ? `p.org_id = $1 AND p.campaign_id = $2`
    : `p.org_id = $1 AND p.campaign_id = (SELECT c.campaign_id FROM creatives c WHERE c.org_id = $1 AND c.id = $2)
       AND $2 = ANY(p.creative_id)`;

/** Whether any figures were recorded (events, which hold the kept rows past retention too, or reported periods). */
export async function hasData(
  manager: EntityManager,
  params: { orgId: string; column: Column; id: string },
): Promise<boolean> {
  const { orgId, column, id } = params;
  const rows = await manager.query<{ found: boolean }[]>(
    `SELECT EXISTS (SELECT 1 FROM events WHERE org_id = $1 AND ${column} = $2)
         OR EXISTS (SELECT 1 FROM reported_periods WHERE org_id = $1 AND ${column} = $2)
         OR EXISTS (SELECT 1 FROM events_packed p WHERE ${packedOf(column)}) AS found`,
    [orgId, id],
  );
  return rows[0]?.found === true;
}

/** Deletes every recorded figure of a campaign or creative, in the caller's transaction. */
export async function deleteData(
  manager: EntityManager,
  params: { orgId: string; column: Column; id: string },
): Promise<void> {
  const { orgId, column, id } = params;
  // Packed events are moved back first, to be deleted with the rest (their days are packed again later).
  const parts = await manager.query<{ day: string; campaign_id: string }[]>(
    `SELECT to_char(p.day, 'YYYY-MM-DD') AS day, p.campaign_id::text AS campaign_id FROM events_packed p
      WHERE ${packedOf(column)} ORDER BY p.day`,
    [orgId, id],
  );
  if (parts.length > 0) {
    await unpackDays(manager, {
      orgId,
      days: [...new Set(parts.map((p) => p.day))],
      campaignId: parts[0]?.campaign_id,
    });
  }
  // The analytics cube holds these figures too (in its all-campaign rows): rebuild those days.
  // On Citus this is pushed down whole to the organisation's shard (one task on one worker): the org_id
  // comes from the source table's distribution column, every column is given (no volatile default),
  // and the days are grouped in a subquery — a top-level DISTINCT would also cover defaulted columns
  // there and let one day through twice. Versions: see cube-builder.
  await manager.query(
    `INSERT INTO cube_dirty (org_id, day, version, full_version, marked_at, pending)
     SELECT d.org_id, d.day, 1, 1, $3::timestamptz, true
       FROM (SELECT org_id, day FROM events WHERE org_id = $1 AND ${column} = $2 GROUP BY org_id, day) d
      ORDER BY d.day
     ON CONFLICT (org_id, day) DO UPDATE SET version = cube_dirty.version + 1, full_version = cube_dirty.version + 1,
       marked_at = excluded.marked_at, pending = true`,
    [orgId, id, new Date().toISOString()],
  );
  for (const table of DATA_TABLES) {
    await manager.query(`DELETE FROM ${table} WHERE org_id = $1 AND ${column} = $2`, [orgId, id]);
  }
}
