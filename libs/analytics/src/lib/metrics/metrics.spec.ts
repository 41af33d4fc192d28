import { ANALYTICS_METRIC_IDS, type AgeBand, type EventType } from '@resonance/contracts';
import { coarsenAgeBand, COARSE_AGE_BANDS } from './age-bands.js';
import { computeMetrics } from './compute.js';
import { DEFAULT_ENGAGEMENT_TYPES, getMetricDefinitions, METRIC_DEFINITIONS, type MetricId } from './definitions.js';

// Exhaustive by type: adding a band or event type to contracts makes these fail to compile.
const AGE_BANDS = Object.keys({
  '13-17': 1,
  '18-24': 1,
  '25-34': 1,
  '35-44': 1,
  '45-54': 1,
  '55-64': 1,
  '65+': 1,
  '55+': 1,
  unknown: 1,
} satisfies Record<AgeBand, 1>) as AgeBand[];
const EVENT_TYPES = Object.keys({
  impression: 1,
  view: 1,
  like: 1,
  comment: 1,
  share: 1,
  save: 1,
  click: 1,
  video_view: 1,
  video_complete: 1,
  follow: 1,
  resource_click: 1,
} satisfies Record<EventType, 1>) as EventType[];

describe('METRIC_DEFINITIONS', () => {
  it('defines every metric once, keyed by its own id, with a label and a description', () => {
    expect(Object.keys(METRIC_DEFINITIONS).sort()).toEqual([...ANALYTICS_METRIC_IDS].sort());
    for (const id of ANALYTICS_METRIC_IDS) {
      const def = METRIC_DEFINITIONS[id];
      expect(def.id).toBe(id);
      expect(def.label.length).toBeGreaterThan(0);
      expect(def.description.length).toBeGreaterThan(10);
    }
  });

  it.each<[MetricId, string[], string[], RegExp]>([
    ['engagementRate', ['like', 'comment', 'share', 'save', 'click'], ['impression'], /divided by impressions/],
    ['clickThroughRate', ['click'], ['impression'], /divided by impressions/],
    ['shareRate', ['share'], ['impression'], /divided by impressions/],
    ['videoCompletionRate', ['video_complete'], ['video_view'], /divided by video views/],
  ])('%s is a rate whose description states its denominator', (id, numerator, denominator, stated) => {
    const def = METRIC_DEFINITIONS[id];
    expect(def.kind).toBe('rate');
    expect(def.numerator).toEqual(numerator);
    expect(def.denominator).toEqual(denominator);
    expect(def.description).toMatch(stated);
    expect(def.additive).toBe(false);
  });

  it('marks reach as distinct and never additive, and says so in words', () => {
    expect(METRIC_DEFINITIONS.reach.kind).toBe('distinct');
    expect(METRIC_DEFINITIONS.reach.additive).toBe(false);
    expect(METRIC_DEFINITIONS.reach.description).toMatch(/never added up/);
  });

  it('uses like + comment + share + save + click as the default engagement set', () => {
    expect(DEFAULT_ENGAGEMENT_TYPES).toEqual(['like', 'comment', 'share', 'save', 'click']);
    expect(METRIC_DEFINITIONS.engagements.description).toBe(
      'Engagements = likes + comments + shares + saves + clicks.',
    );
  });

  it('states a custom engagement set in the definition shown to users', () => {
    const defs = getMetricDefinitions(['like', 'share', 'resource_click']);
    expect(defs.engagements.numerator).toEqual(['like', 'share', 'resource_click']);
    expect(defs.engagementRate.description).toMatch(/likes \+ shares \+ resource clicks\) divided by impressions/);
  });

  it('counts reach from any event type', () => {
    expect(METRIC_DEFINITIONS.reach.numerator).toEqual(EVENT_TYPES);
  });

  it('counts only real event types', () => {
    for (const def of Object.values(METRIC_DEFINITIONS)) {
      for (const t of [...(def.numerator ?? []), ...(def.denominator ?? [])]) expect(EVENT_TYPES).toContain(t);
    }
  });
});

describe('computeMetrics', () => {
  const counts = {
    impression: 2000,
    like: 50,
    comment: 10,
    share: 20,
    save: 5,
    click: 40,
    follow: 7,
    video_view: 400,
    video_complete: 100,
    resource_click: 12,
  };

  it('computes counts and rates as fractions 0–1 with the default engagement set', () => {
    expect(computeMetrics(counts)).toEqual({
      impressions: 2000,
      engagements: 125, // 50 + 10 + 20 + 5 + 40; follows are not engagements by default
      clicks: 40,
      shares: 20,
      videoViews: 400,
      videoCompletions: 100,
      resourceClicks: 12,
      engagementRate: 0.0625,
      clickThroughRate: 0.02,
      shareRate: 0.01,
      videoCompletionRate: 0.25,
    });
  });

  it('honours a custom engagement set and ignores duplicates in it', () => {
    const m = computeMetrics(counts, { engagementTypes: ['like', 'follow', 'like'] });
    expect(m.engagements).toBe(57);
    expect(m.engagementRate).toBeCloseTo(57 / 2000, 15);
  });

  it('gives null rates, not 0 or NaN, when the denominator is 0', () => {
    const m = computeMetrics({ click: 3, video_complete: 0 });
    expect(m.impressions).toBe(0);
    expect(m.engagementRate).toBeNull();
    expect(m.clickThroughRate).toBeNull();
    expect(m.shareRate).toBeNull();
    expect(m.videoCompletionRate).toBeNull();
  });

  it('treats missing event types as zero', () => {
    expect(computeMetrics({ impression: 10 })).toMatchObject({ engagements: 0, engagementRate: 0, clicks: 0 });
  });

  it.each([[{ impression: -1 }], [{ click: Number.NaN }], [{ like: Infinity }]])(
    'rejects impossible counts %j',
    (bad) => {
      expect(() => computeMetrics(bad)).toThrow(RangeError);
    },
  );

  it('refuses impressions as an engagement (the rate would divide impressions by themselves)', () => {
    expect(() => computeMetrics(counts, { engagementTypes: ['impression', 'like'] })).toThrow(
      /engagementTypes must not include impression/,
    );
    expect(() => computeMetrics(counts, { engagementTypes: [] })).toThrow(RangeError);
  });
});

describe('coarsenAgeBand', () => {
  it.each<[AgeBand, string]>([
    ['55-64', '55+'],
    ['65+', '55+'],
    ['55+', '55+'],
    ['13-17', '13-17'],
    ['18-24', '18-24'],
    ['45-54', '45-54'],
    ['unknown', 'unknown'],
  ])('%s → %s', (band, coarse) => {
    expect(coarsenAgeBand(band)).toBe(coarse);
  });

  it('maps every reported band onto a coarse band, so TikTok and Meta rows line up', () => {
    for (const band of AGE_BANDS) expect(COARSE_AGE_BANDS).toContain(coarsenAgeBand(band));
  });
});
