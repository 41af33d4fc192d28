import { comparisonPeriod, resolvePeriodRule } from './period-rules.js';

describe('resolvePeriodRule', () => {
  it.each([
    ['last7', '2026-06-10', '2026-06-04', '2026-06-10'],
    ['last30', '2026-06-10', '2026-05-12', '2026-06-10'],
    ['last90', '2026-06-10', '2026-03-13', '2026-06-10'],
    // 2026-06-10 is a Wednesday: the last full week is Monday 1 – Sunday 7 June.
    ['lastWeek', '2026-06-10', '2026-06-01', '2026-06-07'],
    // On a Monday the week that just ended counts.
    ['lastWeek', '2026-06-08', '2026-06-01', '2026-06-07'],
    ['lastWeek', '2026-06-07', '2026-05-25', '2026-05-31'],
    ['lastMonth', '2026-06-10', '2026-05-01', '2026-05-31'],
    ['lastMonth', '2026-01-01', '2025-12-01', '2025-12-31'],
    ['lastMonth', '2028-03-15', '2028-02-01', '2028-02-29'],
    ['awareness', '2026-06-10', '2026-05-01', '2026-05-31'],
    ['awareness', '2026-04-30', '2025-05-01', '2025-05-31'],
    // Same observance last year: the Awareness Month before the latest one.
    ['awarenessLastYear', '2026-06-10', '2025-05-01', '2025-05-31'],
    ['awarenessLastYear', '2026-05-01', '2025-05-01', '2025-05-31'],
    ['awarenessLastYear', '2026-04-30', '2024-05-01', '2024-05-31'],
  ] as const)('%s on %s is %s – %s', (rule, today, from, to) => {
    expect(resolvePeriodRule(rule, today)).toEqual({ from, to });
  });
});

describe('comparisonPeriod', () => {
  it.each([
    ['previous_period', { from: '2026-05-01', to: '2026-05-31' }, { from: '2026-03-31', to: '2026-04-30' }],
    ['previous_year', { from: '2028-02-01', to: '2028-02-29' }, { from: '2027-02-01', to: '2027-02-28' }],
    ['none', { from: '2026-05-01', to: '2026-05-31' }, null],
  ] as const)('%s of %j is %j', (mode, range, expected) => {
    expect(comparisonPeriod(range, mode)).toEqual(expected);
  });
});
