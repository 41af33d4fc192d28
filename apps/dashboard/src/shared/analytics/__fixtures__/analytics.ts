import type {
  AnalyticsMeta,
  CreativeMatrixCell,
  CreativeMatrixResponse,
  CreativeRef,
  MetricDeltas,
  MetricSet,
} from '@resonance/contracts';
import { ANALYTICS_METRIC_IDS } from '@resonance/contracts';
import { METRIC_DEFINITIONS } from '@resonance/analytics';

/** Test data builders for the analytics responses (unit tests only). */
export function metricSet(overrides: Partial<MetricSet> = {}): MetricSet {
  return {
    impressions: 0,
    reach: 0,
    engagements: 0,
    engagementRate: null,
    clicks: 0,
    clickThroughRate: null,
    shares: 0,
    shareRate: null,
    videoViews: 0,
    videoCompletions: 0,
    videoCompletionRate: null,
    resourceClicks: 0,
    ...overrides,
  };
}

export function deltas(overrides: Partial<MetricDeltas> = {}): MetricDeltas {
  const out = {} as MetricDeltas;
  for (const id of ANALYTICS_METRIC_IDS) out[id] = { absolute: 0, relative: 0 };
  return { ...out, ...overrides };
}

export function meta(overrides: Partial<AnalyticsMeta> = {}): AnalyticsMeta {
  const definitions = {} as AnalyticsMeta['definitions'];
  for (const id of ANALYTICS_METRIC_IDS) definitions[id] = { ...METRIC_DEFINITIONS[id] };
  return {
    query: { campaign: null, from: '2026-05-01', to: '2026-05-31', tz: 'UTC', days: 31, filters: {}, segment: null },
    definitions,
    suppression: {
      threshold: 11,
      label: '<11',
      method: 'cell-key perturbation',
      maxPerturbation: 5,
      note: 'Small cells are hidden.',
    },
    reach: { method: 'exact', note: 'Exact distinct count.', platformReported: [] },
    source: 'rollup_daily',
    notes: [],
    generatedAt: '2026-11-25T12:00:00.000Z',
    ...overrides,
  };
}

export function creative(id: string, name: string, overrides: Partial<CreativeRef> = {}): CreativeRef {
  return {
    id,
    key: id,
    name,
    campaignId: 'c1',
    platform: 'tiktok',
    format: 'personal_story',
    theme: null,
    partner: null,
    ...overrides,
  };
}

export function cell(
  creativeId: string,
  segmentId: string,
  overrides: Partial<CreativeMatrixCell> = {},
): CreativeMatrixCell {
  return {
    creativeId,
    segmentId,
    impressions: 2000,
    engagements: 100,
    engagementRate: 0.05,
    interval: { lower: 0.041, upper: 0.06 },
    lift: 0,
    probabilityToBeBest: 0.5,
    pValue: null,
    rawPValue: null,
    verdict: 'no clear difference',
    ...overrides,
  };
}

export function matrix(
  parts: Pick<CreativeMatrixResponse, 'creatives' | 'segments' | 'cells'>,
): CreativeMatrixResponse {
  return {
    meta: meta(),
    method: {
      interval: 'wilson-95',
      probabilityToBeBest: 'beta-binomial (uniform prior)',
      adjustment: 'holm',
      alpha: 0.05,
      probabilityToBeBestThreshold: 0.95,
      minimumSample: { impressions: 1000, engagements: 30 },
      description: 'test',
    },
    ...parts,
  };
}
