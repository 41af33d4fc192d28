import { act, render } from '@testing-library/react';
import { MemoryRouter, useLocation, useNavigate, type NavigateFunction } from 'react-router';
import { parseFilters, presetRange, comparisonRange, latestCampaignWindow } from '../utils/filters';
import { useUrlFilters, type UrlFilters } from './useUrlFilters';

const TODAY = '2026-11-25';

// A declarative MemoryRouter: jsdom has no fetch Request, which data routers need to navigate.
function setup(initial: string) {
  const seen: { current: UrlFilters | null; search: string; navigate: NavigateFunction | null } = {
    current: null,
    search: '',
    navigate: null,
  };
  function Probe() {
    seen.current = useUrlFilters(TODAY);
    seen.search = useLocation().search;
    seen.navigate = useNavigate();
    return null;
  }
  render(
    <MemoryRouter initialEntries={[initial]}>
      <Probe />
    </MemoryRouter>,
  );
  const router = {
    state: {
      location: {
        get search() {
          return seen.search;
        },
      },
    },
    navigate: async (delta: number) => seen.navigate!(delta),
  };
  return { router, get: () => seen.current! };
}

describe('useUrlFilters', () => {
  it('defaults to the last 30 days compared with the previous period', () => {
    const { get } = setup('/');
    expect(get().filters).toEqual({
      preset: 'last30',
      from: '2026-10-27',
      to: '2026-11-25',
      campaignId: null,
      platform: null,
      segmentId: null,
      compare: 'previous_period',
    });
    expect(get().comparison).toEqual({ from: '2026-09-27', to: '2026-10-26' });
  });

  it('reads a shared link', () => {
    const { get } = setup(
      '/?range=custom&from=2026-05-01&to=2026-05-31&campaign=c1&platform=tiktok&segment=s9&compare=previous_year',
    );
    expect(get().filters).toMatchObject({
      preset: 'custom',
      from: '2026-05-01',
      to: '2026-05-31',
      campaignId: 'c1',
      platform: 'tiktok',
      segmentId: 's9',
      compare: 'previous_year',
    });
    expect(get().comparison).toEqual({ from: '2025-05-01', to: '2025-05-31' });
  });

  it('writes changes to the URL as history entries, so Back restores the previous filters', async () => {
    const { router, get } = setup('/?tab=table');
    act(() => get().setFilters({ preset: 'last7' }));
    expect(router.state.location.search).toBe('?tab=table&range=last7');
    act(() => get().setFilters({ platform: 'instagram', campaignId: 'c2' }));
    expect(router.state.location.search).toBe('?tab=table&range=last7&campaign=c2&platform=instagram');
    expect(get().filters).toMatchObject({
      from: '2026-11-19',
      to: '2026-11-25',
      platform: 'instagram',
      campaignId: 'c2',
    });
    await act(() => router.navigate(-1));
    expect(get().filters).toMatchObject({ preset: 'last7', platform: null, campaignId: null });
    await act(() => router.navigate(1));
    expect(get().filters.platform).toBe('instagram');
  });

  it('keeps both of two changes made before the page re-renders', () => {
    const { router, get } = setup('/');
    act(() => {
      const { setFilters } = get();
      setFilters({ campaignId: 'c7' });
      setFilters({ platform: 'tiktok' });
    });
    expect(get().filters).toMatchObject({ campaignId: 'c7', platform: 'tiktok' });
    expect(new URLSearchParams(router.state.location.search).get('campaign')).toBe('c7');
  });

  it('switches to custom dates when a date is typed, and reset keeps other parameters', () => {
    const { router, get } = setup('/?tab=table&range=last90&platform=x');
    act(() => get().setFilters({ from: '2026-10-01' }));
    expect(get().filters).toMatchObject({ preset: 'custom', from: '2026-10-01', to: '2026-11-25' });
    act(() => get().resetFilters());
    expect(router.state.location.search).toBe('?tab=table');
    expect(get().filters.preset).toBe('last30');
  });

  it('ignores invalid values in the URL', () => {
    const f = parseFilters(
      new URLSearchParams('range=custom&from=2026-02-30&to=2026-03-01&platform=myspace&compare=bogus'),
      TODAY,
    );
    expect(f).toMatchObject({ preset: 'last30', platform: null, compare: 'previous_period' });
  });
});

describe('presetRange', () => {
  it.each([
    ['last7', '2026-11-25', '2026-11-19', '2026-11-25'],
    ['last90', '2026-11-25', '2026-08-28', '2026-11-25'],
    ['lastWeek', '2026-11-25', '2026-11-16', '2026-11-22'],
    ['lastMonth', '2026-11-25', '2026-10-01', '2026-10-31'],
    ['awareness', '2026-11-25', '2026-05-01', '2026-05-31'],
    ['awareness', '2026-03-10', '2025-05-01', '2025-05-31'],
    ['awareness', '2026-05-01', '2026-05-01', '2026-05-31'],
    ['thisMonth', '2026-11-25', '2026-11-01', '2026-11-25'],
    ['lastMonth', '2026-11-25', '2026-10-01', '2026-10-31'],
    ['lastMonth', '2026-03-10', '2026-02-01', '2026-02-28'],
    ['lastMonth', '2026-01-05', '2025-12-01', '2025-12-31'],
    ['thisQuarter', '2026-11-25', '2026-10-01', '2026-11-25'],
    ['thisQuarter', '2026-03-31', '2026-01-01', '2026-03-31'],
    ['yearToDate', '2026-11-25', '2026-01-01', '2026-11-25'],
  ] as const)('%s on %s is %s – %s', (preset, today, from, to) => {
    expect(presetRange(preset, today)).toEqual({ from, to });
  });

  it('compares a leap day with 28 February a year earlier', () => {
    expect(comparisonRange({ from: '2028-02-29', to: '2028-02-29', compare: 'previous_year' })).toEqual({
      from: '2027-02-28',
      to: '2027-02-28',
    });
  });
});

describe('latestCampaignWindow', () => {
  const today = '2026-12-01';
  it('picks the campaign that began last, up to today, and skips ones not begun or without dates', () => {
    expect(
      latestCampaignWindow(
        [
          { id: 'a', name: 'MHAM 2026', startsOn: '2026-05-01', endsOn: '2026-05-31' },
          { id: 'b', name: 'WMHD 2026', startsOn: '2026-10-04', endsOn: '2026-10-10' },
          { id: 'c', name: 'Next spring', startsOn: '2027-03-01', endsOn: '2027-03-31' },
          { id: 'd', name: 'Always on', startsOn: null, endsOn: null },
        ],
        today,
      ),
    ).toEqual({ name: 'WMHD 2026', from: '2026-10-04', to: '2026-10-10' });
    expect(
      latestCampaignWindow([{ id: 'e', name: 'Running', startsOn: '2026-11-20', endsOn: '2026-12-31' }], today),
    ).toEqual({ name: 'Running', from: '2026-11-20', to: today });
    expect(latestCampaignWindow([], today)).toBeNull();
  });
});
