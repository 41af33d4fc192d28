import {
  createObservanceResolver,
  describeRule,
  REFERENCE_DATES,
  type ObservanceRefResolver,
  type ObservanceRule,
} from '@resonance/analytics';
import type { Observance, ObservanceSource } from '@resonance/contracts';

/** An observance as read from either table. */
export interface StoredObservance {
  id: string;
  slug: string;
  name: string;
  region: string;
  rule: ObservanceRule;
  organiser: string | null;
  url: string | null;
  description: string | null;
  source: ObservanceSource;
}

/** Columns selected from both tables, in the same shape. */
export const OBSERVANCE_COLUMNS = `"id", "slug", "name", "region", "rule", "organiser", "url", "description"`;

/** The catalogue plus the org's own; order by "source" DESC to put own ones first (they win a slug clash). */
export const SELECT_VISIBLE_OBSERVANCES = `
  SELECT ${OBSERVANCE_COLUMNS}, 'organization' AS "source" FROM "observances" WHERE "org_id" = $1
  UNION ALL
  SELECT ${OBSERVANCE_COLUMNS}, 'catalogue' AS "source" FROM "observance_catalogue"`;

/** Relative rules may refer to any visible observance and to the reference dates (e.g. US Thanksgiving). */
export function resolverFor(observances: readonly StoredObservance[]): ObservanceRefResolver {
  return createObservanceResolver([...observances, ...REFERENCE_DATES]);
}

export function toObservance(row: StoredObservance, all: readonly StoredObservance[]): Observance {
  const nameOf = (slug: string): string | undefined =>
    all.find((o) => o.slug === slug)?.name ?? REFERENCE_DATES.find((r) => r.slug === slug)?.name;
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    region: row.region,
    // The analytics rule type and the contracts JSON type describe the same shapes.
    rule: row.rule,
    ruleDescription: describeRule(row.rule, { nameOf }),
    organiser: row.organiser,
    url: row.url,
    description: row.description,
    source: row.source,
  };
}
