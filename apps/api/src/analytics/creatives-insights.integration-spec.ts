import type { NestExpressApplication } from '@nestjs/platform-express';
import { twoProportionZTest, wilsonInterval } from '@resonance/analytics';
import { publishedFor, type Published } from '../../test/published.js';
import { createTestApp } from '../../test/test-app.js';
import { createTenant, type Tenant } from '../../test/tenancy.js';
import { event, seeder } from './analytics.test-helpers.js';

/**
 * Campaign "matrix", one day (2026-04-01), aggregated rows (engagements are likes):
 *   18-24: A (tiktok, personal story) 10,000 impressions / 800  → 8 %   clear winner
 *          B (tiktok, short video)    10,000 / 500              → 5 %
 *          C (tiktok, image)              500 / 40               → below the 1,000-impression minimum
 *          D (instagram, short video)  2,000 / 121              → 6.05 %, the campaign average
 *   13-17: A 5,000 / 250 (5 %) and B 5,000 / 255 (5.1 %)          → a tie
 * Campaign: 32,500 impressions, 1,966 engagements, average 6.0492 %.
 * Figures are published under cell-key perturbation (±5, `pub` recomputes them exactly) and every
 * statistic is computed from the published counts.
 */
describe('creative × segment matrix and insights', () => {
  let app: NestExpressApplication;
  let tenant: Tenant;
  let pub: Published;
  const ids: Record<string, string> = {};
  const query = {
    campaign: 'matrix',
    from: '2026-04-01',
    to: '2026-04-01',
    segment: ['preset:young-adults', 'preset:teens'],
  };

  beforeAll(async () => {
    app = await createTestApp();
    tenant = await createTenant(app);
    pub = await publishedFor(app, tenant.orgId);
    const seed = seeder(app, tenant.orgId);
    const camp = await seed.campaign('matrix');
    ids['A'] = await seed.creative(camp, 'a', { platform: 'tiktok', format: 'personal_story', name: 'Story A' });
    ids['B'] = await seed.creative(camp, 'b', { platform: 'tiktok', format: 'short_video', name: 'Clip B' });
    ids['C'] = await seed.creative(camp, 'c', { platform: 'tiktok', format: 'image', name: 'Poster C' });
    ids['D'] = await seed.creative(camp, 'd', { platform: 'instagram', format: 'short_video', name: 'Reel D' });
    const rows: [string, string, string, number, number][] = [
      ['A', 'tiktok', '18-24', 10_000, 800],
      ['B', 'tiktok', '18-24', 10_000, 500],
      ['C', 'tiktok', '18-24', 500, 40],
      ['D', 'instagram', '18-24', 2_000, 121],
      ['A', 'tiktok', '13-17', 5_000, 250],
      ['B', 'tiktok', '13-17', 5_000, 255],
    ];
    await seed.events(
      rows.flatMap(([creative, platform, ageBand, impressions, likes]) => {
        const base = {
          campaignId: camp,
          creativeId: ids[creative] as string,
          platform,
          ageBand,
          occurredAt: '2026-04-01T12:00:00Z',
        };
        return [
          event({ ...base, type: 'impression', count: impressions }),
          event({ ...base, type: 'like', count: likes }),
        ];
      }),
    );
  });

  afterAll(async () => {
    await app.close();
  });

  const cellOf = (body: { cells: { creativeId: string; segmentId: string }[] }, creative: string, segment: string) =>
    body.cells.find((c) => c.creativeId === ids[creative] && c.segmentId === segment) as Record<string, unknown>;

  it('declares a clear winner a leader, the ones it beats clearly behind, a tie no clear difference, tiny data not enough data', async () => {
    const res = await tenant.agent.get('/api/v1/analytics/creatives').query(query).expect(200);
    const young = 'preset:young-adults';
    const teens = 'preset:teens';
    expect(cellOf(res.body, 'A', young)['verdict']).toBe('leader');
    expect(cellOf(res.body, 'B', young)['verdict']).toBe('clearly behind');
    expect(cellOf(res.body, 'D', young)['verdict']).toBe('clearly behind');
    expect(cellOf(res.body, 'C', young)['verdict']).toBe('not enough data');
    expect(cellOf(res.body, 'A', teens)['verdict']).toBe('no clear difference');
    expect(cellOf(res.body, 'B', teens)['verdict']).toBe('no clear difference');
    expect(cellOf(res.body, 'C', teens)['verdict']).toBe('not enough data');
    expect(res.body.segments.find((s: { segment: { id: string } }) => s.segment.id === young).leaderCreativeId).toBe(
      ids['A'],
    );

    const a = cellOf(res.body, 'A', young);
    const cellA = { impressions: 10_000, engagements: 800 };
    const [n, x] = [pub.count(cellA, 'impressions') as number, pub.count(cellA, 'engagements') as number];
    expect(a).toMatchObject({ impressions: n, engagements: x, engagementRate: x / n });
    // Wilson 95 % of the published counts; for 800/10,000 (hand-computed) 0.07484 … 0.08548, within the noise.
    const interval = a['interval'] as { lower: number; upper: number };
    expect(interval).toEqual({ lower: wilsonInterval(x, n).lower, upper: wilsonInterval(x, n).upper });
    expect(interval.lower).toBeCloseTo(0.07484, 3);
    expect(interval.upper).toBeCloseTo(0.08548, 3);
    // Lift vs the segment average 1,461 / 22,500 (published).
    const segment = { impressions: 22_500, engagements: 1461 };
    expect(a['lift']).toBeCloseTo(x / n / pub.rate(segment, 'engagements', 'impressions') - 1, 10);
    expect(a['probabilityToBeBest']).toBeGreaterThan(0.99);
    // Holm over the 3 comparisons on the view: A–B (p ≈ 1e-20) ×3, A–D (p = 0.00278) ×2, teens B–A (p = 0.819) ×1.
    const cellD = { impressions: 2_000, engagements: 121 };
    const rawD = twoProportionZTest(
      pub.count(cellD, 'engagements') as number,
      pub.count(cellD, 'impressions') as number,
      x,
      n,
    ).pValue;
    expect(cellOf(res.body, 'D', young)['rawPValue']).toBeCloseTo(rawD, 10);
    // 121/2,000 vs 800/10,000 gives p = 0.00278 on the true counts; the published counts (each within ±5)
    // give a p between the extremes of those bounds, e.g. 0.0078 with 116/2,000.
    expect(twoProportionZTest(121, 2_000, 800, 10_000).pValue).toBeCloseTo(0.00278, 5);
    const corners = [-5, 5].flatMap((d1) =>
      [-5, 5].flatMap((d2) =>
        [-5, 5].flatMap((d3) =>
          [-5, 5].map((d4) => twoProportionZTest(121 + d1, 2_000 + d2, 800 + d3, 10_000 + d4).pValue),
        ),
      ),
    );
    expect(rawD).toBeGreaterThanOrEqual(Math.min(...corners));
    expect(rawD).toBeLessThanOrEqual(Math.max(...corners));
    expect(cellOf(res.body, 'D', young)['pValue']).toBeCloseTo(2 * rawD, 10);
    expect(a['pValue']).toBeCloseTo(2 * rawD, 10);
    // Teens A 250/5000 vs B 255/5000: p = 0.819 on the true counts; ±5 on counts this close moves it, so the
    // expectation is the same test on the published counts (the largest p of the family: Holm × 1).
    const [teenA, teenB] = [
      { impressions: 5_000, engagements: 250 },
      { impressions: 5_000, engagements: 255 },
    ];
    const teensP = twoProportionZTest(
      pub.count(teenB, 'engagements') as number,
      pub.count(teenB, 'impressions') as number,
      pub.count(teenA, 'engagements') as number,
      pub.count(teenA, 'impressions') as number,
    ).pValue;
    expect(cellOf(res.body, 'A', teens)['pValue']).toBeCloseTo(Math.max(teensP, 2 * rawD), 10);
    expect(teensP).toBeGreaterThan(0.5);
    expect(cellOf(res.body, 'C', young)['pValue']).toBeNull();
    expect(res.body.method.minimumSample).toEqual({ impressions: 1000, engagements: 30 });
    expect(res.body.creatives.map((c: { name: string }) => c.name)).toEqual([
      'Clip B',
      'Poster C',
      'Reel D',
      'Story A',
    ]);
  });

  it('insights: cells beyond chance after Benjamini–Hochberg, ranked by effect, in plain sentences', async () => {
    const res = await tenant.agent.get('/api/v1/analytics/insights').query(query).expect(200);
    expect(res.body.method).toMatchObject({ fdr: 'benjamini-hochberg', q: 0.05 });
    const campaign = { impressions: 32_500, engagements: 1966 };
    expect(res.body.average).toEqual({
      impressions: pub.count(campaign, 'impressions'),
      engagements: pub.count(campaign, 'engagements'),
      engagementRate: pub.rate(campaign, 'engagements', 'impressions'),
    });
    // 18-24: 3 creatives, 2 platforms, 2 formats, 3 platform × format cells; 13-17: 2 + 1 + 2 + 2 (C is below the minimum).
    expect(res.body.tested).toBe(17);
    // The three instagram cells of 18-24 (Reel D; Instagram; Instagram × short video: 6.05 % ≈ the average)
    // are not discoveries; the 14 others are.
    expect(res.body.total).toBe(14);
    const texts = res.body.items.map((i: { sentence: string }) => i.sentence);
    expect(texts).not.toContain(expect.stringContaining('Reel D'));
    expect(texts.some((t: string) => t.includes('Instagram'))).toBe(false);
    expect(res.body.items[0].sentence).toBe('18–24 engage 1.3× the campaign average with "Story A"');
    expect(texts).toContain('18–24 on TikTok engage 1.3× the campaign average with personal stories');
    // 13–17 on TikTok: 505 / 10,000 against the campaign's 1,966 / 32,500 — 17 % less on the true counts,
    // stated from the published ones.
    const teensTikTok = { impressions: 10_000, engagements: 505 };
    const less = Math.round(
      (1 -
        pub.rate(teensTikTok, 'engagements', 'impressions') /
          pub.rate({ impressions: 32_500, engagements: 1966 }, 'engagements', 'impressions')) *
        100,
    );
    expect(Math.abs(less - 17)).toBeLessThanOrEqual(1);
    expect(texts).toContain(`13–17 on TikTok engage ${less}% less than the campaign average`);
    for (const item of res.body.items) expect(item.qValue).toBeLessThanOrEqual(0.05);
    const ratios = res.body.items.map((i: { ratio: number }) => Math.abs(Math.log(i.ratio)));
    expect([...ratios].sort((x, y) => y - x)).toEqual(ratios);
  });
});
