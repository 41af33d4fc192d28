import { defaultCampaignKey, defaultCampaignName, plannableYears, toPlanCampaignRequest } from './planCampaign';

describe('plan a campaign', () => {
  const occurrences = [
    { year: 2025, startsOn: '2025-10-10', endsOn: '2025-10-10' },
    { year: 2026, startsOn: '2026-10-10', endsOn: '2026-10-10' },
    { year: 2027, startsOn: '2027-10-10', endsOn: '2027-10-10' },
  ];

  it.each([
    ['2026-11-25', [2027]],
    ['2026-10-10', [2026, 2027]],
    ['2024-01-01', [2025, 2026, 2027]],
  ])('on %s offers %p', (today, years) => {
    expect(plannableYears(occurrences, today)).toEqual(years);
  });

  it('suggests a name and key from the observance and year', () => {
    expect(defaultCampaignName('World Mental Health Day', 2027)).toBe('World Mental Health Day 2027');
    expect(defaultCampaignKey('world-mental-health-day', 2027)).toBe('world-mental-health-day-2027');
  });

  it.each([
    [
      { year: '2027', name: ' WMHD 2027 ', key: 'wmhd-2027' },
      { year: 2027, name: 'WMHD 2027', key: 'wmhd-2027' },
    ],
    [
      { year: '2027', name: 'WMHD', key: '  ' },
      { year: 2027, name: 'WMHD' },
    ],
  ])('builds the request from %p', (draft, request) => {
    expect(toPlanCampaignRequest(draft)).toEqual({ ok: true, request });
  });

  it.each([
    [{ year: '', name: 'x', key: '' }, 'year'],
    [{ year: '2027', name: '  ', key: '' }, 'name'],
    [{ year: '2027', name: 'x', key: '-bad key' }, 'key'],
  ])('rejects %p naming %s', (draft, field) => {
    const result = toPlanCampaignRequest(draft);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors)).toEqual([field]);
  });
});
