import {
  buildObservanceRequest,
  draftToRule,
  EMPTY_OBSERVANCE_DRAFT,
  slugify,
  type ObservanceDraft,
} from './observanceForm';

const draft = (patch: Partial<ObservanceDraft>): ObservanceDraft => ({
  ...EMPTY_OBSERVANCE_DRAFT,
  name: 'Our Helpline Day',
  slug: 'our-helpline-day',
  ...patch,
});

describe('slugify', () => {
  it.each([
    ['Our Helpline Day!', 'our-helpline-day'],
    ['  Día de la Salud Mental ', 'dia-de-la-salud-mental'],
    ['---', ''],
    ['A'.repeat(100), 'a'.repeat(80)],
  ])('%j → %j', (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });
});

describe('draftToRule', () => {
  it.each<[Partial<ObservanceDraft>, Record<string, unknown>]>([
    [
      { kind: 'fixed_day', month: '10', day: '10' },
      { kind: 'fixed_day', month: 10, day: 10 },
    ],
    [
      { kind: 'fixed_range', month: '12', day: '28', endMonth: '1', endDay: '3' },
      { kind: 'fixed_range', startMonth: 12, startDay: 28, endMonth: 1, endDay: 3 },
    ],
    [
      { kind: 'whole_month', month: '5' },
      { kind: 'whole_month', month: 5 },
    ],
    [
      { kind: 'nth_weekday', month: '1', weekday: '1', n: '3', durationDays: '1' },
      { kind: 'nth_weekday', month: 1, weekday: 1, n: 3 },
    ],
    [
      { kind: 'nth_weekday', month: '5', weekday: '1', n: '2', durationDays: '7' },
      { kind: 'nth_weekday', month: 5, weekday: 1, n: 2, durationDays: 7 },
    ],
    [
      { kind: 'first_full_week', month: '10', weekStartsOn: '0' },
      { kind: 'first_full_week', month: 10, weekStartsOn: 0 },
    ],
    [
      { kind: 'week_containing', month: '6', day: '15', weekStartsOn: '1' },
      { kind: 'week_containing', month: 6, day: 15, weekStartsOn: 1 },
    ],
  ])('%p → %p', (patch, rule) => {
    expect(draftToRule(draft(patch))).toEqual(rule);
  });
});

describe('buildObservanceRequest', () => {
  it('builds the request and previews the rule in words and its dates', () => {
    const built = buildObservanceRequest(
      draft({ kind: 'nth_weekday', month: '1', weekday: '1', n: '3', region: 'UK', organiser: ' Us ' }),
      2027,
    );
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(built.request).toEqual({
      slug: 'our-helpline-day',
      name: 'Our Helpline Day',
      region: 'UK',
      rule: { kind: 'nth_weekday', month: 1, weekday: 1, n: 3 },
      organiser: 'Us',
      url: null,
      description: null,
    });
    expect(built.preview.occurrences).toEqual([
      { year: 2027, startsOn: '2027-01-18', endsOn: '2027-01-18' },
      { year: 2028, startsOn: '2028-01-17', endsOn: '2028-01-17' },
    ]);
    expect(built.preview.description).toMatch(/Monday/);
  });

  it('falls back from 29 February in a common year, as the API does', () => {
    const built = buildObservanceRequest(draft({ kind: 'fixed_day', month: '2', day: '29' }), 2027);
    expect(built.ok && built.preview.occurrences).toEqual([
      { year: 2027, startsOn: '2027-02-28', endsOn: '2027-02-28' },
      { year: 2028, startsOn: '2028-02-29', endsOn: '2028-02-29' },
    ]);
  });

  it.each<[string, Partial<ObservanceDraft>, string]>([
    ['an empty name', { name: ' ' }, 'name'],
    ['a slug with capitals', { slug: 'Our-Day' }, 'slug'],
    ['a slug with a double hyphen', { slug: 'our--day' }, 'slug'],
    ['a lower-case region', { region: 'uk' }, 'region'],
    ['a web address without a scheme', { url: 'example.org' }, 'url'],
  ])('names the field for %s', (_label, patch, field) => {
    const built = buildObservanceRequest(draft(patch), 2027);
    expect(built.ok).toBe(false);
    if (!built.ok) expect(Object.keys(built.errors)).toEqual([field]);
  });

  it.each<[string, Partial<ObservanceDraft>]>([
    ['31 April', { kind: 'fixed_day', month: '4', day: '31' }],
    ['a 13th month', { kind: 'whole_month', month: '13' }],
    ['a blank day', { kind: 'fixed_day', day: '' }],
  ])('lists the rule problems for %s', (_label, patch) => {
    const built = buildObservanceRequest(draft(patch), 2027);
    expect(built.ok).toBe(false);
    if (!built.ok) expect(built.ruleErrors.length).toBeGreaterThan(0);
  });
});
