import { daysBetween, describeDaysUntil, findNextUp, findOngoing, groupByMonth, todayIso } from './calendar';
import { occurrence } from './testFixtures';

describe('daysBetween', () => {
  it.each([
    ['2026-11-25', '2026-11-25', 0],
    ['2026-11-25', '2026-12-05', 10],
    ['2026-12-31', '2027-01-01', 1],
    ['2028-02-28', '2028-03-01', 2],
    ['2027-02-28', '2027-03-01', 1],
    ['2027-03-01', '2027-02-28', -1],
  ])('%s → %s is %i days', (a, b, days) => {
    expect(daysBetween(a, b)).toBe(days);
  });
});

describe('todayIso', () => {
  it('is the UTC date', () => {
    expect(todayIso(new Date('2026-11-25T23:30:00-05:00'))).toBe('2026-11-26');
  });
});

describe('groupByMonth', () => {
  const may = occurrence({ name: 'Mental Health Awareness Month', startsOn: '2027-05-01', endsOn: '2027-05-31' });
  const oct = occurrence({ name: 'Mental Illness Awareness Week', startsOn: '2027-10-03', endsOn: '2027-10-09' });
  const wmhd = occurrence({ name: 'World Mental Health Day', startsOn: '2027-10-10', endsOn: '2027-10-10' });
  const spanning = occurrence({ name: 'Spanning week', startsOn: '2026-12-28', endsOn: '2027-01-03' });

  it('makes one bucket per month across the year end, labelled by year and month', () => {
    const months = groupByMonth([], '2026-11-25', 12);
    expect(months.map((m) => m.key)).toEqual([
      '2026-11',
      '2026-12',
      '2027-01',
      '2027-02',
      '2027-03',
      '2027-04',
      '2027-05',
      '2027-06',
      '2027-07',
      '2027-08',
      '2027-09',
      '2027-10',
    ]);
    expect(months[1]).toMatchObject({ year: 2026, month: 12 });
    expect(months[2]).toMatchObject({ year: 2027, month: 1 });
  });

  it('puts each occurrence in its months, sorted by start, continued after the first month', () => {
    const months = groupByMonth([wmhd, spanning, may, oct], '2026-11-25', 12);
    const byKey = Object.fromEntries(months.map((m) => [m.key, m.items.map((i) => [i.occurrence.name, i.continued])]));
    expect(byKey['2026-12']).toEqual([['Spanning week', false]]);
    expect(byKey['2027-01']).toEqual([['Spanning week', true]]);
    expect(byKey['2027-05']).toEqual([['Mental Health Awareness Month', false]]);
    expect(byKey['2027-10']).toEqual([
      ['Mental Illness Awareness Week', false],
      ['World Mental Health Day', false],
    ]);
    expect(byKey['2027-02']).toEqual([]);
  });

  it('drops occurrences outside the months shown', () => {
    const later = occurrence({ startsOn: '2027-12-01', endsOn: '2027-12-01' });
    expect(groupByMonth([later], '2026-11-25', 12).every((m) => m.items.length === 0)).toBe(true);
  });
});

describe('findNextUp and findOngoing', () => {
  const items = [
    occurrence({ name: 'Ongoing month', startsOn: '2026-11-01', endsOn: '2026-11-30' }),
    occurrence({ name: 'B day', startsOn: '2026-12-10', endsOn: '2026-12-10' }),
    occurrence({ name: 'A day', startsOn: '2026-12-10', endsOn: '2026-12-10' }),
    occurrence({ name: 'Later', startsOn: '2027-01-01', endsOn: '2027-01-07' }),
  ];

  it.each([
    ['2026-11-25', 'A day', 15],
    ['2026-12-10', 'A day', 0],
    ['2026-12-11', 'Later', 21],
  ])('on %s the next is %s in %i days', (today, name, days) => {
    expect(findNextUp(items, today)).toMatchObject({ occurrence: { name }, daysUntil: days });
  });

  it('is null when nothing starts later', () => {
    expect(findNextUp(items, '2027-01-02')).toBeNull();
  });

  it('lists what started before today and has not ended', () => {
    expect(findOngoing(items, '2026-11-25').map((o) => o.name)).toEqual(['Ongoing month']);
    expect(findOngoing(items, '2027-01-03').map((o) => o.name)).toEqual(['Later']);
  });
});

describe('describeDaysUntil', () => {
  it.each([
    [0, 'today'],
    [1, 'tomorrow'],
    [12, 'in 12 days'],
  ])('%i → %s', (days, text) => {
    expect(describeDaysUntil(days)).toBe(text);
  });
});
