import { currenciesOf, describeCell, describeGrain, toPlatformReachRows } from './platformFigures';
import { formatCost, formatMoney } from '../../format';

describe('platform figures in words', () => {
  it('describes the grain a platform reported at', () => {
    expect(describeGrain('lifetime|post')).toBe('Lifetime, per post');
    expect(describeGrain('day|ad|age|gender')).toBe('One day, per ad, age band, gender');
    expect(describeGrain('period|ad|region|platform|placement')).toBe(
      'Several days, per ad, region, platform, placement',
    );
  });

  it('names the audience cell, or nothing without a breakdown', () => {
    expect(describeCell({ ageBand: '18-24', gender: 'female' })).toBe('18–24 · Female');
    expect(describeCell({})).toBe('');
  });

  it("keeps the server's order and resolves creative names", () => {
    const rows = toPlatformReachRows(
      [
        {
          grain: 'lifetime|post',
          periodStart: '2026-05-01',
          periodEnd: '2026-05-01',
          platform: 'instagram',
          campaignId: 'c',
          creativeId: 'p1',
          reach: 4307,
        },
        {
          grain: 'day|ad|age|gender',
          periodStart: '2026-05-02',
          periodEnd: '2026-05-02',
          platform: 'facebook',
          campaignId: 'c',
          creativeId: null,
          ageBand: '13-17',
          reach: { suppressed: true },
        },
      ],
      new Map([['p1', 'Post 1']]),
    );
    expect(rows.map((r) => [r.platform, r.creative, r.cell, r.reach])).toEqual([
      ['Instagram', 'Post 1', '', 4307],
      ['Facebook', 'Whole campaign', '13–17', { suppressed: true }],
    ]);
  });

  it('formats money in its own currency, and never sums currencies', () => {
    expect(formatMoney(1234.5, 'USD', 'en-US')).toBe('$1,234.50');
    expect(formatMoney(12, 'XXX', 'en-US')).toBe('12.00 (currency not stated)');
    expect(formatCost({ suppressed: true }, 'USD', 11, 'en-US')).toBe('<11');
    expect(formatCost(null, 'USD', 11, 'en-US')).toBe('—');
    const spend = (currency: string) => ({
      currency,
      spend: 1,
      impressions: 0,
      clicks: 0,
      engagements: 0,
      resourceClicks: 0,
      cpm: null,
      costPerClick: null,
      costPerEngagement: null,
      costPerResourceClick: null,
    });
    expect(currenciesOf([[spend('USD')], [spend('INR'), spend('USD')]])).toEqual(['INR', 'USD']);
  });
});
