import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { benjaminiHochberg, twoProportionZTest, type ComputedMetrics } from '@resonance/analytics';
import {
  COUNT_METRIC_IDS,
  type AnalyticsQuery,
  type RollupSource,
  type BreakdownDimension,
  type BreakdownKeyPart,
  type CreativeRef,
  type Insight,
  type InsightsResponse,
  type Segment,
} from '@resonance/contracts';
import { DataSource } from 'typeorm';
import {
  AnalyticsReader,
  chooseSource,
  EMPTY_COUNTS,
  newTrace,
  type RawCell,
} from '../warehouse/read/analytics-reader.js';
import { hasEnoughData, MINIMUM_ENGAGEMENTS, MINIMUM_IMPRESSIONS } from './engine/creative-verdicts.js';
import { segmentShortLabel, valueLabel } from './engine/labels.js';
import { buildMeta } from './engine/meta.js';
import { rulesToConditions, withConditions } from '../warehouse/read/scope.js';
import { AnalyticsScopeService } from './engine/scope.service.js';
import { suppressCells, suppressStandalone, type GridPositions } from './engine/suppression.js';

export const INSIGHTS_Q = 0.05;

interface Candidate {
  kind: Insight['kind'];
  segment: Segment;
  creative?: CreativeRef;
  dimensions?: BreakdownKeyPart[];
  impressions: number;
  engagements: number;
}

interface Family {
  segment: Segment;
  kind: Insight['kind'];
  keys: string[][];
  dims: BreakdownDimension[];
  /** Full count vectors (so each cell's key, and published figures, match the equivalent breakdown). */
  counts: ComputedMetrics[];
}

function cellOf(counts: ComputedMetrics): RawCell {
  return { keys: [], counts, reach: null };
}

function addCounts(into: ComputedMetrics, add: ComputedMetrics): void {
  for (const id of COUNT_METRIC_IDS) into[id] += add[id];
}

/** Segment × creative and segment × dimension cells whose engagement rate differs from the campaign's beyond chance. */
@Injectable()
export class InsightsService {
  constructor(
    private readonly scopes: AnalyticsScopeService,
    private readonly reader: AnalyticsReader,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async getInsights(params: { orgId: string; query: AnalyticsQuery }): Promise<InsightsResponse> {
    const { scope, reportSegments } = await this.scopes.resolve({
      orgId: params.orgId,
      query: params.query,
      segmentMode: 'report',
    });
    const conditions = reportSegments.map((segment) => rulesToConditions(segment.rules));
    const source: RollupSource = chooseSource({
      scope: withConditions(scope, conditions.flat()),
      groupBy: ['creative', 'platform'],
    });
    const trace = newTrace();
    const [overall, read] = await Promise.all([
      this.reader.readTotal({
        scope,
        period: scope.period,
        source: chooseSource({ scope, groupBy: [] }),
        withReach: false,
      }),
      // Every segment in one scan (FILTER per segment).
      this.reader.readSegments({
        scope,
        period: scope.period,
        groupBy: ['creative', 'platform'],
        source,
        withReach: false,
        segments: conditions,
        trace,
      }),
    ]);
    const perSegment = reportSegments.map((segment, i) => ({ segment, cells: read[i] ?? [] }));
    const creativeIds = [...new Set(perSegment.flatMap((s) => s.cells.map((c) => c.keys[0] ?? '')))];
    const creatives = new Map((await this.creatives(scope.orgId, creativeIds)).map((c) => [c.id, c]));

    // Families: the same groupings a breakdown of the segment would publish, suppressed the same way.
    const families: Family[] = perSegment.flatMap(({ segment, cells }) => {
      const group = (kind: Insight['kind'], dims: BreakdownDimension[], keyOf: (c: RawCell) => string[]): Family => {
        const map = new Map<string, { keys: string[]; counts: ComputedMetrics }>();
        for (const c of cells) {
          const keys = keyOf(c);
          const id = JSON.stringify(keys);
          const entry = map.get(id) ?? { keys, counts: { ...EMPTY_COUNTS } };
          addCounts(entry.counts, c.counts);
          map.set(id, entry);
        }
        // A canonical order, whichever store answered: complementary suppression may depend on it.
        const entries = [...map.entries()].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)).map(([, e]) => e);
        return { segment, kind, dims, keys: entries.map((e) => e.keys), counts: entries.map((e) => e.counts) };
      };
      const format = (c: RawCell): string => creatives.get(c.keys[0] ?? '')?.format ?? 'other';
      return [
        group('segment-creative', ['creative'], (c) => [c.keys[0] ?? '']),
        group('segment-dimension', ['platform'], (c) => [c.keys[1] ?? '']),
        group('segment-dimension', ['format'], (c) => [format(c)]),
        group('segment-dimension', ['platform', 'format'], (c) => [c.keys[1] ?? '', format(c)]),
      ];
    });

    // Everything below works on published counts, so no statistic reveals more than the counts do.
    const avg = suppressStandalone(overall, scope.disclosure);
    const N = typeof avg.impressions === 'number' ? avg.impressions : 0;
    const X = typeof avg.engagements === 'number' ? avg.engagements : 0;
    const average = N > 0 ? X / N : null;
    const candidates: (Candidate & { pValue: number })[] = [];
    for (const family of families) {
      const total = { ...EMPTY_COUNTS };
      for (const c of family.counts) addCounts(total, c);
      const grid = family.dims.length === 2 ? gridOf(family.keys) : undefined;
      const wire = suppressCells({
        cells: family.counts.map(cellOf),
        total: cellOf(total),
        policy: scope.disclosure,
        ...(grid ? { grid } : {}),
      });
      family.counts.forEach((_counts, i) => {
        const w = wire.cells[i];
        if (!w || typeof w.impressions !== 'number' || typeof w.engagements !== 'number') return;
        const c = { impressions: w.impressions, engagements: w.engagements };
        if (!hasEnoughData(c.impressions, c.engagements, scope.threshold)) return;
        const restN = N - c.impressions;
        if (restN < 1 || c.engagements > c.impressions) return;
        const restX = Math.max(0, Math.min(X - c.engagements, restN));
        const keys = family.keys[i] ?? [];
        const base = {
          kind: family.kind,
          segment: family.segment,
          impressions: c.impressions,
          engagements: c.engagements,
        };
        const pValue = twoProportionZTest(c.engagements, c.impressions, restX, restN).pValue;
        if (family.kind === 'segment-creative') {
          const creative = creatives.get(keys[0] ?? '');
          if (creative) candidates.push({ ...base, creative, pValue });
        } else {
          const dimensions = family.dims.map((dimension, d) => ({
            dimension,
            value: keys[d] ?? '',
            label: valueLabel(dimension, keys[d] ?? ''),
          }));
          candidates.push({ ...base, dimensions, pValue });
        }
      });
    }

    const bh =
      candidates.length > 0
        ? benjaminiHochberg(
            candidates.map((c) => c.pValue),
            INSIGHTS_Q,
          )
        : { adjusted: [], rejected: [] };
    const items: Insight[] = [];
    candidates.forEach((c, i) => {
      if (!bh.rejected[i] || average === null || average === 0) return;
      const rate = c.engagements / c.impressions;
      const ratio = rate / average;
      items.push({
        kind: c.kind,
        segment: { id: c.segment.id, name: c.segment.name, isPreset: c.segment.isPreset },
        ...(c.creative ? { creative: c.creative } : {}),
        ...(c.dimensions ? { dimensions: c.dimensions } : {}),
        impressions: c.impressions,
        engagements: c.engagements,
        engagementRate: rate,
        ratio,
        direction: ratio >= 1 ? 'above' : 'below',
        pValue: c.pValue,
        qValue: bh.adjusted[i] ?? 1,
        sentence: sentence(c, ratio),
      });
    });
    // Ranked by effect size: how far the rate is from the average, on a ratio scale (2× and 0.5× rank alike).
    items.sort(
      (a, b) => Math.abs(Math.log(b.ratio || 1e-9)) - Math.abs(Math.log(a.ratio || 1e-9)) || a.qValue - b.qValue,
    );

    const reported = await this.reader.reportedReach({ scope, period: scope.period });
    const minimumSample = {
      impressions: Math.max(MINIMUM_IMPRESSIONS, scope.threshold),
      engagements: Math.max(MINIMUM_ENGAGEMENTS, scope.threshold),
    };
    return {
      meta: buildMeta({ scope, source, trace, reachNotDerivable: null, reported }),
      method: {
        test: 'two-proportion z-test vs the rest of the campaign',
        fdr: 'benjamini-hochberg',
        q: INSIGHTS_Q,
        minimumSample,
        description:
          `Every segment × creative, segment × platform, segment × format and segment × platform × format cell with at ` +
          `least ${minimumSample.impressions} impressions and ${minimumSample.engagements} engagements is tested against the ` +
          `rest of the campaign (everything outside the cell) with a two-proportion z-test; the false-discovery rate ` +
          `over all tested cells is held at q = ${INSIGHTS_Q} with Benjamini–Hochberg. Ranked by how far the rate is from the ` +
          `campaign average (ratio scale).`,
      },
      average: { impressions: avg.impressions, engagements: avg.engagements, engagementRate: avg.engagementRate },
      tested: candidates.length,
      items,
      total: items.length,
    };
  }

  private async creatives(orgId: string, ids: string[]): Promise<CreativeRef[]> {
    if (ids.length === 0) return [];
    return this.dataSource.query<CreativeRef[]>(
      `SELECT id::text AS id, key, name, campaign_id::text AS "campaignId", platform, format, theme, partner
         FROM creatives WHERE org_id = $1 AND id = ANY($2::uuid[])`,
      [orgId, ids],
    );
  }
}

function gridOf(keys: string[][]): GridPositions {
  const first = [...new Set(keys.map((k) => k[0] ?? ''))];
  const second = [...new Set(keys.map((k) => k[1] ?? ''))];
  return {
    rows: first.length,
    columns: second.length,
    at: keys.map((k) => [first.indexOf(k[0] ?? ''), second.indexOf(k[1] ?? '')] as const),
  };
}

/** "18–24 on TikTok engage 2.1× the campaign average with personal stories". */
export function sentence(c: Candidate, ratio: number): string {
  const who = segmentShortLabel(c.segment);
  const platform = c.dimensions?.find((d) => d.dimension === 'platform');
  const format = c.dimensions?.find((d) => d.dimension === 'format');
  const how =
    ratio >= 1
      ? `engage ${ratio.toFixed(1)}× the campaign average`
      : `engage ${Math.round((1 - ratio) * 100)}% less than the campaign average`;
  const where = platform ? ` on ${platform.label}` : '';
  const withWhat = c.creative ? ` with "${c.creative.name}"` : format ? ` with ${format.label}` : '';
  return `${who}${where} ${how}${withWhat}`;
}
