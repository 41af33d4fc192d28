import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { METRIC_COLUMN_BY_TYPE, reviseEventCounts, writeEventsFromQuery } from '../warehouse/events/event-writer.js';
import type { ImportRevision } from '@resonance/contracts';
import { EVENT_TYPES, type EventType, type ExportFormat } from './parsers/index.js';
import { isDailyRow, type ResolvedRow } from './import-plan.js';

/**
 * Set-based import writes. Each batch of resolved rows is COPYed into a temporary table of the
 * import's transaction; at the end, SQL expands them into events, reported periods and spend,
 * combines rows of the file that land on the same key, compares every key with what is stored,
 * and writes in one pass each: new events through the shared event writer, revised events through
 * its revision path (the latest export wins: counts replaced, rollups corrected, cube days marked),
 * reported periods and spend upserted by key. Each row of the file is reported as new (none of its
 * keys was stored), revised (some were, with other figures) or unchanged. Nothing here grows with
 * the number of creatives, days or cells.
 */

const METRICS = EVENT_TYPES.map((type) => ({ type, column: METRIC_COLUMN_BY_TYPE[type] }));
const METRIC_LIST = METRICS.map((m) => `"${m.column}"`).join(', ');

const STAGE_ROWS = 'import_stage_rows';
const STAGE_EVENTS = 'import_stage_events';
const STAGE_EVENT_KEYS = 'import_stage_event_keys';
const STAGE_PERIODS = 'import_stage_periods';
const STAGE_PERIOD_KEYS = 'import_stage_period_keys';
const STAGE_SPEND = 'import_stage_spend';
const STAGE_SPEND_KEYS = 'import_stage_spend_keys';
const STAGE_ROW_STATUS = 'import_stage_row_status';

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
  'spend_micros',
  'currency',
  ...METRICS.map((m) => m.column),
] as const;

/**
 * What the reader learns about the staged rows as they arrive, so the write can take the fast path
 * (see writeStaged) without a pass over the stage: whether every row is a single-day row, and
 * whether two rows of the file land on the same cell (rows to add together).
 */
export class StageState {
  allDaily = true;
  sharedCells = false;
  rows = 0;
  private readonly cells = new Set<string>();

  note(resolved: ResolvedRow): void {
    const { row, campaignId, creativeId } = resolved;
    this.rows += 1;
    if (!isDailyRow(row)) this.allDaily = false;
    if (this.sharedCells) return;
    // Conservative: null and 'unknown' are one cell here, as in event ids; a false alarm only costs a GROUP BY.
    const cell = `${row.grain}|${row.periodStart}|${row.periodEnd}|${campaignId}|${creativeId ?? ''}|${row.platform}|${row.ageBand ?? 'unknown'}|${row.gender ?? 'unknown'}|${row.region ?? 'unknown'}`;
    if (this.cells.has(cell)) {
      this.sharedCells = true;
      this.cells.clear();
    } else {
      this.cells.add(cell);
    }
  }
}

export async function createStage(client: PoolClient): Promise<StageState> {
  await client.query(`
    CREATE TEMPORARY TABLE ${STAGE_ROWS} (
      row_number integer NOT NULL, daily boolean NOT NULL, grain text NOT NULL, period_start date NOT NULL,
      period_end date NOT NULL, campaign_id uuid NOT NULL, creative_id uuid, platform text NOT NULL,
      age_band text, gender text, region text, reach bigint, spend_micros bigint, currency text,
      ${METRICS.map((m) => `"${m.column}" bigint NOT NULL`).join(', ')}
    ) ON COMMIT DROP`);
  return new StageState();
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
export async function stageRows(client: PoolClient, stage: StageState, rows: readonly ResolvedRow[]): Promise<void> {
  if (rows.length === 0) return;
  const lines = new Array<string>(rows.length);
  for (let i = 0; i < rows.length; i += 1) {
    const resolved = rows[i] as ResolvedRow;
    stage.note(resolved);
    const { row, campaignId, creativeId } = resolved;
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
      row.spend?.micros ?? null,
      row.spend?.currency ?? null,
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
const periodKeyParts = (format: string): string[] => [
  `${format}::text`,
  's.grain',
  's.period_start::text',
  's.period_end::text',
  's.campaign_id::text',
  "coalesce(s.creative_id::text, '')",
  's.platform',
  "coalesce(s.age_band, '')",
  "coalesce(s.gender, '')",
  "coalesce(s.region, '')",
];
const PERIOD_KEY_PARTS = periodKeyParts('$1');

/**
 * Per staged daily row, one line per event type with its id (importEventId()) and count. Every type
 * is listed, zeros included, so a revision to 0 replaces an earlier figure; `wanted` marks the
 * events a first import stores (counts > 0; a row of zeros → one zero impression). $1 = the format.
 */
const eventIdSql = (format: string): string =>
  `'imp:' || ${sha256Hex([
    `${format}::text`,
    's.grain',
    's.period_start::text',
    's.campaign_id::text',
    's.creative_id::text',
    's.platform',
    "coalesce(s.age_band, 'unknown')",
    "coalesce(s.gender, 'unknown')",
    "coalesce(s.region, 'unknown')",
    'm.type',
  ])}`;
const METRIC_VALUES = `(VALUES ${METRICS.map((m) => `('${m.type}', s."${m.column}")`).join(', ')}) AS m(type, count)`;

const EXPAND_EVENTS_SQL = `
CREATE TEMPORARY TABLE ${STAGE_EVENTS} ON COMMIT DROP AS
SELECT s.row_number, ${eventIdSql('$1')} AS event_id,
       s.period_start AS day, s.campaign_id, s.creative_id, s.platform, m.type,
       coalesce(s.age_band, 'unknown') AS age_band, coalesce(s.gender, 'unknown') AS gender,
       coalesce(s.region, 'unknown') AS region, m.count,
       (m.count > 0 OR (m.type = 'impression' AND ${ALL_ZERO})) AS wanted
FROM ${STAGE_ROWS} s
CROSS JOIN LATERAL ${METRIC_VALUES}
WHERE s.daily`;

/** Each event id of the file (rows on one key added up) beside the count stored for it, if any. $1 = org. */
const EVENT_KEYS_SQL = `
CREATE TEMPORARY TABLE ${STAGE_EVENT_KEYS} ON COMMIT DROP AS
SELECT p.event_id, p.count, p.wanted, e.count::bigint AS old_count
FROM (SELECT event_id, sum(count)::bigint AS count, bool_or(wanted) AS wanted FROM ${STAGE_EVENTS} GROUP BY event_id) p
LEFT JOIN events e ON e.org_id = $1 AND e.event_id = p.event_id`;

const EXPAND_PERIODS_SQL = `
CREATE TEMPORARY TABLE ${STAGE_PERIODS} ON COMMIT DROP AS
SELECT s.row_number,
       'rp:' || ${sha256Hex(PERIOD_KEY_PARTS)} AS row_key,
       s.grain, s.period_start, s.period_end, s.campaign_id, s.creative_id, s.platform, s.age_band, s.gender,
       s.region, s.reach,
       ${METRICS.map((m) => `CASE WHEN s.daily THEN 0 ELSE s."${m.column}" END AS "${m.column}"`).join(', ')}
FROM ${STAGE_ROWS} s
WHERE NOT s.daily OR s.reach IS NOT NULL`;

const FIGURES = (alias: string): string => METRICS.map((m) => `${alias}."${m.column}"`).join(', ');

/**
 * Periods of the file (rows landing on one period added up; their reach cannot be combined) beside
 * what is stored for the same key. $1 = org.
 */
const PERIOD_KEYS_SQL = `
CREATE TEMPORARY TABLE ${STAGE_PERIOD_KEYS} ON COMMIT DROP AS
SELECT p.*, r.row_key IS NOT NULL AS existed,
       r.row_key IS NOT NULL AND (r.reach, ${FIGURES('r')}) IS NOT DISTINCT FROM (p.reach, ${FIGURES('p')}) AS same,
       r.reach AS old_reach,
       ${METRICS.map((m) => `coalesce(r."${m.column}", 0) AS "old_${m.column}"`).join(', ')}
FROM (
  SELECT row_key, grain, period_start, period_end, campaign_id, creative_id, platform, age_band, gender, region,
         CASE WHEN count(*) > 1 THEN NULL ELSE max(reach) END AS reach,
         ${METRICS.map((m) => `sum("${m.column}")::bigint AS "${m.column}"`).join(', ')}
  FROM ${STAGE_PERIODS}
  GROUP BY row_key, grain, period_start, period_end, campaign_id, creative_id, platform, age_band, gender, region
) p
LEFT JOIN reported_periods r ON r.org_id = $1 AND r.row_key = p.row_key`;

/**
 * Per staged row that carries spend: its key (the period key plus the currency) and its counts, so
 * a cost can divide spend by a count of the same rows. $1 = the format.
 */
const EXPAND_SPEND_SQL = `
CREATE TEMPORARY TABLE ${STAGE_SPEND} ON COMMIT DROP AS
SELECT s.row_number,
       'rs:' || ${sha256Hex([...PERIOD_KEY_PARTS, 's.currency'])} AS row_key,
       s.grain, s.period_start, s.period_end, s.campaign_id, s.creative_id, s.platform, s.age_band, s.gender,
       s.region, s.currency, s.spend_micros, ${FIGURES('s')}
FROM ${STAGE_ROWS} s
WHERE s.spend_micros IS NOT NULL`;

const SPEND_KEYS_SQL = `
CREATE TEMPORARY TABLE ${STAGE_SPEND_KEYS} ON COMMIT DROP AS
SELECT p.*, r.row_key IS NOT NULL AS existed,
       r.row_key IS NOT NULL AND (r.spend_micros, ${FIGURES('r')}) = (p.spend_micros, ${FIGURES('p')}) AS same,
       coalesce(r.spend_micros, 0) AS old_spend_micros
FROM (
  SELECT row_key, grain, period_start, period_end, campaign_id, creative_id, platform, age_band, gender, region,
         currency, sum(spend_micros)::bigint AS spend_micros,
         ${METRICS.map((m) => `sum("${m.column}")::bigint AS "${m.column}"`).join(', ')}
  FROM ${STAGE_SPEND}
  GROUP BY row_key, grain, period_start, period_end, campaign_id, creative_id, platform, age_band, gender, region, currency
) p
LEFT JOIN reported_spend r ON r.org_id = $1 AND r.row_key = p.row_key`;

/**
 * Each row of the file: unchanged when every key it writes is stored with the same figures, revised
 * when some key was stored with other figures, new when none of its keys was stored.
 */
const ROW_STATUS_SQL = `
WITH keys AS (
  SELECT s.row_number, k.old_count IS NOT NULL AS existed,
         coalesce(k.old_count = k.count, NOT k.wanted) AS same
  FROM ${STAGE_EVENTS} s JOIN ${STAGE_EVENT_KEYS} k USING (event_id)
  UNION ALL
  SELECT s.row_number, k.existed, k.same FROM ${STAGE_PERIODS} s JOIN ${STAGE_PERIOD_KEYS} k USING (row_key)
  UNION ALL
  SELECT s.row_number, k.existed, k.same FROM ${STAGE_SPEND} s JOIN ${STAGE_SPEND_KEYS} k USING (row_key)
),
rows AS (SELECT row_number, bool_and(same) AS same, bool_or(existed) AS existed FROM keys GROUP BY row_number)
SELECT row_number, CASE WHEN same THEN 'unchanged' WHEN existed THEN 'revised' ELSE 'new' END AS status FROM rows`;

/** Change in event counts over the rows that revised stored figures (new − stored, per type). */
const EVENT_DELTAS_SQL = `
SELECT e.type, sum(k.count - coalesce(k.old_count, 0))::float8 AS delta
FROM (SELECT DISTINCT s.event_id, s.type FROM ${STAGE_EVENTS} s
        JOIN ${STAGE_ROW_STATUS} r ON r.row_number = s.row_number AND r.status = 'revised') e
JOIN ${STAGE_EVENT_KEYS} k USING (event_id)
GROUP BY e.type ORDER BY e.type`;

/** The new events of the file, combined by id, as the shared writer's input ($2 time zone, $3 import id). */
const STAGED_EVENTS_QUERY = `
  SELECT s.event_id, (s.day::timestamp AT TIME ZONE $2) AS occurred_at, s.campaign_id, s.creative_id, s.platform, s.type,
         NULL::bigint AS member_hash, s.age_band, s.gender, s.region, 'unknown'::text AS language,
         sum(s.count)::integer AS count, $3::uuid AS import_id
  FROM ${STAGE_EVENTS} s JOIN ${STAGE_EVENT_KEYS} k USING (event_id)
  WHERE k.old_count IS NULL AND k.wanted
  GROUP BY s.event_id, s.day, s.campaign_id, s.creative_id, s.platform, s.type, s.age_band, s.gender, s.region
  ORDER BY s.event_id`;

/** Stored events the file reports other figures for: their new counts (reviseEventCounts' input). */
const REVISED_EVENTS_QUERY = `
  SELECT event_id, count::integer AS count FROM ${STAGE_EVENT_KEYS}
  WHERE old_count IS NOT NULL AND old_count <> count`;

/**
 * Upserts reported periods by their deterministic row key. A later export of the same period
 * replaces the figures (lifetime totals grow as a post keeps being seen); equal figures are left alone.
 */
const UPSERT_PERIODS_SQL = `
INSERT INTO reported_periods (org_id, import_id, row_key, grain, period_start, period_end, campaign_id, creative_id,
                              platform, age_band, gender, region, reach, ${METRIC_LIST})
SELECT $1, $2, p.row_key, p.grain, p.period_start, p.period_end, p.campaign_id, p.creative_id,
       p.platform, p.age_band, p.gender, p.region, p.reach, ${FIGURES('p')}
FROM ${STAGE_PERIOD_KEYS} p
WHERE NOT p.same
ORDER BY p.row_key
ON CONFLICT (org_id, row_key) DO UPDATE SET
  import_id = EXCLUDED.import_id, reach = EXCLUDED.reach,
  ${METRICS.map((m) => `"${m.column}" = EXCLUDED."${m.column}"`).join(', ')}`;

const UPSERT_SPEND_SQL = `
INSERT INTO reported_spend (org_id, import_id, row_key, grain, period_start, period_end, campaign_id, creative_id,
                            platform, age_band, gender, region, currency, spend_micros, ${METRIC_LIST})
SELECT $1, $2, p.row_key, p.grain, p.period_start, p.period_end, p.campaign_id, p.creative_id,
       p.platform, p.age_band, p.gender, p.region, p.currency, p.spend_micros, ${FIGURES('p')}
FROM ${STAGE_SPEND_KEYS} p
WHERE NOT p.same
ORDER BY p.row_key
ON CONFLICT (org_id, row_key) DO UPDATE SET
  import_id = EXCLUDED.import_id, spend_micros = EXCLUDED.spend_micros,
  ${METRICS.map((m) => `"${m.column}" = EXCLUDED."${m.column}"`).join(', ')}`;

/** Change in the figures of revised reported periods (multi-day and lifetime counts; reach figures replaced). */
const PERIOD_DELTAS_SQL = `
SELECT count(*) FILTER (WHERE reach IS DISTINCT FROM old_reach)::int AS reach_figures,
       ${METRICS.map((m) => `coalesce(sum("${m.column}" - "old_${m.column}"), 0)::float8 AS "${m.column}"`).join(', ')}
FROM ${STAGE_PERIOD_KEYS} WHERE existed AND NOT same`;

const SPEND_DELTAS_SQL = `
SELECT currency, sum(spend_micros - old_spend_micros)::float8 AS delta
FROM ${STAGE_SPEND_KEYS} WHERE existed AND NOT same
GROUP BY currency HAVING sum(spend_micros - old_spend_micros) <> 0 ORDER BY currency`;

/*
 * The fast path: a file of single-day rows none of whose (day, creative, platform) has anything
 * stored yet — a first import, the common case. Every row is then new, so nothing is compared
 * with stored figures: events, reach periods and spend are inserted straight from the staged rows
 * (plain inserts, in a savepoint: a key stored after all — a concurrent import of the same file —
 * rolls back to the full path). Rows of the file on one cell are added together only when the
 * reader saw such rows (`sharedCells`).
 */

/** Whether anything is stored for a (day, creative, platform) of the staged rows. $1 = org. */
const STORED_OVERLAP_SQL = `
SELECT EXISTS (
  SELECT 1 FROM (SELECT DISTINCT period_start, creative_id, platform FROM ${STAGE_ROWS}) s
  JOIN rollup_daily_creative r
    ON r.org_id = $1 AND r.day = s.period_start AND r.creative_id = s.creative_id AND r.platform = s.platform
) AS overlap`;

/** The staged rows' events for writeEventsFromQuery ($1 org, $2 time zone, $3 import id, $4 format). */
const fastEventsQuery = (shared: boolean): string => {
  const events = `
  SELECT ${eventIdSql('$4')} AS event_id, (s.period_start::timestamp AT TIME ZONE $2) AS occurred_at,
         s.campaign_id, s.creative_id, s.platform, m.type, NULL::bigint AS member_hash,
         coalesce(s.age_band, 'unknown') AS age_band, coalesce(s.gender, 'unknown') AS gender,
         coalesce(s.region, 'unknown') AS region, 'unknown'::text AS language, m.count::integer AS count,
         $3::uuid AS import_id
  FROM ${STAGE_ROWS} s CROSS JOIN LATERAL ${METRIC_VALUES}
  WHERE m.count > 0 OR (m.type = 'impression' AND ${ALL_ZERO})`;
  if (!shared) return `${events}\n  ORDER BY 1`;
  return `
  SELECT event_id, occurred_at, campaign_id, creative_id, platform, type, member_hash, age_band, gender, region,
         language, sum(count)::integer AS count, import_id
  FROM (${events}) e
  GROUP BY event_id, occurred_at, campaign_id, creative_id, platform, type, member_hash, age_band, gender, region,
           language, import_id
  ORDER BY event_id`;
};

const PERIOD_GROUP = 'grain, period_start, period_end, campaign_id, creative_id, platform, age_band, gender, region';

/** Reach of the staged rows as reported periods (their counts live in the events). $1 org, $2 import id, $3 format. */
const fastPeriodsSql = (shared: boolean): string => {
  const rows = `SELECT 'rp:' || ${sha256Hex(periodKeyParts('$3'))} AS row_key, s.* FROM ${STAGE_ROWS} s WHERE s.reach IS NOT NULL`;
  const zeros = METRICS.map(() => '0').join(', ');
  return `
INSERT INTO reported_periods (org_id, import_id, row_key, ${PERIOD_GROUP}, reach, ${METRIC_LIST})
${
  shared
    ? `SELECT $1, $2, row_key, ${PERIOD_GROUP}, CASE WHEN count(*) > 1 THEN NULL ELSE max(reach) END, ${zeros}
FROM (${rows}) p GROUP BY row_key, ${PERIOD_GROUP}`
    : `SELECT $1, $2, row_key, ${PERIOD_GROUP}, reach, ${zeros} FROM (${rows}) p`
}
ORDER BY row_key`;
};

/** Spend of the staged rows, with the counts of the same rows. $1 org, $2 import id, $3 format. */
const fastSpendSql = (shared: boolean): string => {
  const rows = `SELECT 'rs:' || ${sha256Hex([...periodKeyParts('$3'), 's.currency'])} AS row_key, s.* FROM ${STAGE_ROWS} s WHERE s.spend_micros IS NOT NULL`;
  return `
INSERT INTO reported_spend (org_id, import_id, row_key, ${PERIOD_GROUP}, currency, spend_micros, ${METRIC_LIST})
${
  shared
    ? `SELECT $1, $2, row_key, ${PERIOD_GROUP}, currency, sum(spend_micros),
       ${METRICS.map((m) => `sum("${m.column}")`).join(', ')}
FROM (${rows}) p GROUP BY row_key, ${PERIOD_GROUP}, currency`
    : `SELECT $1, $2, row_key, ${PERIOD_GROUP}, currency, spend_micros, ${FIGURES('p')} FROM (${rows}) p`
}
ORDER BY row_key`;
};

const UNIQUE_VIOLATION = '23505';

/** Writes a first import of single-day rows; false (nothing written) when something of it is stored. */
async function writeFresh(
  client: PoolClient,
  stage: StageState,
  params: { orgId: string; timeZone: string; importId: string; format: ExportFormat },
): Promise<boolean> {
  const { orgId, timeZone, importId, format } = params;
  if (!stage.allDaily) return false;
  const overlap = await client.query<{ overlap: boolean }>(STORED_OVERLAP_SQL, [orgId]);
  if (overlap.rows[0]?.overlap !== false) return false;
  await client.query('SAVEPOINT import_fresh');
  try {
    await writeEventsFromQuery(client, {
      orgId,
      timeZone,
      query: fastEventsQuery(stage.sharedCells),
      params: [importId, format],
      fresh: true,
    });
    await client.query(fastPeriodsSql(stage.sharedCells), [orgId, importId, format]);
    await client.query(fastSpendSql(stage.sharedCells), [orgId, importId, format]);
    await client.query('RELEASE SAVEPOINT import_fresh');
    return true;
  } catch (error) {
    if ((error as { code?: unknown }).code !== UNIQUE_VIOLATION) throw error;
    await client.query('ROLLBACK TO SAVEPOINT import_fresh');
    return false;
  }
}

export interface StagedWriteResult {
  rowsNew: number;
  rowsRevised: number;
  rowsUnchanged: number;
  /** null when no row was revised. */
  revision: ImportRevision | null;
  /** 'fresh': nothing of the file was stored, written without comparing; 'compared': each key compared with what is stored. */
  path: 'fresh' | 'compared';
}

/**
 * Writes everything staged, in the caller's transaction, and says which rows were new, revised or
 * already stored with the same figures.
 */
export async function writeStaged(
  client: PoolClient,
  stage: StageState,
  params: { orgId: string; timeZone: string; importId: string; format: ExportFormat },
): Promise<StagedWriteResult> {
  const { orgId, timeZone, importId, format } = params;
  if (await writeFresh(client, stage, params)) {
    return { rowsNew: stage.rows, rowsRevised: 0, rowsUnchanged: 0, revision: null, path: 'fresh' };
  }
  await client.query(EXPAND_EVENTS_SQL, [format]);
  await client.query(EXPAND_PERIODS_SQL, [format]);
  await client.query(EXPAND_SPEND_SQL, [format]);
  // Temporary tables have no statistics until analysed; the plans below depend on their size.
  await client.query(`ANALYZE ${STAGE_EVENTS}, ${STAGE_PERIODS}, ${STAGE_SPEND}`);
  await client.query(EVENT_KEYS_SQL, [orgId]);
  await client.query(PERIOD_KEYS_SQL, [orgId]);
  await client.query(SPEND_KEYS_SQL, [orgId]);
  await client.query(`ANALYZE ${STAGE_EVENT_KEYS}, ${STAGE_PERIOD_KEYS}, ${STAGE_SPEND_KEYS}`);
  await client.query(`CREATE TEMPORARY TABLE ${STAGE_ROW_STATUS} ON COMMIT DROP AS ${ROW_STATUS_SQL}`);
  const { rows } = await client.query<{ unchanged: number; revised: number; new: number }>(
    `SELECT count(*) FILTER (WHERE status = 'unchanged')::int AS unchanged,
            count(*) FILTER (WHERE status = 'revised')::int AS revised,
            count(*) FILTER (WHERE status = 'new')::int AS new
       FROM ${STAGE_ROW_STATUS}`,
  );
  const status = rows[0] ?? { unchanged: 0, revised: 0, new: 0 };
  let revision: ImportRevision | null = null;
  if (status.revised > 0) {
    const eventDeltas = await client.query<{ type: EventType; delta: number }>(EVENT_DELTAS_SQL);
    await reviseEventCounts(client, { orgId, query: REVISED_EVENTS_QUERY, params: [] });
    const periods = await client.query<Record<string, number>>(PERIOD_DELTAS_SQL);
    const spend = await client.query<{ currency: string; delta: number }>(SPEND_DELTAS_SQL);
    const counts: Partial<Record<EventType, number>> = {};
    const periodRow = periods.rows[0] ?? {};
    const byType = new Map(eventDeltas.rows.map((r) => [r.type, Number(r.delta)]));
    for (const { type, column } of METRICS) {
      const delta = (byType.get(type) ?? 0) + Number(periodRow[column] ?? 0);
      if (delta !== 0) counts[type] = delta;
    }
    revision = {
      counts,
      spend: Object.fromEntries(spend.rows.map((r) => [r.currency, r.delta / 1_000_000])),
      reachFigures: Number(periodRow['reach_figures'] ?? 0),
    };
  }
  await writeEventsFromQuery(client, { orgId, timeZone, query: STAGED_EVENTS_QUERY, params: [importId] });
  await client.query(UPSERT_PERIODS_SQL, [orgId, importId]);
  await client.query(UPSERT_SPEND_SQL, [orgId, importId]);
  return {
    rowsNew: status.new,
    rowsRevised: status.revised,
    rowsUnchanged: status.unchanged,
    revision,
    path: 'compared',
  };
}
