import type { PoolClient } from 'pg';
import type { ImportRevision } from '@resonance/contracts';
import { CopyBuffer, copyFromText, copyValue } from '../infra/database/copy-from.js';
import { isUniqueViolation } from '../infra/database/pg-errors.js';
import { NewAggregateWriter, type LookUp, type PreparedAggregates } from '../warehouse/events/aggregate-writer.js';
import { METRIC_COLUMN_BY_TYPE, reviseEventCounts, writeEventsFromQuery } from '../warehouse/events/event-writer.js';
import { EVENT_TYPES, type EventType, type ExportFormat } from './parsers/index.js';
import { isDailyRow, planNewRows, type NewPeriod, type NewSpend, type ResolvedRow } from './import-plan.js';

/**
 * Set-based import writes, as the file is read, a batch of resolved rows at a time (see ImportWriter):
 * rows of cells nothing is stored for — a first import — are turned into events, reported periods
 * and spend here and COPYed while the worker parses the next batch (events through the warehouse's
 * NewAggregateWriter, which writes the cube's day marks once at the end; the rollups are views over
 * events); the rest are staged by COPY into a temporary table of
 * the import's transaction and, at the end, expanded into
 * events, reported periods and spend, combined by key, compared with what is stored, and written in
 * one pass each: new events through the shared event writer, revised events through its revision
 * path (the latest export wins: counts replaced, cube days marked), reported
 * periods and spend upserted by key. Each row of the file is reported as new (none of its keys was
 * stored), revised (some were, with other figures) or unchanged. The work per batch is per row and
 * per distinct (day, creative, platform); nothing grows with the number of creatives, days or
 * cells already written.
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

const TABLE_COLUMNS = `
  row_number integer NOT NULL, daily boolean NOT NULL, grain text NOT NULL, period_start date NOT NULL,
  period_end date NOT NULL, campaign_id uuid NOT NULL, creative_id uuid, platform text NOT NULL,
  age_band text, gender text, region text, reach bigint, spend_micros bigint, currency text,
  ${METRICS.map((m) => `"${m.column}" bigint NOT NULL`).join(', ')}`;

/** Rows into one of the import's temporary tables: one line per row, as parsed. */
async function copyRows(client: PoolClient, table: string, rows: readonly ResolvedRow[]): Promise<void> {
  if (rows.length === 0) return;
  const lines = new Array<string>(rows.length);
  for (let i = 0; i < rows.length; i += 1) {
    const { row, campaignId, creativeId } = rows[i] as ResolvedRow;
    let counts = '';
    for (const m of METRICS) counts += `\t${row.counts[m.type] ?? 0}`;
    lines[i] =
      `${row.rowNumber}\t${isDailyRow(row) ? 't' : 'f'}\t${copyValue(row.grain)}\t${row.periodStart}\t${row.periodEnd}\t` +
      `${campaignId}\t${creativeId ?? '\\N'}\t${copyValue(row.platform)}\t${copyValue(row.ageBand)}\t${copyValue(row.gender)}\t` +
      `${copyValue(row.region)}\t${row.reach ?? '\\N'}\t${row.spend?.micros ?? '\\N'}\t${copyValue(row.spend?.currency ?? null)}` +
      `${counts}\n`;
  }
  await copyFromText(client, `COPY ${table} (${ROW_COLUMNS.join(', ')}) FROM STDIN`, lines.join(''));
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

/**
 * Each event id of the file (rows on one key added up) beside the count stored for it, if any. $1 = org.
 * Stored rows are looked up by the file's keys (`= ANY (ARRAY(…))`: one index probe per key), not joined
 * outright: on Citus the keys then go to the organisation's worker and only matches come back, where a plain
 * outer join pulled every stored row of the organisation to the coordinator; on one PostgreSQL the probes
 * beat the join too (docs/scaling.md, "Imports"). The same for periods and spend below.
 */
const EVENT_KEYS_SQL = `
CREATE TEMPORARY TABLE ${STAGE_EVENT_KEYS} ON COMMIT DROP AS
SELECT p.event_id, p.count, p.wanted, e.count::bigint AS old_count
FROM (SELECT event_id, sum(count)::bigint AS count, bool_or(wanted) AS wanted FROM ${STAGE_EVENTS} GROUP BY event_id) p
LEFT JOIN (SELECT event_id, count FROM events
           WHERE org_id = $1 AND event_id = ANY (ARRAY(SELECT event_id FROM ${STAGE_EVENTS}))) e
  ON e.event_id = p.event_id`;

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
LEFT JOIN (SELECT * FROM reported_periods
           WHERE org_id = $1 AND row_key = ANY (ARRAY(SELECT row_key FROM ${STAGE_PERIODS}))) r
  ON r.row_key = p.row_key`;

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
LEFT JOIN (SELECT * FROM reported_spend
           WHERE org_id = $1 AND row_key = ANY (ARRAY(SELECT row_key FROM ${STAGE_SPEND}))) r
  ON r.row_key = p.row_key`;

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
 * Writing as the file is read. Each batch's rows are sorted three ways, by the cell they land on
 * (grain, period, campaign, creative, platform, age, gender, region):
 * - direct: a single-day row of a cell nothing is stored for (no event for its day, creative and
 *   platform before this import): new, so its events, reach period and spend are computed here and
 *   COPYed at once — events through the warehouse's NewAggregateWriter, which marks the cube's days
 *   once at the end (in a savepoint: a key stored after all sends the batch's rows to the compared path);
 * - added: a later row of a cell written directly (Meta's Placement breakdown, which Resonance does
 *   not keep, gives several rows per cell): its counts are added to the cell's events
 *   (through the revision path), its spend to the cell's, and the cell's reach becomes unknown;
 * - compared: everything else (multi-day and lifetime rows, cells with stored figures) is staged
 *   and compared with what is stored at the end (writeCompared): new, revised or unchanged.
 * A cell's rows all take one path, so the paths never touch one key. Only the compared path reads
 * per-key figures back; its cost is that of the overlap.
 */

const STAGE_ADDED = 'import_stage_added';

/** Which (day, creative, platform) of a batch have something stored. $1 org, $2 days, $3 creatives, $4 platforms. */
const STORED_CELLS_SQL = `
SELECT k.day::text AS day, k.creative_id, k.platform
FROM unnest($2::date[], $3::uuid[], $4::text[]) AS k(day, creative_id, platform)
WHERE EXISTS (SELECT 1 FROM events r
              WHERE r.org_id = $1 AND r.day = k.day AND r.creative_id = k.creative_id AND r.platform = k.platform)`;

/** A table's rows' events, one per type reported ($2 time zone, $3 import id, $4 format). */
const rowEvents = (table: string, where: string): string => `
  SELECT ${eventIdSql('$4')} AS event_id, (s.period_start::timestamp AT TIME ZONE $2) AS occurred_at,
         s.campaign_id, s.creative_id, s.platform, m.type, NULL::bigint AS member_hash,
         coalesce(s.age_band, 'unknown') AS age_band, coalesce(s.gender, 'unknown') AS gender,
         coalesce(s.region, 'unknown') AS region, 'unknown'::text AS language, m.count::integer AS count,
         $3::uuid AS import_id
  FROM ${table} s CROSS JOIN LATERAL ${METRIC_VALUES}
  WHERE ${where}`;

const EVENT_COLUMNS =
  'event_id, occurred_at, campaign_id, creative_id, platform, type, member_hash, age_band, gender, region, language';

/** Events of a table's rows, rows on one cell added up (`shared`), in id order. */
const groupedEvents = (table: string, where: string, shared: boolean): string =>
  shared
    ? `SELECT ${EVENT_COLUMNS}, sum(count)::integer AS count, import_id FROM (${rowEvents(table, where)}) e
       GROUP BY ${EVENT_COLUMNS}, import_id ORDER BY event_id`
    : `${rowEvents(table, where)} ORDER BY 1`;

/** Counts of added rows for events of the import: stored count plus the added one ($1 org, $2 format). */
const ADDED_TO_STORED = `
  SELECT a.event_id, (e.count + a.count)::integer AS count
  FROM (SELECT ${eventIdSql('$2')} AS event_id, sum(m.count)::bigint AS count
        FROM ${STAGE_ADDED} s CROSS JOIN LATERAL ${METRIC_VALUES}
        WHERE m.count > 0 GROUP BY 1) a
  JOIN events e ON e.org_id = $1 AND e.event_id = a.event_id
  ORDER BY a.event_id`;

const PERIOD_GROUP = 'grain, period_start, period_end, campaign_id, creative_id, platform, age_band, gender, region';
const ZEROS = METRICS.map(() => '0').join(', ');

/**
 * Reach of a table's rows as reported periods (their counts live in the events), rows on one key
 * combined: reach cannot be added, so it becomes unknown (null). $1 org, $2 import id, $3 format.
 */
const periodsSql = (table: string, conflict: string): string => `
INSERT INTO reported_periods (org_id, import_id, row_key, ${PERIOD_GROUP}, reach, ${METRIC_LIST})
SELECT $1, $2, row_key, ${PERIOD_GROUP}, CASE WHEN count(*) > 1 THEN NULL ELSE max(reach) END, ${ZEROS}
FROM (SELECT 'rp:' || ${sha256Hex(periodKeyParts('$3'))} AS row_key, s.* FROM ${table} s WHERE s.reach IS NOT NULL) p
GROUP BY row_key, ${PERIOD_GROUP}
ORDER BY row_key
${conflict}`;

/** Spend of a table's rows with the counts of the same rows, rows on one key added up. $1 org, $2 import id, $3 format. */
const spendSql = (table: string, conflict: string): string => `
INSERT INTO reported_spend (org_id, import_id, row_key, ${PERIOD_GROUP}, currency, spend_micros, ${METRIC_LIST})
SELECT $1, $2, row_key, ${PERIOD_GROUP}, currency, sum(spend_micros), ${METRICS.map((m) => `sum("${m.column}")`).join(', ')}
FROM (SELECT 'rs:' || ${sha256Hex([...periodKeyParts('$3'), 's.currency'])} AS row_key, s.*
      FROM ${table} s WHERE s.spend_micros IS NOT NULL) p
GROUP BY row_key, ${PERIOD_GROUP}, currency
ORDER BY row_key
${conflict}`;

const PERIODS_COPY = `COPY reported_periods (org_id, import_id, row_key, ${PERIOD_GROUP}, reach, ${METRIC_LIST}) FROM STDIN`;
const SPEND_COPY = `COPY reported_spend (org_id, import_id, row_key, ${PERIOD_GROUP}, currency, spend_micros, ${METRIC_LIST}) FROM STDIN`;

/** A period's or spend's columns from row_key to region. */
const periodColumns = ({
  rowKey,
  resolved: { row, campaignId, creativeId },
}: NewPeriod | NewSpend): (string | null)[] => [
  rowKey,
  row.grain,
  row.periodStart,
  row.periodEnd,
  campaignId,
  creativeId,
  row.platform,
  row.ageBand,
  row.gender,
  row.region,
];
/** A daily row's reach period has no counts of its own (they are in the events): its count columns and newline. */
const NO_COUNTS_TEXT = `${METRICS.map(() => '\t0').join('')}\n`;
const byRowKey = (a: { rowKey: string }, b: { rowKey: string }): number =>
  a.rowKey < b.rowKey ? -1 : a.rowKey > b.rowKey ? 1 : 0;
const ADDED_PERIODS_SQL = periodsSql(STAGE_ADDED, 'ON CONFLICT (org_id, row_key) DO UPDATE SET reach = NULL');
const ADDED_SPEND_SQL = spendSql(
  STAGE_ADDED,
  `ON CONFLICT (org_id, row_key) DO UPDATE SET spend_micros = reported_spend.spend_micros + EXCLUDED.spend_micros,
   ${METRICS.map((m) => `"${m.column}" = reported_spend."${m.column}" + EXCLUDED."${m.column}"`).join(', ')}`,
);

type CellPath = 'direct' | 'compared';

export interface StagedWriteResult {
  rowsNew: number;
  rowsRevised: number;
  rowsUnchanged: number;
  /** null when no row was revised. */
  revision: ImportRevision | null;
  /** Rows written as they were read (new cells), and rows compared with stored figures at the end. */
  rowsDirect: number;
  rowsCompared: number;
}

/** A batch's direct rows, encoded for COPY while the previous batch is written (see ImportWriter.add). */
interface PreparedDirect {
  rows: readonly ResolvedRow[];
  cells: readonly string[];
  buffers: BatchBuffers;
  aggregates: PreparedAggregates;
}

/** COPY lines of one batch: two sets take turns, one being written while the next batch is encoded. */
interface BatchBuffers {
  events: CopyBuffer;
  periods: CopyBuffer;
  spend: CopyBuffer;
}

const batchBuffers = (): BatchBuffers => ({
  events: new CopyBuffer(),
  periods: new CopyBuffer(),
  spend: new CopyBuffer(),
});

/**
 * One import's writes, in the caller's transaction: `add` each batch as it is read, then `finish`.
 * `add` returns once the batch is encoded and its writes are queued on the connection: the next batch
 * is then looked up (on `lookUp`, another connection), sorted and encoded while PostgreSQL writes this
 * one, so the Node process's work and the database's overlap. At most one batch is being written; its
 * error surfaces at the next `add` or at `finish`. Call `settle` before rolling back after an error
 * elsewhere, so no write of the import is still queued behind the rollback.
 */
export class ImportWriter {
  /** The path each cell of the file took (a cell's rows all take the first one's). */
  private readonly cells = new Map<string, CellPath>();
  /** Numbers for the file's campaigns, creatives and grains, in cell keys. */
  private readonly ids = new Map<string, number>();
  /** Whether anything is stored for a day|creative|platform, as found before this import wrote. */
  private readonly stored = new Map<string, boolean>();
  private readonly aggregates: NewAggregateWriter;
  /** Two sets of COPY lines, reused batch after batch in turn. */
  private readonly buffers = [batchBuffers(), batchBuffers()] as const;
  private turn = 0;
  /** The batch being written: the cells whose direct write failed (sent to the compared path), or null. */
  private pending: Promise<ReadonlySet<string> | null> = Promise.resolve(null);
  private readonly lookUp: LookUp;
  private rowsDirect = 0;
  private rowsCompared = 0;

  private constructor(
    private readonly client: PoolClient,
    private readonly params: { orgId: string; timeZone: string; importId: string; format: ExportFormat },
    lookUp: LookUp | undefined,
  ) {
    this.lookUp =
      lookUp ?? (async <R>(sql: string, values: unknown[]) => (await client.query(sql, values)).rows as R[]);
    this.aggregates = new NewAggregateWriter(client, params, this.lookUp);
  }

  /**
   * `lookUp`: read-only queries on another connection than `client` (the organisation's stored cells
   * and the days' times), so they need not wait for the batch being written. They see what was stored
   * before this import (its own events are not committed yet); on `client` (the default) a later batch
   * also sees the import's earlier events, which only sends more rows down the compared path.
   */
  static async start(
    client: PoolClient,
    params: { orgId: string; timeZone: string; importId: string; format: ExportFormat },
    lookUp?: LookUp,
  ): Promise<ImportWriter> {
    for (const table of [STAGE_ROWS, STAGE_ADDED]) {
      await client.query(`CREATE TEMPORARY TABLE ${table} (${TABLE_COLUMNS}) ON COMMIT DROP`);
    }
    return new ImportWriter(client, params, lookUp);
  }

  /** Sorts and encodes a batch of resolved rows, then queues its writes behind the previous batch's. */
  async add(rows: readonly ResolvedRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.lookUpStored(rows);
    const direct: ResolvedRow[] = [];
    const directCells: string[] = [];
    let added: ResolvedRow[] = [];
    const compared: ResolvedRow[] = [];
    const batchCells = new Set<string>();
    const addedCells: string[] = [];
    for (const resolved of rows) {
      const cell = cellOf(this.ids, resolved);
      const path = this.cells.get(cell);
      if (path === 'compared') compared.push(resolved);
      else if (path === 'direct' && !batchCells.has(cell)) {
        added.push(resolved);
        addedCells.push(cell);
      } else if (path === 'direct') {
        direct.push(resolved);
        directCells.push(cell);
      } else if (this.stored.get(storedKey(resolved)) === false) {
        this.cells.set(cell, 'direct');
        batchCells.add(cell);
        direct.push(resolved);
        directCells.push(cell);
      } else {
        this.cells.set(cell, 'compared');
        compared.push(resolved);
      }
    }
    const buffers = this.buffers[this.turn] as BatchBuffers;
    this.turn = 1 - this.turn;
    const prepared = direct.length > 0 ? await this.prepareDirect(direct, directCells, buffers) : null;
    // The previous batch is written before this one is queued: if its direct write failed, its cells
    // took the compared path, and so do this batch's later rows of them.
    const failed = await this.pending;
    if (failed) {
      const kept: ResolvedRow[] = [];
      for (let i = 0; i < added.length; i += 1) {
        if (failed.has(addedCells[i] as string)) compared.push(added[i] as ResolvedRow);
        else kept.push(added[i] as ResolvedRow);
      }
      added = kept;
    }
    this.pending = this.write(prepared, added, compared);
    // Awaited by the next add, finish or settle; this keeps a failure from counting as unhandled meanwhile.
    this.pending.catch(() => undefined);
  }

  /** Waits for the batch being written, ignoring its error (before a rollback). */
  async settle(): Promise<void> {
    await this.pending.catch(() => undefined);
  }

  /** A batch's writes, in order, on the import's connection. */
  private async write(
    prepared: PreparedDirect | null,
    added: readonly ResolvedRow[],
    compared: readonly ResolvedRow[],
  ): Promise<ReadonlySet<string> | null> {
    let failed: ReadonlySet<string> | null = null;
    let staged = compared;
    if (prepared) {
      if (await this.writeDirect(prepared)) {
        this.rowsDirect += prepared.rows.length;
      } else {
        failed = new Set(prepared.cells);
        for (const cell of failed) this.cells.set(cell, 'compared');
        staged = [...compared, ...prepared.rows];
      }
    }
    await this.writeAdded(added);
    await copyRows(this.client, STAGE_ROWS, staged);
    this.rowsCompared += staged.length;
    return failed;
  }

  /** Finds, for the batch's single-day rows, which (day, creative, platform) have anything stored: once each. */
  private async lookUpStored(rows: readonly ResolvedRow[]): Promise<void> {
    const days: string[] = [];
    const creatives: string[] = [];
    const platforms: string[] = [];
    for (const resolved of rows) {
      if (!isDailyRow(resolved.row) || resolved.creativeId === null) continue;
      const key = storedKey(resolved);
      if (this.stored.has(key)) continue;
      this.stored.set(key, true);
      days.push(resolved.row.periodStart);
      creatives.push(resolved.creativeId);
      platforms.push(resolved.row.platform);
    }
    if (days.length === 0) return;
    const found = await this.lookUp<{ day: string; creative_id: string; platform: string }>(STORED_CELLS_SQL, [
      this.params.orgId,
      days,
      creatives,
      platforms,
    ]);
    const hasStored = new Set(found.map((r) => `${r.day}|${r.creative_id}|${r.platform}`));
    for (let i = 0; i < days.length; i += 1) {
      const key = `${days[i]}|${creatives[i]}|${platforms[i]}`;
      this.stored.set(key, hasStored.has(key));
    }
  }

  /** Plans new cells' events, reach and spend and encodes them for COPY into `buffers`. */
  private async prepareDirect(
    rows: readonly ResolvedRow[],
    cells: readonly string[],
    buffers: BatchBuffers,
  ): Promise<PreparedDirect> {
    const { orgId, importId, format } = this.params;
    // Rows on one cell in the batch (Meta's placements) are added up here, as the compared path does in SQL.
    const plan = planNewRows(format, rows, cells);
    const { periods, spend } = buffers;
    periods.reset();
    spend.reset();
    const lead = `${CopyBuffer.join([orgId, importId])}\t`;
    for (const p of plan.periods.sort(byRowKey)) {
      periods.raw(`${lead}${CopyBuffer.join(periodColumns(p))}\t${copyValue(p.reach)}${NO_COUNTS_TEXT}`);
    }
    for (const p of plan.spend.sort(byRowKey)) {
      spend.raw(
        `${lead}${CopyBuffer.join(periodColumns(p))}\t${copyValue(p.currency)}\t${p.micros}\t${p.counts.join('\t')}\n`,
      );
    }
    const aggregates = await this.aggregates.prepare(plan.cells, buffers.events);
    return { rows, cells, buffers, aggregates };
  }

  /** COPYs new cells' events, reach and spend; false (nothing written) when a key was stored after all. */
  private async writeDirect(prepared: PreparedDirect): Promise<boolean> {
    const { client } = this;
    const { periods, spend, events } = prepared.buffers;
    await client.query('SAVEPOINT import_direct');
    try {
      await this.aggregates.copy(prepared.aggregates, events);
      await copyFromText(client, PERIODS_COPY, periods.contents());
      await copyFromText(client, SPEND_COPY, spend.contents());
      await client.query('RELEASE SAVEPOINT import_direct');
      this.aggregates.keep(prepared.aggregates.written);
      return true;
    } catch (error) {
      periods.discard();
      spend.discard();
      if (!isUniqueViolation(error)) throw error;
      await client.query('ROLLBACK TO SAVEPOINT import_direct');
      return false;
    }
  }

  /** Adds later rows of cells written directly: counts onto their events, spend onto theirs. */
  private async writeAdded(rows: readonly ResolvedRow[]): Promise<void> {
    if (rows.length === 0) return;
    const { client } = this;
    const { orgId, timeZone, importId, format } = this.params;
    await client.query(`TRUNCATE ${STAGE_ADDED}`);
    await copyRows(client, STAGE_ADDED, rows);
    // Stored events of the cells first; then types the cells had no event for yet.
    await reviseEventCounts(client, { orgId, query: ADDED_TO_STORED, params: [format] });
    await writeEventsFromQuery(client, {
      orgId,
      timeZone,
      query: groupedEvents(STAGE_ADDED, 'm.count > 0', true),
      params: [importId, format],
    });
    await client.query(ADDED_PERIODS_SQL, [orgId, importId, format]);
    await client.query(ADDED_SPEND_SQL, [orgId, importId, format]);
    this.rowsDirect += rows.length;
  }

  /** Compares the staged rows with what is stored and writes them; the import's counts. */
  async finish(): Promise<StagedWriteResult> {
    await this.pending;
    await this.aggregates.finish();
    const compared =
      this.rowsCompared > 0
        ? await writeCompared(this.client, this.params)
        : { rowsNew: 0, rowsRevised: 0, rowsUnchanged: 0, revision: null };
    return {
      ...compared,
      rowsNew: compared.rowsNew + this.rowsDirect,
      rowsDirect: this.rowsDirect,
      rowsCompared: this.rowsCompared,
    };
  }
}

/**
 * The cell a row lands on, short (a file's campaigns, creatives and grains are numbered): a key per
 * distinct cell is kept while the file is read. Conservative: null and 'unknown' are one cell here,
 * as in event ids.
 */
function cellOf(ids: Map<string, number>, { row, campaignId, creativeId }: ResolvedRow): string {
  const id = (text: string): number => {
    let n = ids.get(text);
    if (n === undefined) ids.set(text, (n = ids.size));
    return n;
  };
  return `${id(row.grain)}|${row.periodStart}|${row.periodEnd === row.periodStart ? '' : row.periodEnd}|${id(campaignId)}|${creativeId === null ? '' : id(creativeId)}|${row.platform}|${row.ageBand ?? 'unknown'}|${row.gender ?? 'unknown'}|${row.region ?? 'unknown'}`;
}

function storedKey({ row, creativeId }: ResolvedRow): string {
  return `${row.periodStart}|${creativeId ?? ''}|${row.platform}`;
}

/**
 * Writes the staged rows, comparing each key with what is stored, and says which rows were new,
 * revised or already stored with the same figures.
 */
async function writeCompared(
  client: PoolClient,
  params: { orgId: string; timeZone: string; importId: string; format: ExportFormat },
): Promise<Pick<StagedWriteResult, 'rowsNew' | 'rowsRevised' | 'rowsUnchanged' | 'revision'>> {
  const { orgId, timeZone, importId, format } = params;
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
  };
}
