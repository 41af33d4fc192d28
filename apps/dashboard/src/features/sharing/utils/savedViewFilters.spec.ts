import { parseFilters } from '../../../shared/utils/filters';
import { savedViewHref, toSavedViewFilters } from './savedViewFilters';

const TODAY = '2026-06-10';

describe('saved view filters', () => {
  it('keeps a rolling period as its rule and reopens to the same filters', () => {
    const filters = parseFilters(
      new URLSearchParams('range=lastMonth&campaign=c1&platform=tiktok&compare=none'),
      TODAY,
    );
    const saved = toSavedViewFilters(filters);
    expect(saved).toEqual({
      period: 'lastMonth',
      campaignId: 'c1',
      platform: 'tiktok',
      segmentId: null,
      compare: 'none',
    });
    const href = savedViewHref({ page: 'report', filters: saved });
    expect(href.startsWith('/report?')).toBe(true);
    const reopened = parseFilters(new URLSearchParams(href.split('?')[1]), TODAY);
    expect(reopened).toEqual({ ...filters, from: '2026-05-01', to: '2026-05-31' });
  });

  it('keeps custom dates', () => {
    const filters = parseFilters(new URLSearchParams('range=custom&from=2026-03-01&to=2026-03-31'), TODAY);
    const saved = toSavedViewFilters(filters);
    expect(saved).toMatchObject({ period: 'custom', from: '2026-03-01', to: '2026-03-31' });
    const href = savedViewHref({ page: 'overview', filters: saved });
    expect(parseFilters(new URLSearchParams(href.split('?')[1]), TODAY)).toEqual(filters);
  });
});
