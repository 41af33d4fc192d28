import type { EventType } from '@resonance/contracts';
import type { DataSource } from 'typeorm';
import { METRIC_COLUMN_BY_TYPE } from '../events/event-writer.js';
import type { AnalyticsScope, Condition, Period } from './scope.js';

/**
 * Figures platforms reported for longer than a day (a post's lifetime, a multi-day row), and spend,
 * read at the grain they were reported. Nothing here spreads a figure over days: a reported period
 * belongs to a range only when its whole window lies inside it.
 */

const TYPES = Object.keys(METRIC_COLUMN_BY_TYPE) as EventType[];
const COLUMNS = TYPES.map((t) => `r."${METRIC_COLUMN_BY_TYPE[t]}"::float8 AS "${t}"`).join(', ');

/** Filterable dimension → reported column; language is never reported by a platform export. */
const DIMENSION_COLUMNS: Record<string, keyof RawReportedPeriod> = {
  platform: 'platform',
  ageBand: 'age_band',
  gender: 'gender',
  region: 'region',
};

export interface RawReportedPeriod {
  row_key: string;
  grain: string;
  period_start: string;
  period_end: string;
  platform: string;
  campaign_id: string;
  creative_id: string | null;
  creative_name: string | null;
  creative_format: string | null;
  age_band: string | null;
  gender: string | null;
  region: string | null;
  reach: number | null;
  /** Whole window inside the range. */
  included: boolean;
  events: Partial<Record<EventType, number>>;
}

/**
 * Whether a reported row answers conditions (dimension IN values): a row reported without that
 * dimension (a post has no age band) cannot, and neither can any row for language.
 */
export function matchesConditions(
  row: Pick<RawReportedPeriod, 'platform' | 'age_band' | 'gender' | 'region'>,
  conditions: readonly Condition[],
): boolean {
  return conditions.every((c) => {
    const column = DIMENSION_COLUMNS[c.dimension];
    if (!column) return false;
    const value = row[column as 'platform' | 'age_band' | 'gender' | 'region'];
    return value !== null && c.values.includes(value);
  });
}

function scopeFilters(scope: AnalyticsScope, values: unknown[], alias = 'r'): string[] {
  const where: string[] = [];
  if (scope.campaign) {
    values.push(scope.campaign.id);
    where.push(`${alias}.campaign_id = $${values.length}::uuid`);
  }
  if (scope.creativeIds) {
    values.push(scope.creativeIds);
    where.push(`${alias}.creative_id = ANY($${values.length}::uuid[])`);
  }
  return where;
}

/**
 * Multi-day and lifetime reported periods overlapping `period` (campaign and creative filters of the
 * scope applied; dimension conditions are the caller's, with matchesConditions). Ordered by every key
 * column, so the answer is the same every time.
 */
export async function readReportedPeriods(
  dataSource: DataSource,
  params: { scope: AnalyticsScope; period: Period },
): Promise<RawReportedPeriod[]> {
  const { scope, period } = params;
  const values: unknown[] = [scope.orgId, period.from, period.to];
  const where = [
    'r.org_id = $1',
    // Daily rows keep their counts in the rollups; their period row only holds the platform's reach.
    "r.grain NOT LIKE 'day|%'",
    'r.period_start <= $3::date',
    'r.period_end >= $2::date',
    ...scopeFilters(scope, values),
  ];
  const rows = await dataSource.query<Record<string, unknown>[]>(
    `SELECT r.row_key, r.grain, to_char(r.period_start, 'YYYY-MM-DD') AS period_start,
            to_char(r.period_end, 'YYYY-MM-DD') AS period_end, r.platform, r.campaign_id::text AS campaign_id,
            r.creative_id::text AS creative_id, c.name AS creative_name, c.format AS creative_format,
            r.age_band, r.gender, r.region, r.reach::float8 AS reach,
            (r.period_start >= $2::date AND r.period_end <= $3::date) AS included, ${COLUMNS}
       FROM reported_periods r
       LEFT JOIN creatives c ON c.org_id = r.org_id AND c.id = r.creative_id
      WHERE ${where.join(' AND ')}
      ORDER BY r.period_start, r.period_end, r.grain, r.platform, r.campaign_id, r.creative_id NULLS FIRST,
               r.age_band NULLS FIRST, r.gender NULLS FIRST, r.region NULLS FIRST, r.row_key`,
    values,
  );
  return rows.map((row) => {
    const events: Partial<Record<EventType, number>> = {};
    for (const type of TYPES) events[type] = Number(row[type] ?? 0);
    return {
      row_key: String(row['row_key']),
      grain: String(row['grain']),
      period_start: String(row['period_start']),
      period_end: String(row['period_end']),
      platform: String(row['platform']),
      campaign_id: String(row['campaign_id']),
      creative_id: (row['creative_id'] as string | null) ?? null,
      creative_name: (row['creative_name'] as string | null) ?? null,
      creative_format: (row['creative_format'] as string | null) ?? null,
      age_band: (row['age_band'] as string | null) ?? null,
      gender: (row['gender'] as string | null) ?? null,
      region: (row['region'] as string | null) ?? null,
      reach: row['reach'] === null ? null : Number(row['reach']),
      included: row['included'] === true,
      events,
    };
  });
}

export interface RawSpend {
  currency: string;
  spendMicros: number;
  events: Partial<Record<EventType, number>>;
}

/**
 * Spend per currency over rows inside the period (a row reported for longer than a day counts
 * only when its whole window lies inside), with the counts of the same rows. The scope's conditions
 * and `conditions` (a segment's) apply as in matchesConditions: a row reported without a dimension a
 * condition needs is left out.
 */
export async function readSpend(
  dataSource: DataSource,
  params: { scope: AnalyticsScope; period: Period; conditions?: readonly Condition[] },
): Promise<RawSpend[]> {
  const { scope, period } = params;
  const conditions = [...scope.conditions, ...(params.conditions ?? [])];
  if (conditions.some((c) => !DIMENSION_COLUMNS[c.dimension])) return [];
  const values: unknown[] = [scope.orgId, period.from, period.to];
  const where = [
    'r.org_id = $1',
    'r.period_start >= $2::date',
    'r.period_end <= $3::date',
    ...scopeFilters(scope, values),
  ];
  const sqlColumns: Record<string, string> = {
    platform: 'platform',
    ageBand: 'age_band',
    gender: 'gender',
    region: 'region',
  };
  for (const c of conditions) {
    values.push(c.values);
    where.push(`r.${sqlColumns[c.dimension]} = ANY($${values.length}::text[])`);
  }
  const sums = TYPES.map((t) => `sum(r."${METRIC_COLUMN_BY_TYPE[t]}")::float8 AS "${t}"`).join(', ');
  const rows = await dataSource.query<Record<string, unknown>[]>(
    `SELECT r.currency, sum(r.spend_micros)::float8 AS spend_micros, ${sums}
       FROM reported_spend r WHERE ${where.join(' AND ')}
      GROUP BY r.currency ORDER BY r.currency`,
    values,
  );
  return rows.map((row) => {
    const events: Partial<Record<EventType, number>> = {};
    for (const type of TYPES) events[type] = Number(row[type] ?? 0);
    return { currency: String(row['currency']).trim(), spendMicros: Number(row['spend_micros']), events };
  });
}
