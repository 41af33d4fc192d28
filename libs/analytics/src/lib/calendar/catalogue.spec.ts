import { OBSERVANCE_CATALOGUE, REFERENCE_DATES } from './catalogue.js';
import { describeRule } from './describe-rule.js';
import { OBSERVANCE_SLUG_PATTERN } from './observance-rule.js';
import { createObservanceResolver, resolveObservance } from './resolve-observance.js';
import { validateObservanceRule } from './validate-rule.js';

const YEARS = Array.from({ length: 41 }, (_, i) => 2000 + i);
const resolver = createObservanceResolver([...OBSERVANCE_CATALOGUE, ...REFERENCE_DATES]);
const entry = (slug: string) => {
  const found = OBSERVANCE_CATALOGUE.find((o) => o.slug === slug);
  if (!found) throw new Error(`no catalogue entry ${slug}`);
  return found;
};
const dates = (slug: string, year: number) => resolveObservance(entry(slug).rule, year, resolver);
const lengthInDays = (from: string, to: string): number => (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
const weekdayOf = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay();

describe('OBSERVANCE_CATALOGUE', () => {
  it('has about 25 entries with unique, well-formed slugs', () => {
    expect(OBSERVANCE_CATALOGUE.length).toBeGreaterThanOrEqual(25);
    const slugs = [...OBSERVANCE_CATALOGUE, ...REFERENCE_DATES].map((o) => o.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    for (const slug of slugs) expect(slug).toMatch(OBSERVANCE_SLUG_PATTERN);
  });

  it.each([
    'mental-health-awareness-month',
    'mental-health-awareness-week-uk',
    'world-suicide-prevention-day',
    'suicide-prevention-awareness-month',
    'mental-illness-awareness-week',
    'world-mental-health-day',
    'world-bipolar-day',
    'eating-disorders-awareness-week',
    'childrens-mental-health-week',
    'time-to-talk-day',
    'bell-lets-talk-day',
    'brew-monday',
    'world-autism-awareness-day',
    'ptsd-awareness-month',
    'mens-health-week',
    'minority-mental-health-awareness-month',
    'international-overdose-awareness-day',
    'r-u-ok-day',
    'mental-health-month-au',
    'stress-awareness-month',
    'loneliness-awareness-week',
    'movember',
    'international-survivors-of-suicide-loss-day',
  ])('includes %s', (slug) => {
    expect(entry(slug).name.length).toBeGreaterThan(0);
  });

  describe.each([...OBSERVANCE_CATALOGUE, ...REFERENCE_DATES].map((o) => [o.slug, o] as const))(
    '%s',
    (_slug, observance) => {
      it('has a valid rule that survives a JSON round trip', () => {
        const stored = JSON.parse(JSON.stringify(observance.rule));
        expect(validateObservanceRule(stored)).toEqual({ ok: true, rule: observance.rule });
      });

      it('has complete metadata and a readable rule', () => {
        expect(['global', 'US', 'UK', 'CA', 'AU']).toContain(observance.region);
        expect(observance.url).toMatch(/^https:\/\/[a-z0-9.-]+\.[a-z]{2,}(\/\S*)?$/);
        expect(observance.organiser.trim()).not.toBe('');
        expect(observance.description.trim()).not.toBe('');
        expect(describeRule(observance.rule)).not.toMatch(/undefined|month \d|weekday \d/);
      });

      it('resolves in every year 2000–2040 to a day (1), week (7) or month (28–31)', () => {
        for (const year of YEARS) {
          const { startsOn, endsOn } = resolveObservance(observance.rule, year, resolver);
          expect(startsOn <= endsOn).toBe(true);
          const length = lengthInDays(startsOn, endsOn);
          expect(length === 1 || length === 7 || (length >= 28 && length <= 31)).toBe(true);
        }
      });
    },
  );
});

describe('known real dates', () => {
  it.each([
    ['mental-illness-awareness-week', 2024, '2024-10-06', '2024-10-12'],
    ['mental-illness-awareness-week', 2025, '2025-10-05', '2025-10-11'],
    ['time-to-talk-day', 2024, '2024-02-01', '2024-02-01'],
    ['time-to-talk-day', 2025, '2025-02-06', '2025-02-06'],
    ['r-u-ok-day', 2024, '2024-09-12', '2024-09-12'],
    ['international-survivors-of-suicide-loss-day', 2024, '2024-11-23', '2024-11-23'],
    ['international-survivors-of-suicide-loss-day', 2025, '2025-11-22', '2025-11-22'],
    ['mental-health-awareness-week-uk', 2024, '2024-05-13', '2024-05-19'],
    ['mental-health-awareness-week-uk', 2025, '2025-05-12', '2025-05-18'],
    ['bell-lets-talk-day', 2024, '2024-01-24', '2024-01-24'],
    ['bell-lets-talk-day', 2025, '2025-01-22', '2025-01-22'],
    ['brew-monday', 2024, '2024-01-15', '2024-01-15'],
    ['brew-monday', 2025, '2025-01-20', '2025-01-20'],
    ['childrens-mental-health-week', 2024, '2024-02-05', '2024-02-11'],
    ['childrens-mental-health-week', 2025, '2025-02-03', '2025-02-09'],
    ['eating-disorders-awareness-week', 2024, '2024-02-26', '2024-03-03'],
    ['eating-disorders-awareness-week', 2025, '2025-02-24', '2025-03-02'],
    ['mens-health-week', 2024, '2024-06-10', '2024-06-16'],
    ['mens-health-week', 2025, '2025-06-09', '2025-06-15'],
    ['loneliness-awareness-week', 2024, '2024-06-10', '2024-06-16'],
    ['national-suicide-prevention-week', 2024, '2024-09-08', '2024-09-14'],
    ['ocd-awareness-week', 2023, '2023-10-08', '2023-10-14'],
    ['ocd-awareness-week', 2024, '2024-10-13', '2024-10-19'],
    ['cmha-mental-health-week', 2024, '2024-05-06', '2024-05-12'],
    ['world-maternal-mental-health-day', 2024, '2024-05-01', '2024-05-01'],
    ['university-mental-health-day', 2024, '2024-03-14', '2024-03-14'],
    ['mental-health-awareness-month', 2024, '2024-05-01', '2024-05-31'],
    ['stress-awareness-month', 2024, '2024-04-01', '2024-04-30'],
    ['world-bipolar-day', 2024, '2024-03-30', '2024-03-30'],
  ])('%s %i is %s … %s', (slug, year, startsOn, endsOn) => {
    expect(dates(slug, year)).toEqual({ startsOn, endsOn });
  });

  it.each(YEARS)('World Mental Health Day and World Suicide Prevention Day, %i', (year) => {
    expect(dates('world-mental-health-day', year)).toEqual({ startsOn: `${year}-10-10`, endsOn: `${year}-10-10` });
    expect(dates('world-suicide-prevention-day', year).startsOn).toBe(`${year}-09-10`);
  });

  it.each(YEARS)('weekday patterns hold in %i', (year) => {
    const miaw = dates('mental-illness-awareness-week', year);
    expect(weekdayOf(miaw.startsOn)).toBe(0);
    expect(Number(miaw.startsOn.slice(8))).toBeLessThanOrEqual(7);

    const survivors = dates('international-survivors-of-suicide-loss-day', year).startsOn;
    const thanksgiving = resolveObservance(REFERENCE_DATES[0]!.rule, year).startsOn;
    expect(weekdayOf(survivors)).toBe(6);
    expect(lengthInDays(survivors, thanksgiving)).toBe(6);

    // Men's Health Week ends on Father's Day, the third Sunday of June (15–21 June).
    const mens = dates('mens-health-week', year).endsOn;
    expect(weekdayOf(mens)).toBe(0);
    expect(Number(mens.slice(8))).toBeGreaterThanOrEqual(15);
    expect(Number(mens.slice(8))).toBeLessThanOrEqual(21);

    expect(weekdayOf(dates('r-u-ok-day', year).startsOn)).toBe(4);
    expect(weekdayOf(dates('time-to-talk-day', year).startsOn)).toBe(4);
  });
});
