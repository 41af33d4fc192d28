import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { METRIC_DEFINITIONS, twoProportionZTest, wilsonInterval } from '@resonance/analytics';
import type {
  AnalyticsSource,
  DimensionRecommendations,
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
import { COUNT_METRIC_IDS, RECOMMENDATION_DIMENSIONS } from '@resonance/contracts';
import { DataSource, In } from 'typeorm';
import { CampaignEntity } from '../campaigns/campaign.entity.js';
import { CreativeEntity } from '../campaigns/creative.entity.js';
import { addDays } from '../common/time/dates.js';
import { AnalyticsReader, type RawCell } from '../warehouse/read/analytics-reader.js';
import { organisationScope, type Period } from '../warehouse/read/scope.js';
import type { GroupKey } from '../warehouse/read/sql.js';
import type { DisclosurePolicy } from '../warehouse/read/disclosure.js';
import { toObservance } from './observance-store.js';
import { ObservancesService } from './observances.service.js';
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
} from './age-band-segments.js';

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

/** Adds a reader cell of one age band (its last group key) to the counts. */
function addCell(counts: Counts, cell: RawCell, ageBand: string): void {
  addBand(counts.impressions, ageBand, cell.counts.impressions);
  addBand(counts.engagements, ageBand, cell.counts.engagements);
  addBandVector(
    counts.vectors,
    ageBand,
    Object.fromEntries(COUNT_METRIC_IDS.map((id) => [id, cell.counts[id]])) as Record<
      (typeof COUNT_METRIC_IDS)[number],
      number
    >,
  );
}

const HIDDEN: PublishedSegmentCounts = { impressions: { suppressed: true }, engagements: { suppressed: true } };

/** Recommendations read creative × platform × format × theme × age band, over the whole history. */
const RECOMMENDATION_GROUPS: readonly GroupKey[] = ['creative', 'platform', 'format', 'theme', 'ageBand'];

interface RecommendationRow {
  creativeId: string;
  linked: boolean;
  platform: string;
  format: string;
  theme: string;
  ageBand: string;
  cell: RawCell;
}

/** Which store answered several reads: the cube only when it answered all of them; null without reads. */
function combinedSource(sources: readonly AnalyticsSource[]): AnalyticsSource | null {
  if (sources.length === 0) return null;
  return sources.find((s) => s !== 'cube_daily') ?? 'cube_daily';
}

@Injectable()
export class PerformanceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reader: AnalyticsReader,
    private readonly observances: ObservancesService,
  ) {}

  /** Campaigns linked to an observance, by key. */
  private linkedCampaigns(orgId: string, observanceId: string): Promise<CampaignEntity[]> {
    return this.dataSource.getRepository(CampaignEntity).find({
      where: { orgId, observanceId },
      order: { key: 'ASC' },
    });
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
    const org = await this.reader.organization(orgId);
    const policy = org.disclosure;
    const campaigns = await this.linkedCampaigns(orgId, found.id);
    const years = new Map<number, YoyYear & { counts: Counts }>();
    const reads: { campaign: CampaignEntity; period: Period; year: number }[] = [];
    for (const c of campaigns) {
      const year = c.observanceYear ?? (c.startsOn ? Number(c.startsOn.slice(0, 4)) : null);
      if (year === null) continue;
      let entry = years.get(year);
      if (!entry) {
        const range = this.observances.occurrence(found, year, found.resolve);
        if (!range) continue;
        entry = {
          year,
          windowStartsOn: addDays(range.startsOn, -leadDays),
          windowEndsOn: addDays(range.endsOn, lagDays),
          campaigns: [],
          rows: [],
          counts: emptyCounts(),
        };
        years.set(year, entry);
      }
      entry.campaigns.push({ id: c.id, key: c.key, name: c.name });
      reads.push({ campaign: c, period: { from: entry.windowStartsOn, to: entry.windowEndsOn }, year });
    }
    // Each linked campaign over its year's window, by age band, from the shared reader (the cube where it can).
    const results = await Promise.all(
      reads.map(async ({ campaign, period, year }) => {
        const scope = organisationScope({
          orgId,
          timeZone: org.timeZone,
          disclosure: policy,
          period,
          campaign: { id: campaign.id, key: campaign.key, name: campaign.name },
        });
        return { year, ...(await this.reader.readCounts({ scope, period, groupBy: ['ageBand'] })) };
      }),
    );
    for (const { year, cells } of results) {
      const entry = years.get(year);
      if (!entry) continue;
      for (const cell of cells) addCell(entry.counts, cell, cell.keys[0] ?? 'unknown');
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
      suppressionThreshold: policy.threshold,
      source: combinedSource(results.map((r) => r.source)),
      years: ordered.map(({ counts: _counts, ...year }) => year),
    };
  }

  /** Every creative's counts per platform and age band over the whole history, marked when linked to the observance. */
  private async recommendationRows(params: {
    orgId: string;
    observanceId: string;
    timeZone: string;
    policy: DisclosurePolicy;
  }): Promise<{ rows: RecommendationRow[]; source: AnalyticsSource | null }> {
    const { orgId, observanceId, timeZone, policy } = params;
    const [period, campaigns] = await Promise.all([
      this.reader.history(orgId),
      this.linkedCampaigns(orgId, observanceId),
    ]);
    if (!period) return { rows: [], source: null };
    const scope = organisationScope({ orgId, timeZone, disclosure: policy, period });
    const [read, linkedCreatives] = await Promise.all([
      this.reader.readCounts({ scope, period, groupBy: RECOMMENDATION_GROUPS }),
      campaigns.length === 0
        ? Promise.resolve([])
        : this.dataSource.getRepository(CreativeEntity).find({
            select: { id: true },
            where: { orgId, campaignId: In(campaigns.map((c) => c.id)) },
          }),
    ]);
    const linked = new Set(linkedCreatives.map((c) => c.id));
    const rows = read.cells.map((cell): RecommendationRow => {
      const [creativeId = '', platform = '', format = '', theme = '(none)', ageBand = 'unknown'] = cell.keys;
      return { creativeId, linked: linked.has(creativeId), platform, format, theme, ageBand, cell };
    });
    return { rows, source: read.source };
  }

  async recommendations(input: {
    orgId: string;
    observance: string;
    segments: PlanningSegment[];
  }): Promise<RecommendationsResponse> {
    const { orgId, segments } = input;
    const found = await this.observances.find({ orgId, idOrSlug: input.observance });
    const org = await this.reader.organization(orgId);
    const policy = org.disclosure;
    const { rows, source } = await this.recommendationRows({
      orgId,
      observanceId: found.id,
      timeZone: org.timeZone,
      policy,
    });
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
      suppressionThreshold: policy.threshold,
      source,
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
        const value = dimension === 'theme' ? row.theme : dimension === 'format' ? row.format : row.platform;
        let entry = byValue.get(value);
        if (!entry) {
          entry = { ...emptyCounts(), creatives: new Set() };
          byValue.set(value, entry);
        }
        addCell(entry, row.cell, row.ageBand);
      }
      // Creatives that were shown to this segment.
      for (const row of rows) {
        const value = dimension === 'theme' ? row.theme : dimension === 'format' ? row.format : row.platform;
        const single: BandCounts = new Map();
        addBand(single, row.ageBand, row.cell.counts.impressions);
        if (sumBands(single, segment.id) > 0) byValue.get(value)?.creatives.add(row.creativeId);
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
