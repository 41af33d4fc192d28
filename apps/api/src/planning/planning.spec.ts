import { catalogueObservanceId } from './catalogue-ids.js';
import { monthsAfter } from './observances.service.js';
import { planSampleSize } from './sample-size.js';
import { parseSegments, segmentWireCounts, type BandCounts } from './age-band-segments.js';

describe('catalogueObservanceId', () => {
  it('is a stable version-5 UUID per slug', () => {
    const id = catalogueObservanceId('world-mental-health-day');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(catalogueObservanceId('world-mental-health-day')).toBe(id);
    expect(catalogueObservanceId('movember')).not.toBe(id);
  });
});

describe('monthsAfter (last day of a planning window)', () => {
  it.each([
    ['2027-01-01', 12, '2027-12-31'],
    ['2026-11-01', 4, '2027-02-28'],
    ['2027-11-01', 4, '2028-02-29'],
    ['2027-01-31', 1, '2027-02-27'],
    ['2027-07-15', 12, '2028-07-14'],
    ['2027-12-31', 1, '2028-01-30'],
  ])('%s + %i months ends on %s', (from, months, to) => {
    expect(monthsAfter(from, months)).toBe(to);
  });
});

describe('segmentWireCounts', () => {
  const bands = (entries: [string, number][]): BandCounts => new Map(entries) as BandCounts;
  const segments = parseSegments('all,gen-z,age-13-17,age-18-24,age-25-34', []);

  it('shows every segment when no cell is small', () => {
    const out = segmentWireCounts(
      bands([
        ['13-17', 50],
        ['18-24', 100],
        ['25-34', 200],
      ]),
      segments,
      11,
    );
    expect(Object.fromEntries(out)).toEqual({
      all: 350,
      'gen-z': 150,
      'age-13-17': 50,
      'age-18-24': 100,
      'age-25-34': 200,
    });
  });

  it('hides a small band, a partner for it, and every segment containing a hidden band', () => {
    const out = Object.fromEntries(
      segmentWireCounts(
        bands([
          ['13-17', 4],
          ['18-24', 100],
          ['25-34', 200],
        ]),
        segments,
        11,
      ),
    );
    // Everyone stays visible, so 304 − 200 = 104 must be split over two hidden bands: 13–17 and 18–24.
    expect(out).toEqual({
      all: 304,
      'gen-z': { suppressed: true },
      'age-13-17': { suppressed: true },
      'age-18-24': { suppressed: true },
      'age-25-34': 200,
    });
  });

  it('keeps zeros visible (they describe nobody)', () => {
    const out = segmentWireCounts(bands([['18-24', 100]]), segments, 11);
    expect(out.get('age-13-17')).toBe(0);
    expect(out.get('all')).toBe(100);
  });

  it('coarsens 55-64, 65+ and 55+ into one band', () => {
    const out = segmentWireCounts(bands([['55+', 40]]), parseSegments('age-55-plus', []), 11);
    expect(out.get('age-55-plus')).toBe(40);
  });
});

describe('parseSegments', () => {
  it('uses the fallback when empty and refuses unknown ids, naming them', () => {
    expect(parseSegments(undefined, ['all']).map((s) => s.id)).toEqual(['all']);
    expect(parseSegments('gen-z, all', []).map((s) => s.id)).toEqual(['gen-z', 'all']);
    expect(() => parseSegments('teens,all', [])).toThrow(/unknown: teens/);
  });
});

describe('planSampleSize', () => {
  it.each([
    // R: power.prop.test(p1 = .50, p2 = .75, power = .90) → n = 76.65
    [{ baselineRate: 0.5, minRelativeLift: 0.5, power: 0.9 }, 77],
    // 0.10 vs 0.12 and 0.02 vs 0.025 at 80% power (3840.85 and 13808.92, as in the analytics tests)
    [{ baselineRate: 0.1, minRelativeLift: 0.2, power: 0.8 }, 3841],
    [{ baselineRate: 0.02, minRelativeLift: 0.25, power: 0.8 }, 13809],
  ])('%j needs %i impressions per creative per segment', (input, perArm) => {
    const result = planSampleSize({ alpha: 0.05, arms: 2, ...input });
    expect(result.impressionsPerArm).toBe(perArm);
    expect(result.totalImpressions).toBe(2 * perArm);
  });

  it.each([1000, 13809, 250000])('inverts: %i per arm detects a lift that needs no more than that', (perArm) => {
    const inverse = planSampleSize({ baselineRate: 0.02, impressionsPerArm: perArm, alpha: 0.05, power: 0.8, arms: 2 });
    const lift = inverse.minRelativeLift;
    if (lift === null) throw new Error('expected a detectable lift');
    expect(
      planSampleSize({ baselineRate: 0.02, minRelativeLift: lift, alpha: 0.05, power: 0.8, arms: 2 }).impressionsPerArm,
    ).toBeLessThanOrEqual(perArm);
    expect(
      planSampleSize({ baselineRate: 0.02, minRelativeLift: lift * 0.99, alpha: 0.05, power: 0.8, arms: 2 })
        .impressionsPerArm,
    ).toBeGreaterThan(perArm);
  });

  it('answers null when even a rate of 1 could not be told apart', () => {
    expect(
      planSampleSize({ baselineRate: 0.5, impressionsPerArm: 1, alpha: 0.05, power: 0.8, arms: 2 }).minRelativeLift,
    ).toBeNull();
  });

  it.each([
    [{ baselineRate: 1, minRelativeLift: 0.1 }, /^baselineRate must be a fraction strictly between 0 and 1/],
    [{ baselineRate: 0.02, minRelativeLift: -0.1 }, /^minRelativeLift must be greater than 0 and less than 49/],
    [{ baselineRate: 0.02, minRelativeLift: 0.1, alpha: 0 }, /^alpha must be/],
    [{ baselineRate: 0.02, minRelativeLift: 0.1, arms: 2.5 }, /^arms must be an integer from 2 to 20/],
    [{ baselineRate: 0.02, minRelativeLift: 0.1, impressionsPerArm: 10 }, /send exactly one/],
  ])('refuses %j', (input, message) => {
    expect(() => planSampleSize({ alpha: 0.05, power: 0.8, arms: 2, ...input })).toThrow(message);
  });
});
