import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { addDaysToIsoDate, METRIC_DEFINITIONS, twoProportionZTest, wilsonInterval } from '@resonance/analytics';
import type {
  DimensionRecommendations,
  EventType,
  PlanningSegment,
  RecommendationBasis,
  RecommendationDimension,
  RecommendationOption,
  RecommendationsResponse,
  SegmentRecommendations,
  YoyDelta,
  YoyResponse,
  YoyRow,
  YoyYear,
} from '@resonance/contracts';
import { RECOMMENDATION_DIMENSIONS } from '@resonance/contracts';
import { DataSource } from 'typeorm';
import { toObservance } from './observance-store.js';
import { ObservancesService } from './observances.service.js';
import { cellKeySecret } from '../warehouse/read/disclosure.js';
import type { DisclosurePolicy } from '../analytics/engine/suppression.js';
import {
  addBand,
  addBandVector,
  isHidden,
  publishSegmentCounts,
  sumBands,
  wireRate,
  type BandCounts,
  type BandVectors,
  type PublishedSegmentCounts,
} from './segments.js';

/** rollup_daily column of each event type: identifiers come from this map, never from input. */
const EVENT_COLUMN: Partial<Record<EventType, string>> = {
  like: '"likes"',
  comment: '"comments"',
  share: '"shares"',
  save: '"saves"',
  click: '"clicks"',
  resource_click: '"resource_clicks"',
  follow: '"follows"',
  view: '"views"',
  video_view: '"video_views"',
  video_complete: '"video_completes"',
};

function engagementSql(alias: string): string {
  const columns = (METRIC_DEFINITIONS.engagements.numerator ?? [])
    .map((t) => EVENT_COLUMN[t])
    .filter((c) => c !== undefined);
  return columns.map((c) => `${alias}.${c}`).join(' + ');
}

const METRIC_TEXT = `${METRIC_DEFINITIONS.engagements.description} Engagement rate = ${METRIC_DEFINITIONS.engagementRate.description}`;

/** An option needs this much history to be ranked. */
export const MIN_IMPRESSIONS = 1000;
export const MIN_CREATIVES = 2;

interface Counts {
  impressions: BandCounts;
  engagements: BandCounts;
  /** Every count metric per band: the cell keys of published figures. */
  vectors: BandVectors;
}

function emptyCounts(): Counts {
  return { impressions: new Map(), engagements: new Map(), vectors: new Map() };
}

/** Count columns besides impressions and engagements, for the full count vector of a cell. */
const VECTOR_SQL = `SUM(r."clicks")::text AS "clicks", SUM(r."shares")::text AS "shares",
  SUM(r."video_views")::text AS "videoViews", SUM(r."video_completes")::text AS "videoCompletions",
  SUM(r."resource_clicks")::text AS "resourceClicks"`;

interface VectorRow {
  age_band: string;
  impressions: string;
  engagements: string;
  clicks: string;
  shares: string;
  videoViews: string;
  videoCompletions: string;
  resourceClicks: string;
}

function addRow(counts: Counts, row: VectorRow): void {
  addBand(counts.impressions, row.age_band, Number(row.impressions));
  addBand(counts.engagements, row.age_band, Number(row.engagements));
  addBandVector(counts.vectors, row.age_band, {
    impressions: Number(row.impressions),
    engagements: Number(row.engagements),
    clicks: Number(row.clicks),
    shares: Number(row.shares),
    videoViews: Number(row.videoViews),
    videoCompletions: Number(row.videoCompletions),
    resourceClicks: Number(row.resourceClicks),
  });
}

const HIDDEN: PublishedSegmentCounts = { impressions: { suppressed: true }, engagements: { suppressed: true } };

interface RecommendationRow extends VectorRow {
  creative_id: string;
  linked: boolean;
  platform: string;
  format: string;
  theme: string | null;
}

@Injectable()
export class PerformanceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly observances: ObservancesService,
  ) {}

  /** Threshold and cell-key secret: planning figures are published under the same rule as analytics. */
  private async policy(orgId: string): Promise<DisclosurePolicy> {
    const rows: { t: number; s: Buffer }[] = await this.dataSource.query(
      `SELECT "suppression_threshold" AS "t", "member_key_secret" AS "s" FROM "organizations" WHERE "id" = $1`,
      [orgId],
    );
    return { threshold: rows[0]?.t ?? 11, cellKeySecret: cellKeySecret(rows[0]?.s ?? Buffer.alloc(32)) };
  }

  async yoy(input: {
    orgId: string;
    observance: string;
    segments: PlanningSegment[];
    leadDays: number;
    lagDays: number;
  }): Promise<YoyResponse> {
    const { orgId, segments, leadDays, lagDays } = input;
    const found = await this.observances.find({ orgId, idOrSlug: input.observance });
    const policy = await this.policy(orgId);
    const threshold = policy.threshold;
    const campaigns: { id: string; key: string; name: string; year: number | null }[] = await this.dataSource.query(
      `SELECT "id", "key", "name",
              COALESCE("observance_year", EXTRACT(YEAR FROM "starts_on")::int) AS "year"
       FROM "campaigns" WHERE "org_id" = $1 AND "observance_id" = $2 ORDER BY "key"`,
      [orgId, found.id],
    );
    const years = new Map<number, YoyYear & { counts: Counts }>();
    const windows: { campaign_id: string; starts_on: string; ends_on: string; year: number }[] = [];
    for (const c of campaigns) {
      if (c.year === null) continue;
      let entry = years.get(c.year);
      if (!entry) {
        const range = this.observances.occurrence(found, c.year, found.resolve);
        if (!range) continue;
        entry = {
          year: c.year,
          windowStartsOn: addDaysToIsoDate(range.startsOn, -leadDays),
          windowEndsOn: addDaysToIsoDate(range.endsOn, lagDays),
          campaigns: [],
          rows: [],
          counts: emptyCounts(),
        };
        years.set(c.year, entry);
      }
      entry.campaigns.push({ id: c.id, key: c.key, name: c.name });
      windows.push({ campaign_id: c.id, starts_on: entry.windowStartsOn, ends_on: entry.windowEndsOn, year: c.year });
    }
    if (windows.length > 0) {
      const rows: (VectorRow & { year: number })[] = await this.dataSource.query(
        `SELECT w."year", r."age_band", SUM(r."impressions")::text AS "impressions",
                SUM(${engagementSql('r')})::text AS "engagements", ${VECTOR_SQL}
         FROM jsonb_to_recordset($2::jsonb) AS w("campaign_id" uuid, "starts_on" date, "ends_on" date, "year" int)
         JOIN "rollup_daily" r ON r."org_id" = $1 AND r."campaign_id" = w."campaign_id"
                               AND r."day" BETWEEN w."starts_on" AND w."ends_on"
         GROUP BY w."year", r."age_band"`,
        [orgId, JSON.stringify(windows)],
      );
      for (const row of rows) {
        const entry = years.get(row.year);
        if (!entry) continue;
        addRow(entry.counts, row);
      }
    }
    const ordered = [...years.values()].sort((a, b) => a.year - b.year);
    let previous: (YoyYear & { counts: Counts }) | undefined;
    for (const entry of ordered) {
      const published = publishSegmentCounts(entry.counts.vectors, segments, policy);
      for (const segment of segments) {
        const wire = published.get(segment.id) ?? HIDDEN;
        // Statistics from the published counts only (a hidden count is never used).
        const n = typeof wire.impressions === 'number' ? wire.impressions : 0;
        const x = typeof wire.engagements === 'number' ? wire.engagements : 0;
        const row: YoyRow = {
          segment: segment.id,
          impressions: wire.impressions,
          engagements: wire.engagements,
          engagementRate: wireRate(wire),
          vsPrevious: null,
        };
        const before = previous?.rows.find((r) => r.segment === segment.id);
        if (previous && before) {
          const n0 = typeof before.impressions === 'number' ? before.impressions : 0;
          const x0 = typeof before.engagements === 'number' ? before.engagements : 0;
          row.vsPrevious = delta(
            previous.year,
            { x, n, rate: row.engagementRate },
            { x: x0, n: n0, rate: before.engagementRate },
          );
        }
        entry.rows.push(row);
      }
      previous = entry;
    }
    return {
      observance: toObservance(found, found.all),
      segments,
      metricDefinition: METRIC_TEXT,
      leadDays,
      lagDays,
      suppressionThreshold: threshold,
      years: ordered.map(({ counts: _counts, ...year }) => year),
    };
  }

  async recommendations(input: {
    orgId: string;
    observance: string;
    segments: PlanningSegment[];
  }): Promise<RecommendationsResponse> {
    const { orgId, segments } = input;
    const found = await this.observances.find({ orgId, idOrSlug: input.observance });
    const policy = await this.policy(orgId);
    const threshold = policy.threshold;
    const rows: RecommendationRow[] = await this.dataSource.query(
      `SELECT r."creative_id", (c."observance_id" IS NOT DISTINCT FROM $2::uuid) AS "linked", r."platform",
              cr."format", cr."theme", r."age_band",
              SUM(r."impressions")::text AS "impressions", SUM(${engagementSql('r')})::text AS "engagements",
              ${VECTOR_SQL}
       FROM "rollup_daily" r
       JOIN "campaigns" c ON c."org_id" = r."org_id" AND c."id" = r."campaign_id"
       JOIN "creatives" cr ON cr."org_id" = r."org_id" AND cr."id" = r."creative_id"
       WHERE r."org_id" = $1
       GROUP BY r."creative_id", c."observance_id", r."platform", cr."format", cr."theme", r."age_band"`,
      [orgId, found.id],
    );
    const out: SegmentRecommendations[] = [];
    const ranked = (d: DimensionRecommendations): boolean => d.options.some((o) => o.status === 'ranked');
    for (const segment of segments) {
      const linkedOnly = this.rank(
        rows.filter((r) => r.linked),
        segment,
        policy,
        'observance',
      );
      const everything = this.rank(rows, segment, policy, 'all_campaigns');
      // Per dimension: the observance's own campaigns first, the whole history when they rank nothing.
      const dimensions = linkedOnly.map((d, i) => (ranked(d) ? d : (everything[i] ?? d)));
      const bases = new Set(dimensions.map((d) => d.basis));
      const basis = bases.size === 1 ? (dimensions[0]?.basis ?? 'all_campaigns') : 'mixed';
      const anyRanked = dimensions.some(ranked);
      const minimum = `${MIN_IMPRESSIONS} impressions from ${MIN_CREATIVES} or more creatives`;
      out.push({
        segment,
        basis,
        status: anyRanked ? 'ok' : 'not_enough_history',
        explanation: !anyRanked
          ? `Not enough history: no format, platform or theme has reached ${minimum} in this segment, in any of your campaigns.`
          : basis === 'observance'
            ? `From your campaigns linked to ${found.name}: they alone have enough history (${minimum}) for this segment.`
            : basis === 'mixed'
              ? `From your campaigns linked to ${found.name} for ${listOf(dimensions, 'observance')}; they have too little ` +
                `history for ${listOf(dimensions, 'all_campaigns')}, so those use all your campaigns.`
              : `Your campaigns linked to ${found.name} have too little history for this segment (an option needs ${minimum}), ` +
                'so this uses all your campaigns.',
        dimensions,
      });
    }
    return {
      observance: toObservance(found, found.all),
      minImpressions: MIN_IMPRESSIONS,
      minCreatives: MIN_CREATIVES,
      metricDefinition: METRIC_TEXT,
      suppressionThreshold: threshold,
      segments: out,
    };
  }

  private rank(
    rows: RecommendationRow[],
    segment: PlanningSegment,
    policy: DisclosurePolicy,
    basis: RecommendationBasis,
  ): DimensionRecommendations[] {
    return RECOMMENDATION_DIMENSIONS.map((dimension: RecommendationDimension) => {
      const byValue = new Map<string, Counts & { creatives: Set<string> }>();
      for (const row of rows) {
        const value =
          dimension === 'theme' ? (row.theme ?? '(none)') : dimension === 'format' ? row.format : row.platform;
        let entry = byValue.get(value);
        if (!entry) {
          entry = { ...emptyCounts(), creatives: new Set() };
          byValue.set(value, entry);
        }
        addRow(entry, row);
      }
      // Creatives that were shown to this segment.
      for (const row of rows) {
        const value =
          dimension === 'theme' ? (row.theme ?? '(none)') : dimension === 'format' ? row.format : row.platform;
        const single: BandCounts = new Map();
        addBand(single, row.age_band, Number(row.impressions));
        if (sumBands(single, segment.id) > 0) byValue.get(value)?.creatives.add(row.creative_id);
      }
      const scored = [...byValue.entries()].map(([value, entry]) => {
        const wire = publishSegmentCounts(entry.vectors, [segment], policy).get(segment.id) ?? HIDDEN;
        const wireN = wire.impressions;
        const wireX = wire.engagements;
        // Ranked on the published counts; a rank would hint at a hidden rate: only options whose figures are shown are ranked.
        const n = typeof wireN === 'number' ? wireN : 0;
        const x = typeof wireX === 'number' ? wireX : 0;
        const shown = sumBands(entry.impressions, segment.id) > 0;
        const visible = typeof wireN === 'number' && typeof wireX === 'number';
        const enough = visible && n >= MIN_IMPRESSIONS && entry.creatives.size >= MIN_CREATIVES;
        const lower = n > 0 ? (wilsonInterval(Math.min(x, n), n).lower ?? 0) : 0;
        const option: RecommendationOption = {
          value,
          rank: null,
          status: enough ? 'ranked' : 'not_enough_history',
          creatives: entry.creatives.size,
          impressions: wireN,
          engagements: wireX,
          engagementRate: wireRate(wire),
        };
        return { option, lower, n, shown };
      });
      scored.sort(
        (a, b) =>
          Number(b.option.status === 'ranked') - Number(a.option.status === 'ranked') ||
          b.lower - a.lower ||
          b.n - a.n ||
          (a.option.value < b.option.value ? -1 : 1),
      );
      let rank = 0;
      for (const s of scored) if (s.option.status === 'ranked') s.option.rank = ++rank;
      return { dimension, basis, options: scored.filter((s) => s.shown).map((s) => s.option) };
    });
  }
}

function listOf(dimensions: readonly DimensionRecommendations[], basis: RecommendationBasis): string {
  const names = { format: 'formats', platform: 'platforms', theme: 'themes' } as const;
  return dimensions
    .filter((d) => d.basis === basis)
    .map((d) => names[d.dimension])
    .join(' and ');
}

function delta(
  previousYear: number,
  now: { x: number; n: number; rate: YoyRow['engagementRate'] },
  before: { x: number; n: number; rate: YoyRow['engagementRate'] },
): YoyDelta | null {
  if (now.n === 0 || before.n === 0) return null;
  if (isHidden(now.rate) || isHidden(before.rate)) {
    return {
      previousYear,
      absoluteChange: { suppressed: true },
      relativeChange: { suppressed: true },
      pValue: { suppressed: true },
    };
  }
  const r1 = now.x / now.n;
  const r0 = before.x / before.n;
  return {
    previousYear,
    absoluteChange: r1 - r0,
    relativeChange: r0 === 0 ? null : (r1 - r0) / r0,
    pValue: twoProportionZTest(Math.min(now.x, now.n), now.n, Math.min(before.x, before.n), before.n).pValue,
  };
}
