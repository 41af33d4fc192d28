import type { PoolClient } from 'pg';
import { METRIC_COLUMN_BY_TYPE, writeEvents, type StoredEvent } from '../warehouse/events/event-writer.js';
import { EVENT_TYPES } from './parsers/index.js';
import type { ImportPlan, PlannedPeriod } from './import-plan.js';

const CHUNK = 5000;
const METRICS = EVENT_TYPES.map((type) => ({ type, column: METRIC_COLUMN_BY_TYPE[type] }));

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * The plan's keys already stored with the same figures. An event id that exists is unchanged
 * by definition (the events table keeps the first figure); a reported period is unchanged when
 * its reach and counts are equal.
 */
export async function findUnchangedKeys(client: PoolClient, orgId: string, plan: ImportPlan): Promise<Set<string>> {
  const unchanged = new Set<string>();
  for (const part of chunks(plan.events.map((e) => e.eventId))) {
    const { rows } = await client.query<{ event_id: string }>(
      `SELECT event_id FROM events WHERE org_id = $1 AND event_id = ANY($2::text[])`,
      [orgId, part],
    );
    for (const r of rows) unchanged.add(`e:${r.event_id}`);
  }
  const byKey = new Map(plan.periods.map((p) => [p.rowKey, p]));
  const columns = METRICS.map((m) => `"${m.column}"::text AS "${m.column}"`).join(', ');
  for (const part of chunks([...byKey.keys()])) {
    const { rows } = await client.query<Record<string, string | null>>(
      `SELECT row_key, reach::text AS reach, ${columns} FROM reported_periods WHERE org_id = $1 AND row_key = ANY($2::text[])`,
      [orgId, part],
    );
    for (const stored of rows) {
      const key = stored['row_key'] ?? '';
      const planned = byKey.get(key);
      if (!planned) continue;
      const sameReach = (stored['reach'] ?? null) === (planned.reach === null ? null : String(planned.reach));
      const sameCounts = METRICS.every((m) => stored[m.column] === String(planned.counts[m.type]));
      if (sameReach && sameCounts) unchanged.add(`p:${key}`);
    }
  }
  return unchanged;
}

/** Local midnight of each day in the organisation's time zone, as an ISO instant. */
async function midnights(client: PoolClient, timeZone: string, days: string[]): Promise<Map<string, string>> {
  const { rows } = await client.query<{ day: string; at: Date }>(
    `SELECT d::text AS day, (d::timestamp AT TIME ZONE $1) AS at FROM unnest($2::date[]) AS d`,
    [timeZone, days],
  );
  return new Map(rows.map((r) => [r.day, r.at.toISOString()]));
}

/** Writes the plan's events (through the shared rollup writer) in the caller's transaction. */
export async function writePlannedEvents(
  client: PoolClient,
  params: { orgId: string; timeZone: string; importId: string; plan: ImportPlan },
): Promise<{ inserted: number; duplicates: number }> {
  const { orgId, timeZone, importId, plan } = params;
  const at = await midnights(client, timeZone, [...new Set(plan.events.map((e) => e.day))]);
  let inserted = 0;
  let duplicates = 0;
  for (const part of chunks(plan.events)) {
    const events: StoredEvent[] = part.map((e) => ({
      eventId: e.eventId,
      occurredAt: at.get(e.day) ?? `${e.day}T00:00:00Z`,
      campaignId: e.campaignId,
      creativeId: e.creativeId,
      platform: e.platform,
      type: e.type,
      memberHash: null,
      ageBand: e.ageBand,
      gender: e.gender,
      region: e.region,
      language: 'unknown',
      count: e.count,
      importId,
    }));
    const result = await writeEvents(client, { orgId, timeZone, events });
    inserted += result.inserted;
    duplicates += result.duplicates;
  }
  return { inserted, duplicates };
}

const PERIOD_COLUMNS = METRICS.map((m) => `"${m.column}"`).join(', ');
const UPSERT_PERIODS_SQL = `
INSERT INTO reported_periods (org_id, import_id, row_key, grain, period_start, period_end, campaign_id, creative_id,
                              platform, age_band, gender, region, reach, ${PERIOD_COLUMNS})
SELECT $1, $2, r.row_key, r.grain, r.period_start, r.period_end, r.campaign_id, r.creative_id,
       r.platform, r.age_band, r.gender, r.region, r.reach, ${METRICS.map((m) => `r."${m.column}"`).join(', ')}
FROM jsonb_to_recordset($3::jsonb) AS r(row_key text, grain text, period_start date, period_end date,
     campaign_id uuid, creative_id uuid, platform text, age_band text, gender text, region text, reach bigint,
     ${METRICS.map((m) => `"${m.column}" bigint`).join(', ')})
ORDER BY r.row_key
ON CONFLICT (org_id, row_key) DO UPDATE SET
  import_id = EXCLUDED.import_id, reach = EXCLUDED.reach,
  ${METRICS.map((m) => `"${m.column}" = EXCLUDED."${m.column}"`).join(', ')}
WHERE (reported_periods.reach, ${METRICS.map((m) => `reported_periods."${m.column}"`).join(', ')})
  IS DISTINCT FROM (EXCLUDED.reach, ${METRICS.map((m) => `EXCLUDED."${m.column}"`).join(', ')})`;

function periodRecord(p: PlannedPeriod): Record<string, string | number | null> {
  const record: Record<string, string | number | null> = {
    row_key: p.rowKey,
    grain: p.grain,
    period_start: p.periodStart,
    period_end: p.periodEnd,
    campaign_id: p.campaignId,
    creative_id: p.creativeId,
    platform: p.platform,
    age_band: p.ageBand,
    gender: p.gender,
    region: p.region,
    reach: p.reach,
  };
  for (const m of METRICS) record[m.column] = p.counts[m.type];
  return record;
}

/**
 * Upserts reported periods by their deterministic row key. A later export of the same period
 * replaces the figures (lifetime totals grow as a post keeps being seen); equal figures are left alone.
 */
export async function upsertPeriods(
  client: PoolClient,
  params: { orgId: string; importId: string; periods: readonly PlannedPeriod[] },
): Promise<void> {
  for (const part of chunks(params.periods)) {
    await client.query(UPSERT_PERIODS_SQL, [params.orgId, params.importId, JSON.stringify(part.map(periodRecord))]);
  }
}
