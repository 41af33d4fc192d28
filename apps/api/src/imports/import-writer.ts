import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { METRIC_COLUMN_BY_TYPE, writeEventsFromQuery } from '../ingest/rollup-writer.js';
import { EVENT_TYPES } from './parsers/index.js';
import type { RowPlan } from './import-plan.js';

/**
 * Set-based import writes. Each batch of planned rows is COPYed into two temporary tables of the
 * import's transaction (one row per row × event type, one per reported period); at the end, a
 * few statements combine rows of the file that land on the same key, work out which rows were
 * already stored with the same figures, and write events (through the shared event writer) and
 * reported periods in one pass each. Nothing here grows with the number of creatives, days or cells.
 */

const METRICS = EVENT_TYPES.map((type) => ({ type, column: METRIC_COLUMN_BY_TYPE[type] }));
const METRIC_LIST = METRICS.map((m) => `"${m.column}"`).join(', ');

const STAGE_EVENTS = 'import_stage_events';
const STAGE_PERIODS = 'import_stage_periods';

const EVENT_COLUMNS = [
  'row_number',
  'event_id',
  'day',
  'campaign_id',
  'creative_id',
  'platform',
  'type',
  'age_band',
  'gender',
  'region',
  'count',
] as const;
const PERIOD_COLUMNS = [
  'row_number',
  'row_key',
  'grain',
  'period_start',
  'period_end',
  'campaign_id',
  'creative_id',
  'platform',
  'age_band',
  'gender',
  'region',
  'reach',
  ...METRICS.map((m) => m.column),
] as const;

export async function createStage(client: PoolClient): Promise<void> {
  await client.query(`
    CREATE TEMPORARY TABLE ${STAGE_EVENTS} (
      row_number integer NOT NULL, event_id text NOT NULL, day date NOT NULL, campaign_id uuid NOT NULL,
      creative_id uuid NOT NULL, platform text NOT NULL, type text NOT NULL, age_band text NOT NULL,
      gender text NOT NULL, region text NOT NULL, count bigint NOT NULL
    ) ON COMMIT DROP`);
  await client.query(`
    CREATE TEMPORARY TABLE ${STAGE_PERIODS} (
      row_number integer NOT NULL, row_key text NOT NULL, grain text NOT NULL, period_start date NOT NULL,
      period_end date NOT NULL, campaign_id uuid NOT NULL, creative_id uuid, platform text NOT NULL,
      age_band text, gender text, region text, reach bigint,
      ${METRICS.map((m) => `"${m.column}" bigint NOT NULL`).join(', ')}
    ) ON COMMIT DROP`);
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A value in COPY's text format. */
function copyValue(value: string | number | null): string {
  if (value === null) return '\\N';
  const text = String(value);
  return /[\\\t\n\r]/.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c] ?? c) : text;
}

async function copyLines(
  client: PoolClient,
  table: string,
  columns: readonly string[],
  lines: string[],
): Promise<void> {
  if (lines.length === 0) return;
  const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  await new Promise<void>((resolve, reject) => {
    stream.on('error', reject);
    stream.on('finish', resolve);
    stream.end(lines.join(''));
  });
}

/** Adds a batch of planned rows to the import's staging tables. */
export async function stageRows(
  client: PoolClient,
  rows: readonly { rowNumber: number; plan: RowPlan }[],
): Promise<void> {
  const events: string[] = [];
  const periods: string[] = [];
  for (const { rowNumber, plan } of rows) {
    for (const e of plan.events) {
      events.push(
        `${[
          rowNumber,
          e.eventId,
          e.day,
          e.campaignId,
          e.creativeId,
          e.platform,
          e.type,
          e.ageBand,
          e.gender,
          e.region,
          e.count,
        ]
          .map(copyValue)
          .join('\t')}\n`,
      );
    }
    const p = plan.period;
    if (p) {
      const values: (string | number | null)[] = [
        rowNumber,
        p.rowKey,
        p.grain,
        p.periodStart,
        p.periodEnd,
        p.campaignId,
        p.creativeId,
        p.platform,
        p.ageBand,
        p.gender,
        p.region,
        p.reach,
        ...METRICS.map((m) => p.counts[m.type]),
      ];
      periods.push(`${values.map(copyValue).join('\t')}\n`);
    }
  }
  await copyLines(client, STAGE_EVENTS, EVENT_COLUMNS, events);
  await copyLines(client, STAGE_PERIODS, PERIOD_COLUMNS, periods);
}

// Rows of one file that land on the same period are added together; their reach cannot be combined.
const PLANNED_PERIODS = `
  SELECT row_key, grain, period_start, period_end, campaign_id, creative_id, platform, age_band, gender, region,
         CASE WHEN count(*) > 1 THEN NULL ELSE max(reach) END AS reach,
         ${METRICS.map((m) => `sum("${m.column}")::bigint AS "${m.column}"`).join(', ')}
  FROM ${STAGE_PERIODS}
  GROUP BY row_key, grain, period_start, period_end, campaign_id, creative_id, platform, age_band, gender, region`;

/**
 * Rows whose every key is already stored with the same figures: an event id that exists is
 * unchanged by definition (the events table keeps the first figure); a reported period is
 * unchanged when its reach and counts are equal.
 */
const DUPLICATE_ROWS_SQL = `
WITH known_events AS (
  SELECT s.event_id FROM (SELECT DISTINCT event_id FROM ${STAGE_EVENTS}) s
  WHERE EXISTS (SELECT 1 FROM events e WHERE e.org_id = $1 AND e.event_id = s.event_id)
),
planned AS (${PLANNED_PERIODS}),
same_periods AS (
  SELECT p.row_key FROM planned p
  JOIN reported_periods r ON r.org_id = $1 AND r.row_key = p.row_key
  WHERE (r.reach, ${METRICS.map((m) => `r."${m.column}"`).join(', ')})
        IS NOT DISTINCT FROM (p.reach, ${METRICS.map((m) => `p."${m.column}"`).join(', ')})
),
row_keys AS (
  SELECT row_number, event_id IN (SELECT event_id FROM known_events) AS same FROM ${STAGE_EVENTS}
  UNION ALL
  SELECT row_number, row_key IN (SELECT row_key FROM same_periods) AS same FROM ${STAGE_PERIODS}
)
SELECT count(*)::int AS duplicate FROM (SELECT row_number FROM row_keys GROUP BY row_number HAVING bool_and(same)) d`;

/** The staged events, combined by id, as the shared writer's input ($2 time zone, $3 import id). */
const STAGED_EVENTS_QUERY = `
  SELECT event_id, (day::timestamp AT TIME ZONE $2) AS occurred_at, campaign_id, creative_id, platform, type,
         NULL::bigint AS member_hash, age_band, gender, region, 'unknown'::text AS language,
         sum(count)::integer AS count, $3::uuid AS import_id
  FROM ${STAGE_EVENTS}
  GROUP BY event_id, day, campaign_id, creative_id, platform, type, age_band, gender, region
  ORDER BY event_id`;

/**
 * Upserts reported periods by their deterministic row key. A later export of the same period
 * replaces the figures (lifetime totals grow as a post keeps being seen); equal figures are left alone.
 */
const UPSERT_PERIODS_SQL = `
INSERT INTO reported_periods (org_id, import_id, row_key, grain, period_start, period_end, campaign_id, creative_id,
                              platform, age_band, gender, region, reach, ${METRIC_LIST})
SELECT $1, $2, p.row_key, p.grain, p.period_start, p.period_end, p.campaign_id, p.creative_id,
       p.platform, p.age_band, p.gender, p.region, p.reach, ${METRICS.map((m) => `p."${m.column}"`).join(', ')}
FROM (${PLANNED_PERIODS}) p
ORDER BY p.row_key
ON CONFLICT (org_id, row_key) DO UPDATE SET
  import_id = EXCLUDED.import_id, reach = EXCLUDED.reach,
  ${METRICS.map((m) => `"${m.column}" = EXCLUDED."${m.column}"`).join(', ')}
WHERE (reported_periods.reach, ${METRICS.map((m) => `reported_periods."${m.column}"`).join(', ')})
  IS DISTINCT FROM (EXCLUDED.reach, ${METRICS.map((m) => `EXCLUDED."${m.column}"`).join(', ')})`;

/**
 * Writes everything staged, in the caller's transaction. Returns how many rows (by row number)
 * were already stored with the same figures before this import.
 */
export async function writeStaged(
  client: PoolClient,
  params: { orgId: string; timeZone: string; importId: string },
): Promise<{ duplicateRows: number }> {
  const { orgId, timeZone, importId } = params;
  // Temporary tables have no statistics until analysed; the plans below depend on their size.
  await client.query(`ANALYZE ${STAGE_EVENTS}, ${STAGE_PERIODS}`);
  const { rows } = await client.query<{ duplicate: number }>(DUPLICATE_ROWS_SQL, [orgId]);
  await writeEventsFromQuery(client, { orgId, timeZone, query: STAGED_EVENTS_QUERY, params: [importId] });
  await client.query(UPSERT_PERIODS_SQL, [orgId, importId]);
  return { duplicateRows: rows[0]?.duplicate ?? 0 };
}
