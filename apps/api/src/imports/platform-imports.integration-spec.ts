import { readFileSync } from 'node:fs';
import { jest } from '@jest/globals';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { CountMetricId, SpendFigures } from '@resonance/contracts';
import { DataSource } from 'typeorm';
import { publishedFor } from '../../test/published.js';
import { createTestApp } from '../../test/test-app.js';
import { createTenant, type Agent, type Tenant } from '../../test/tenancy.js';
import { EXPORTS_DIR, naiveCsv, toCsv, toXlsx } from './parsers/parsers.test-helpers.js';

/**
 * The four platform samples, as CSV and as XLSX, imported into a fresh organisation: every figure
 * shows up on the overview (summary, posts table), compare (creatives) and segment routes, checked
 * against totals computed here from the files with a separate minimal CSV reader — the column
 * choices below are written out by hand from each platform's documentation, not taken from the
 * parsers. Then a revised re-import replaces figures and says what changed.
 */
jest.setTimeout(180_000);

const FROM = '2026-05-01';
const TO = '2026-05-31';

/** Count metric → the file's columns that add up to it (engagements = likes + comments + shares + saves + clicks). */
type Columns = Partial<
  Record<
    'impressions' | 'likes' | 'comments' | 'shares' | 'saves' | 'clicks' | 'videoViews' | 'videoCompletions',
    string[]
  >
>;

interface Sample {
  file: string;
  campaignName: string;
  /** Files without a campaign column are imported into a chosen campaign. */
  chooseCampaign: boolean;
  columns: Columns;
  spend?: { column: string; currency: string };
  reachColumn?: string;
  platform: string;
}

const SAMPLES: Sample[] = [
  {
    file: 'meta-ads-age-gender-daily.csv',
    campaignName: 'MHAM 2026 - You are not alone',
    chooseCampaign: false,
    columns: {
      impressions: ['Impressions'],
      likes: ['Post reactions'],
      comments: ['Post comments'],
      shares: ['Post shares'],
      saves: ['Post saves'],
      clicks: ['Link clicks'],
      videoViews: ['ThruPlays'],
    },
    spend: { column: 'Amount spent (USD)', currency: 'USD' },
    reachColumn: 'Reach',
    platform: 'facebook',
  },
  {
    file: 'tiktok-ads-age-gender-daily.csv',
    campaignName: 'MHAM 2026 - TikTok',
    chooseCampaign: false,
    columns: {
      impressions: ['Impressions'],
      likes: ['Paid likes'],
      comments: ['Paid comments'],
      shares: ['Paid shares'],
      clicks: ['Clicks (destination)'],
      videoViews: ['Video views'],
      videoCompletions: ['Video views at 100%'],
    },
    spend: { column: 'Cost', currency: 'USD' },
    reachColumn: 'Reach',
    platform: 'tiktok',
  },
  {
    file: 'instagram-content.csv',
    campaignName: 'MHAM 2026 organic Instagram',
    chooseCampaign: true,
    columns: {
      impressions: ['Views'],
      likes: ['Likes'],
      comments: ['Comments'],
      shares: ['Shares'],
      saves: ['Saves'],
    },
    reachColumn: 'Reach',
    platform: 'instagram',
  },
  {
    file: 'x-post-analytics.csv',
    campaignName: 'MHAM 2026 on X',
    chooseCampaign: true,
    columns: {
      impressions: ['Impressions'],
      likes: ['Likes'],
      comments: ['Replies'],
      shares: ['Reposts', 'Shares'],
      saves: ['Bookmarks'],
      clicks: ['URL Clicks'],
    },
    platform: 'x',
  },
];

interface Expected {
  records: Record<string, string>[];
  vector: Partial<Record<CountMetricId, number>>;
  spendCents: number;
}

/** Data rows of a sample as header → cell (footer and blank rows dropped), by the naive reader. */
function records(file: string): Record<string, string>[] {
  const [head = [], ...rows] = naiveCsv(readFileSync(`${EXPORTS_DIR}${file}`, 'utf8'));
  return rows
    .filter((row) => !/^Total of/.test(row[0] ?? ''))
    .map((row) => Object.fromEntries(head.map((h, i) => [h.replace(/^\uFEFF/, ''), row[i] ?? ''])));
}

function vectorOf(sample: Sample, rows: readonly Record<string, string>[]): Partial<Record<CountMetricId, number>> {
  const sum = (key: keyof Columns): number =>
    rows.reduce((total, r) => total + (sample.columns[key] ?? []).reduce((s, c) => s + Number(r[c] ?? 0), 0), 0);
  return {
    impressions: sum('impressions'),
    engagements: sum('likes') + sum('comments') + sum('shares') + sum('saves') + sum('clicks'),
    clicks: sum('clicks'),
    shares: sum('shares'),
    videoViews: sum('videoViews'),
    videoCompletions: sum('videoCompletions'),
    resourceClicks: 0,
  };
}

function cents(value: string): number {
  const [units = '0', fraction = ''] = value.split('.');
  return Number(units) * 100 + Number(fraction.padEnd(2, '0').slice(0, 2));
}

function expected(sample: Sample): Expected {
  const rows = records(sample.file);
  const spend = sample.spend;
  return {
    records: rows,
    vector: vectorOf(sample, rows),
    spendCents: spend ? rows.reduce((total, r) => total + cents(r[spend.column] ?? '0'), 0) : 0,
  };
}

/** The same data as Excel saves it: numbers as numbers (long ids stay text, as Excel would lose digits). */
async function asXlsx(file: string): Promise<Buffer> {
  const all = naiveCsv(readFileSync(`${EXPORTS_DIR}${file}`, 'utf8'));
  return toXlsx(
    all.map((row, r) => row.map((cell) => (r > 0 && /^\d{1,12}(\.\d+)?$/.test(cell) ? Number(cell) : cell))),
  );
}

describe('platform exports as a first-class source', () => {
  let app: NestExpressApplication;
  let db: DataSource;

  beforeAll(async () => {
    app = await createTestApp();
    db = app.get(DataSource);
  });

  afterAll(async () => {
    await app.close();
  });

  async function campaign(tenant: Tenant, name: string, key: string): Promise<void> {
    await db.query(`INSERT INTO campaigns (org_id, key, name) VALUES ($1, $2, $3)`, [tenant.orgId, key, name]);
  }

  function upload(agent: Agent, file: Buffer, fileName: string, fields: Record<string, string> = {}, query = '') {
    let req = agent.post(`/api/v1/imports${query}`);
    for (const [name, value] of Object.entries(fields)) req = req.field(name, value);
    return req.attach('file', file, fileName);
  }

  describe.each(
    SAMPLES.flatMap((sample) => [['csv', sample.file, sample] as const, ['xlsx', sample.file, sample] as const]),
  )('%s of %s', (kind, _file, sample) => {
    const exp = expected(sample);
    let t: Tenant;
    const key = 'platform-sample';
    const query = `campaign=${key}&from=${FROM}&to=${TO}`;

    beforeAll(async () => {
      t = await createTenant(app);
      await campaign(t, sample.campaignName, key);
      const file = kind === 'csv' ? readFileSync(`${EXPORTS_DIR}${sample.file}`) : await asXlsx(sample.file);
      const name = kind === 'csv' ? sample.file : sample.file.replace(/\.csv$/, '.xlsx');
      const res = await upload(t.agent, file, name, sample.chooseCampaign ? { campaign: key } : {}).expect(201);
      expect(res.body).toMatchObject({
        rowsRead: exp.records.length,
        rowsNew: exp.records.length,
        rowsRevised: 0,
        rowsRejected: 0,
      });
    });

    it('the overview total holds every figure of the file, published as every count is', async () => {
      const published = await publishedFor(app, t.orgId);
      const res = await t.agent.get(`/api/v1/analytics/summary?${query}`).expect(200);
      expect(res.body.current).toMatchObject(published.counts(exp.vector));
      // Event-level reach counts members; an export has none. The platform's reach is listed apart.
      expect(res.body.current.reach).toBe(0);
    });

    it("lists the platform's reach at its own grain, in key order, saying how many were left off", async () => {
      const res = await t.agent.get(`/api/v1/analytics/summary?${query}`).expect(200);
      const reported = res.body.meta.reach.platformReported as { periodStart: string; grain: string }[];
      const withReach = sample.reachColumn ? exp.records.filter((r) => r[sample.reachColumn ?? ''] !== '') : [];
      expect(reported).toHaveLength(Math.min(200, withReach.length));
      expect(res.body.meta.reach.platformReportedOmitted ?? 0).toBe(Math.max(0, withReach.length - 200));
      const starts = reported.map((r) => r.periodStart);
      expect(starts).toEqual([...starts].sort());
      const again = await t.agent.get(`/api/v1/analytics/summary?${query}`).expect(200);
      expect(again.body.meta.reach.platformReported).toEqual(reported);
    });

    it('spend and cost per currency, costs from the published counts', async () => {
      const res = await t.agent.get(`/api/v1/analytics/summary?${query}`).expect(200);
      if (!sample.spend) {
        expect(res.body.spend).toEqual([]);
        return;
      }
      const published = await publishedFor(app, t.orgId);
      const counts = published.counts(exp.vector);
      const spend = exp.spendCents / 100;
      const [figures, ...others] = res.body.spend as SpendFigures[];
      expect(others).toEqual([]);
      expect(figures).toMatchObject({
        currency: sample.spend.currency,
        impressions: counts.impressions,
        clicks: counts.clicks,
        engagements: counts.engagements,
        resourceClicks: 0,
        costPerResourceClick: null,
      });
      expect(figures?.spend).toBeCloseTo(spend, 6);
      expect(figures?.cpm).toBeCloseTo((spend / Number(counts.impressions)) * 1000, 9);
      expect(figures?.costPerClick).toBeCloseTo(spend / Number(counts.clicks), 9);
      expect(figures?.costPerEngagement).toBeCloseTo(spend / Number(counts.engagements), 9);
      expect(res.body.meta.costDefinitions.cpm.description).toMatch(/1,000 impressions/);

      // The exports carry them: a row per cost figure in the summary, columns per currency by segment.
      const summaryCsv = await t.agent.get(`/api/v1/exports/summary.csv?${query}`).expect(200);
      const spendLine = summaryCsv.text.split(/\r?\n/).find((line) => line.startsWith('Spend (USD)'));
      expect(Number(spendLine?.split(',')[1])).toBeCloseTo(spend, 6);
      expect(summaryCsv.text).toMatch(/^CPM \(USD\),/m);
      const segmentsCsv = await t.agent.get(`/api/v1/exports/segments.csv?${query}`).expect(200);
      expect(segmentsCsv.text).toContain('Cost per engagement (USD)');
    });

    it('the compare page has every creative of the file with its rate and interval', async () => {
      const res = await t.agent.get(`/api/v1/analytics/creatives?${query}`).expect(200);
      const creatives = res.body.creatives as { id: string }[];
      const distinct = new Set(exp.records.map((r) => r['Ad name'] ?? r['Post ID'] ?? r['Post id'] ?? ''));
      expect(creatives).toHaveLength(distinct.size);
      const cells = res.body.cells as { creativeId: string; impressions: unknown; interval: unknown }[];
      // Every creative has impressions in at least one segment, and a Wilson interval there.
      for (const creative of creatives) {
        const visible = cells.filter(
          (c) => c.creativeId === creative.id && typeof c.impressions === 'number' && c.impressions > 0,
        );
        expect(visible.length).toBeGreaterThan(0);
        expect(visible.some((c) => c.interval !== null && typeof c.interval === 'object')).toBe(true);
      }
      if (sample.chooseCampaign) {
        // Posts have no audience breakdown: they are compared under "Everyone".
        expect(res.body.segments.map((s: { segment: { id: string } }) => s.segment.id)).toContain('preset:everyone');
      }
    });

    it('the segment page holds the figures of every segment the rows can answer', async () => {
      const published = await publishedFor(app, t.orgId);
      const res = await t.agent.get(`/api/v1/analytics/segments?${query}`).expect(200);
      const rows = res.body.rows as {
        segment: { id: string; rules: Record<string, string[]> };
        current: Record<string, unknown>;
        spend: SpendFigures[];
      }[];
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        const { ageBand, gender, platform } = row.segment.rules;
        const ages = ageBand?.map((a) => a.replace('55+', '55+'));
        const matching = exp.records.filter((r) => {
          const age = r['Age'];
          const g = r['Gender']?.toLowerCase();
          if (ages && (age === undefined || !ages.includes(age))) return false;
          if (gender && (g === undefined || !gender.includes(g))) return false;
          if (platform && !platform.includes(sample.platform)) return false;
          return true;
        });
        const vector = vectorOf(sample, matching);
        expect(row.current).toMatchObject(published.counts(vector));
        if (sample.spend && matching.length > 0) {
          const column = sample.spend.column;
          const spend = matching.reduce((s, r) => s + cents(r[column] ?? '0'), 0) / 100;
          expect(row.spend).toHaveLength(1);
          expect(row.spend[0]?.spend).toBeCloseTo(spend, 6);
        } else {
          expect(row.spend).toEqual([]);
        }
      }
    });

    if (sample.chooseCampaign) {
      it('the posts table lists each post at its period, and a daily chart says it cannot place them', async () => {
        const published = await publishedFor(app, t.orgId);
        const res = await t.agent.get(`/api/v1/analytics/reported-periods?${query}`).expect(200);
        expect(res.body.rows).toHaveLength(exp.records.length);
        expect(res.body.omitted).toBe(0);
        for (const row of res.body.rows as { creativeName: string; impressions: unknown; included: boolean }[]) {
          const record = exp.records.find((r) => (r['Description'] ?? r['Post text']) === row.creativeName);
          expect(record).toBeDefined();
          expect(row.included).toBe(true);
          expect(row.impressions).toEqual(published.count(vectorOf(sample, [record ?? {}]), 'impressions'));
        }
        expect(res.body.meta.reportedPeriods).toMatchObject({ included: exp.records.length, straddling: [] });
        const series = await t.agent.get(`/api/v1/analytics/timeseries?${query}`).expect(200);
        const daily = series.body.current.map((b: { metrics: { impressions: number } }) => b.metrics.impressions);
        expect(daily.every((v: number) => v === 0)).toBe(true);
        expect(series.body.meta.reportedPeriods).toMatchObject({ included: 0, notPlaced: exp.records.length });
        expect(series.body.meta.reportedPeriods.note).toMatch(/cannot be placed/);
      });
    }
  });

  it('a period that straddles the range is left out of its totals and named in meta', async () => {
    const t = await createTenant(app);
    await campaign(t, 'Organic', 'organic');
    const csv = toCsv([
      ['Post ID', 'Account username', 'Description', 'Publish time', 'Date', 'Views', 'Reach', 'Likes'],
      ['111', 'acct', 'Inside', '05/02/2026 09:00', '05/09/2026', '5000', '4000', '300'],
      ['222', 'acct', 'Straddling', '05/08/2026 09:00', '05/20/2026', '7000', '6000', '400'],
    ]);
    await upload(t.agent, Buffer.from(csv), 'ig.csv', { campaign: 'organic' }).expect(201);
    const published = await publishedFor(app, t.orgId);
    const res = await t.agent
      .get('/api/v1/analytics/summary?campaign=organic&from=2026-05-01&to=2026-05-10')
      .expect(200);
    expect(res.body.current).toMatchObject(published.counts({ impressions: 5000, engagements: 300 }));
    expect(res.body.meta.reportedPeriods).toMatchObject({
      included: 1,
      straddling: [{ periodStart: '2026-05-08', periodEnd: '2026-05-20', creativeName: 'Straddling' }],
    });
    const whole = await t.agent
      .get('/api/v1/analytics/summary?campaign=organic&from=2026-05-01&to=2026-05-31')
      .expect(200);
    expect(whole.body.current).toMatchObject(published.counts({ impressions: 12_000, engagements: 700 }));
    // Another organisation sees none of it.
    const other = await createTenant(app);
    await campaign(other, 'Organic', 'organic');
    const theirs = await other.agent
      .get('/api/v1/analytics/reported-periods?campaign=organic&from=2026-05-01&to=2026-05-31')
      .expect(200);
    expect(theirs.body.rows).toEqual([]);
  });

  it('re-importing a revised export replaces the figures, reports new / revised / unchanged, and an identical file changes nothing', async () => {
    const t = await createTenant(app);
    await campaign(t, 'MHAM 2026 - You are not alone', 'mham');
    const file = 'meta-ads-age-gender-daily.csv';
    const [head = [], ...rows] = naiveCsv(readFileSync(`${EXPORTS_DIR}${file}`, 'utf8'));
    const col = (name: string): number => head.indexOf(name);
    // The first export: only the first week's first 300 rows.
    const first = rows.slice(0, 300);
    await upload(t.agent, Buffer.from(toCsv([head, ...first])), 'week1.csv').expect(201);

    // The second export overlaps: rows 0–99 unchanged, 100–149 revised (+10 impressions, spend +1.00,
    // likes to 0), and 300–399 new.
    const revised = rows.slice(0, 400).map((row, i) => {
      if (i < 100 || i >= 150) return row;
      const copy = [...row];
      copy[col('Impressions')] = String(Number(row[col('Impressions')]) + 10);
      copy[col('Post reactions')] = '0';
      copy[col('Amount spent (USD)')] = (cents(row[col('Amount spent (USD)')] ?? '0') / 100 + 1).toFixed(2);
      return copy;
    });
    const second = await upload(t.agent, Buffer.from(toCsv([head, ...revised])), 'week1-revised.csv').expect(201);
    const likesRemoved = rows.slice(100, 150).reduce((s, r) => s + Number(r[col('Post reactions')]), 0);
    expect(second.body).toMatchObject({
      rowsRead: 400,
      rowsNew: 100,
      rowsRevised: 50,
      rowsDuplicate: 250,
      rowsAccepted: 150,
      revision: {
        counts: { impression: 500, ...(likesRemoved > 0 ? { like: -likesRemoved } : {}) },
        spend: { USD: 50 },
      },
    });
    const history = await t.agent.get('/api/v1/imports').expect(200);
    expect(history.body.items[0]).toMatchObject({ rowsNew: 100, rowsRevised: 50, rowsDuplicate: 250 });

    // The stored figures are the newer file's: the rollups, the cube (via the summary) and spend.
    const published = await publishedFor(app, t.orgId);
    const sample = SAMPLES[0] as Sample;
    const asRecords = revised.map((row) => Object.fromEntries(head.map((h, i) => [h, row[i] ?? ''])));
    const vector = vectorOf(sample, asRecords);
    const summary = await t.agent.get(`/api/v1/analytics/summary?campaign=mham&from=${FROM}&to=${TO}`).expect(200);
    expect(summary.body.current).toMatchObject(published.counts(vector));
    const spendCents = asRecords.reduce((s, r) => s + cents(r['Amount spent (USD)'] ?? '0'), 0);
    expect(summary.body.spend[0].spend).toBeCloseTo(spendCents / 100, 6);
    const [rollup] = await db.query<{ impressions: number }[]>(
      `SELECT sum(impressions)::int AS impressions FROM rollup_daily WHERE org_id = $1`,
      [t.orgId],
    );
    expect(rollup?.impressions).toBe(vector.impressions);

    // The same file again: nothing new, nothing revised.
    const again = await upload(t.agent, Buffer.from(toCsv([head, ...revised])), 'again.csv').expect(201);
    expect(again.body).toMatchObject({
      rowsNew: 0,
      rowsRevised: 0,
      rowsDuplicate: 400,
      rowsAccepted: 0,
      revision: null,
    });
    const after = await t.agent.get(`/api/v1/analytics/summary?campaign=mham&from=${FROM}&to=${TO}`).expect(200);
    expect(after.body.current).toEqual(summary.body.current);
  });

  it('the preview speaks the platform’s and the dashboard’s words and collapses repeated errors', async () => {
    const t = await createTenant(app);
    const file = readFileSync(`${EXPORTS_DIR}meta-ads-age-gender-daily.csv`);
    const res = await upload(t.agent, file, 'meta.csv', {}, '?dryRun=true').expect(201);
    expect(res.body.errorGroups).toEqual([
      {
        field: 'Campaign name',
        message:
          "This file's campaign 'MHAM 2026 - You are not alone' doesn't exist yet — create it, or import the whole file into an existing campaign.",
        count: 735,
        rows: [2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
        action: {
          kind: 'create_campaign',
          campaign: 'MHAM 2026 - You are not alone',
          label: 'Create it, or import the whole file into an existing campaign.',
        },
      },
    ]);
    expect(res.body.columns).toContainEqual({
      header: 'Reporting starts',
      field: 'periodStart',
      label: 'Start of the reporting period',
    });
    expect(res.body.columns).toContainEqual({ header: 'ThruPlays', field: 'video_view', label: 'Video views' });
    expect(res.body.columns).toContainEqual({
      header: 'Amount spent (USD)',
      field: 'spend',
      label: 'Spend (for CPM and cost per click, engagement and resource click)',
    });
    expect(res.body.ignoredColumns).toEqual([]);
    const x = await upload(t.agent, readFileSync(`${EXPORTS_DIR}x-post-analytics.csv`), 'x.csv', {}, '?dryRun=true');
    expect(x.body.ignoredColumns.map((c: { header: string }) => c.header)).toEqual([
      'Post Link',
      'Engagements',
      'Profile visits',
      'Detail Expands',
      'Hashtag Clicks',
      'Permalink Clicks',
    ]);
  });
});
