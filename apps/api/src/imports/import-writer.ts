import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { METRIC_COLUMN_BY_TYPE, writeEventsFromQuery } from '../warehouse/events/event-writer.js';
import { EVENT_TYPES, type ExportFormat } from './parsers/index.js';
import { isDailyRow, type ResolvedRow } from './import-plan.js';

/**
 * Set-based import writes. Each batch of resolved rows is COPYed into a temporary table of the
 * import's transaction; at the end, SQL expands them into events and reported periods, combines
 * rows of the file that land on the same key, works out which rows were already stored with the
 * same figures, and writes events (through the shared event writer) and reported periods in one
 * pass each. Nothing here grows with the number of creatives, days or cells.
 */

const METRICS = EVENT_TYPES.map((type) => ({ type, column: METRIC_COLUMN_BY_TYPE[type] }));
const METRIC_LIST = METRICS.map((m) => `"${m.column}"`).join(', ');

const STAGE_ROWS = 'import_stage_rows';
const STAGE_EVENTS = 'import_stage_events';
const STAGE_PERIODS = 'import_stage_periods';

const ROW_COLUMNS = [
  'row_number',
  'daily',
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
    CREATE TEMPORARY TABLE ${STAGE_ROWS} (
      row_number integer NOT NULL, daily boolean NOT NULL, grain text NOT NULL, period_start date NOT NULL,
      period_end date NOT NULL, campaign_id uuid NOT NULL, creative_id uuid, platform text NOT NULL,
      age_band text, gender text, region text, reach bigint,
      ${METRICS.map((m) => `"${m.column}" bigint NOT NULL`).join(', ')}
    ) ON COMMIT DROP`);
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A value in COPY's text format. */
function copyValue(value: string | number | boolean | null): string {
  if (value === null) return '\\N';
  const text = String(value);
  return /[\\\t\n\r]/.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c] ?? c) : text;
}

/**
 * Adds a batch of resolved rows to the import's staging table: one line per row, as parsed. Event
 * ids and period keys are derived in SQL at the end (the same SHA-256 as import-plan.ts), so the
 * main thread's share of a batch is formatting text.
 */
export async function stageRows(client: PoolClient, rows: readonly ResolvedRow[]): Promise<void> {
  if (rows.length === 0) return;
  const lines = new Array<string>(rows.length);
  for (let i = 0; i < rows.length; i += 1) {
    const { row, campaignId, creativeId } = rows[i] as ResolvedRow;
    const values: (string | number | boolean | null)[] = [
      row.rowNumber,
      isDailyRow(row),
      row.grain,
      row.periodStart,
      row.periodEnd,
      campaignId,
      creativeId,
      row.platform,
      row.ageBand,
      row.gender,
      row.region,
      row.reach,
      ...METRICS.map((m) => row.counts[m.type] ?? 0),
    ];
    lines[i] = `${values.map(copyValue).join('\t')}\n`;
  }
  const stream = client.query(copyFrom(`COPY ${STAGE_ROWS} (${ROW_COLUMNS.join(', ')}) FROM STDIN`));
  await new Promise<void>((resolve, reject) => {
    stream.on('error', reject);
    stream.on('finish', resolve);
    stream.end(lines.join(''));
  });
}

const sha256Hex = (parts: string[]): string =>
  `encode(sha256(convert_to(concat_ws('|', ${parts.join(', ')}), 'UTF8')), 'hex')`;
const ALL_ZERO = METRICS.map((m) => `s."${m.column}" = 0`).join(' AND ');

/**
 * Per staged row, what it stores (as buildImportPlan does in memory): a daily row → one event per
 * type reported (a row of zeros → one zero impression), ids = importEventId(); a longer row → a
 * reported period; a daily row's reach → a period of its own with no counts. $1 = the format.
 */
const EXPAND_EVENTS_SQL = `
CREATE TEMPORARY TABLE ${STAGE_EVENTS} ON COMMIT DROP AS
SELECT s.row_number,
       'imp:' || ${sha256Hex([
         '$1::text',
         's.grain',
         's.period_start::text',
         's.campaign_id::text',
         's.creative_id::text',
         's.platform',
         "coalesce(s.age_band, 'unknown')",
         "coalesce(s.gender, 'unknown')",
         "coalesce(s.region, 'unknown')",
         'm.type',
       ])} AS event_id,
       s.period_start AS day, s.campaign_id, s.creative_id, s.platform, m.type,
       coalesce(s.age_band, 'unknown') AS age_band, coalesce(s.gender, 'unknown') AS gender,
       coalesce(s.region, 'unknown') AS region, m.count
FROM ${STAGE_ROWS} s
CROSS JOIN LATERAL (VALUES ${METRICS.map((m) => `('${m.type}', s."${m.column}")`).join(', ')}) AS m(type, count)
WHERE s.daily AND (m.count > 0 OR (m.type = 'impression' AND ${ALL_ZERO}))`;

const EXPAND_PERIODS_SQL = `
CREATE TEMPORARY TABLE ${STAGE_PERIODS} ON COMMIT DROP AS
SELECT s.row_number,
       'rp:' || ${sha256Hex([
         '$1::text',
         's.grain',
         's.period_start::text',
         's.period_end::text',
         's.campaign_id::text',
         "coalesce(s.creative_id::text, '')",
         's.platform',
         "coalesce(s.age_band, '')",
         "coalesce(s.gender, '')",
         "coalesce(s.region, '')",
       ])} AS row_key,
       s.grain, s.period_start, s.period_end, s.campaign_id, s.creative_id, s.platform, s.age_band, s.gender,
       s.region, s.reach,
       ${METRICS.map((m) => `CASE WHEN s.daily THEN 0 ELSE s."${m.column}" END AS "${m.column}"`).join(', ')}
FROM ${STAGE_ROWS} s
WHERE NOT s.daily OR s.reach IS NOT NULL`;

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
  params: { orgId: string; timeZone: string; importId: string; format: ExportFormat },
): Promise<{ duplicateRows: number }> {
  const { orgId, timeZone, importId, format } = params;
  await client.query(EXPAND_EVENTS_SQL, [format]);
  await client.query(EXPAND_PERIODS_SQL, [format]);
  // Temporary tables have no statistics until analysed; the plans below depend on their size.
  await client.query(`ANALYZE ${STAGE_EVENTS}, ${STAGE_PERIODS}`);
  const { rows } = await client.query<{ duplicate: number }>(DUPLICATE_ROWS_SQL, [orgId]);
  await writeEventsFromQuery(client, { orgId, timeZone, query: STAGED_EVENTS_QUERY, params: [importId] });
  await client.query(UPSERT_PERIODS_SQL, [orgId, importId]);
  return { duplicateRows: rows[0]?.duplicate ?? 0 };
}
