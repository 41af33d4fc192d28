import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage, screenshot } from './support/browser';
import { downloadData } from './support/download';
import { DEMO_OWNER, signIn } from './support/session';

/**
 * Platform exports as a campaign manager meets them: a TikTok export whose campaign doesn't exist
 * yet (one message with an action, not 378 row errors), then its figures — impressions, the
 * platform's own reach beside Resonance's, spend and cost — on the overview; an Instagram content
 * export's per-post lifetime figures in the totals and the posts table.
 */
const FIXTURES = path.resolve(__dirname, '../../apps/api/test/fixtures/exports');
const TIKTOK = path.join(FIXTURES, 'tiktok-ads-age-gender-daily.csv');
const INSTAGRAM = path.join(FIXTURES, 'instagram-content.csv');

/** A column's total and data-row count, read here without the app's parser. */
function column(file: string, header: string): { total: number; rows: number } {
  const [head, ...lines] = fs.readFileSync(file, 'utf8').trim().split(/\r?\n/);
  const index = head!.split(',').indexOf(header);
  // Neither fixture has quoted commas before these columns; TikTok's footer starts with "Total".
  const data = lines.filter((line) => !line.startsWith('Total'));
  return { total: data.reduce((sum, line) => sum + Number(line.split(',')[index]), 0), rows: data.length };
}

function cents(file: string, header: string): number {
  const [head, ...lines] = fs.readFileSync(file, 'utf8').trim().split(/\r?\n/);
  const index = head!.split(',').indexOf(header);
  return lines
    .filter((line) => !line.startsWith('Total'))
    .reduce((sum, line) => {
      const [units = '0', fraction = ''] = (line.split(',')[index] ?? '0').split('.');
      return sum + Number(units) * 100 + Number(fraction.padEnd(2, '0'));
    }, 0);
}

async function kpiNumber(page: Page, id: string): Promise<number> {
  const text = (await page.getByTestId(`kpi-${id}`).getByTestId('kpi-value').textContent()) ?? '';
  return Number(text.replace(/[,\s]/g, ''));
}

describe('platform exports', () => {
  let browser: Browser;

  beforeAll(async () => {
    ({ browser } = await launchBrowser());
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('a TikTok export: the unknown campaign is one message with an action, then impressions, platform reach, spend and cost show', async () => {
    const { page, consoleErrors } = await newPage(browser);
    await signIn(page, DEMO_OWNER);
    await page.goto('/imports');
    await page.getByRole('heading', { level: 1, name: 'Imports' }).waitFor();
    await page.getByLabel('Platform export file').setInputFiles(TIKTOK);
    const preview = page.getByRole('region', { name: /Preview: tiktok-ads-age-gender-daily.csv/ });
    const { total: impressions, rows } = column(TIKTOK, 'Impressions');
    const problems = preview.getByRole('region', { name: 'What to fix' });
    await problems.getByText(`${rows} rows`).waitFor();
    await problems.getByText("This file's campaign 'MHAM 2026 - TikTok' doesn't exist yet", { exact: false }).waitFor();
    // The columns in the platform's words and the dashboard's, and what is left out and why.
    await preview.getByRole('rowheader', { name: 'Video views at 100%' }).waitFor();
    await preview.getByRole('cell', { name: 'Video completions' }).waitFor();
    await preview.getByRole('rowheader', { name: 'Profile visits' }).waitFor();
    await screenshot(page, 'platform-import-unknown-campaign');

    await problems.getByRole('link', { name: 'Create “MHAM 2026 - TikTok”' }).click();
    await page.getByRole('heading', { level: 1, name: 'New campaign' }).waitFor();
    expect(await page.getByLabel('Name').inputValue()).toBe('MHAM 2026 - TikTok');
    await page.getByLabel('Key', { exact: true }).fill('mham-2026-tiktok');
    // The campaign's window is what "See its figures" opens.
    await page.getByLabel('Starts on').fill('2026-05-01');
    await page.getByLabel('Ends on').fill('2026-05-31');
    await page.getByRole('button', { name: 'Create campaign' }).click();
    await page.waitForURL((url) => url.pathname === '/imports');
    await screenshot(page, 'platform-import-back-from-campaign');

    await page.getByLabel('Platform export file').setInputFiles(TIKTOK);
    const again = page.getByRole('region', { name: /Preview: tiktok-ads-age-gender-daily.csv/ });
    await again.getByText(`${rows} ready to import`).waitFor();
    await again.getByRole('button', { name: new RegExp(`Confirm import of ${rows} rows`) }).click();
    const result = page.getByRole('region', { name: /Imported tiktok-ads-age-gender-daily.csv/ });
    await result.getByText(`${rows} new`).waitFor({ timeout: 60_000 });
    await result.getByRole('link', { name: 'See its figures on the overview' }).click();
    await page.waitForURL((url) => url.pathname === '/' && url.searchParams.has('campaign'));

    // Published under cell-key perturbation: within ±5 of the file's total.
    await page.getByTestId('kpi-impressions').getByTestId('kpi-value').waitFor();
    await page.waitForFunction(
      (n) => {
        const shown = document
          .querySelector('[data-testid="kpi-impressions"] [data-testid="kpi-value"]')
          ?.textContent?.replace(/,/g, '');
        return shown !== undefined && Math.abs(Number(shown) - n) <= 5;
      },
      impressions,
      { timeout: 30_000 },
    );
    expect(Math.abs((await kpiNumber(page, 'impressions')) - impressions)).toBeLessThanOrEqual(5);
    // No people behind exported counts: the Reach card says so instead of a bare 0.
    await page
      .getByTestId('kpi-reach')
      .getByText('No people counted: platform exports give counts, not people', { exact: false })
      .waitFor();

    const spend = page.getByRole('region', { name: 'Spend and cost' });
    const dollars = (cents(TIKTOK, 'Cost') / 100).toLocaleString('en-US', { style: 'currency', currency: 'USD' });
    await spend.getByRole('cell', { name: dollars }).waitFor();
    await spend.getByText('Cost per 1,000 impressions', { exact: false }).waitFor();

    const reach = page.getByRole('region', { name: 'Reach as the platforms reported it' });
    await reach.getByText('never added together or to the reach above', { exact: false }).waitFor();
    expect(await reach.locator('tbody tr').count()).toBeGreaterThan(0);
    await screenshot(page, 'platform-import-overview-tiktok');

    // Both tables download CSV and XLSX from the server's exports, with the overview's query, named by the period.
    const spendCsv = await downloadData(page, spend, 'Download CSV');
    expect(spendCsv.url.pathname).toBe('/api/v1/exports/spend.csv');
    const period = `${spendCsv.url.searchParams.get('from')}-to-${spendCsv.url.searchParams.get('to')}`;
    expect(spendCsv.name).toBe(`resonance-spend-${period}.csv`);
    expect(spendCsv.headers.slice(0, 3)).toEqual(['Currency', 'Spend (USD)', 'Impressions']);
    expect(spendCsv.rows).toHaveLength(1);
    expect(Number(spendCsv.rows[0]?.[1])).toBeCloseTo(cents(TIKTOK, 'Cost') / 100, 2);
    const spendXlsx = await downloadData(page, spend, 'Download XLSX');
    expect(spendXlsx.url.search).toBe(spendCsv.url.search);
    expect(spendXlsx.name).toBe(`resonance-spend-${period}.xlsx`);
    const reachCsv = await downloadData(page, reach, 'Download CSV');
    expect(reachCsv.url.pathname).toBe('/api/v1/exports/platform-reach.csv');
    expect(reachCsv.headers).toEqual([
      'Platform',
      'Creative or post',
      'Period',
      'Audience',
      'Reported',
      "Platform's reach",
    ]);
    const listed = (await reach.getByText(/ of \d+ rows?$/).textContent()) ?? '';
    expect(reachCsv.rows).toHaveLength(Number(/ of (\d+) rows?$/.exec(listed)?.[1]));
    expect(consoleErrors).toEqual([]);
  }, 180_000);

  it('an Instagram content export: every post in the totals and the posts table, none spread over days', async () => {
    const { page, context } = await newPage(browser);
    await signIn(page, DEMO_OWNER);
    const csrf = (await context.cookies()).find((c) => c.name === 'resonance_csrf')?.value ?? '';
    const created = await page.request.post('/api/v1/campaigns', {
      headers: { 'x-csrf-token': csrf },
      data: { key: 'organic-ig-2026', name: 'Organic Instagram 2026', startsOn: '2026-05-01', endsOn: '2026-05-31' },
    });
    expect(created.status()).toBe(201);

    await page.goto('/imports');
    await page.getByLabel('Platform export file').setInputFiles(INSTAGRAM);
    const preview = page.getByRole('region', { name: /Preview: instagram-content.csv/ });
    await preview.getByLabel('Campaign').selectOption({ label: 'Organic Instagram 2026' });
    const { total: views, rows } = column(INSTAGRAM, 'Views');
    await preview.getByText(`${rows} ready to import`).waitFor();
    await preview.getByRole('button', { name: new RegExp(`Confirm import of ${rows} rows`) }).click();
    const result = page.getByRole('region', { name: /Imported instagram-content.csv/ });
    await result.getByText(`${rows} new`).waitFor({ timeout: 60_000 });
    await result.getByRole('link', { name: 'See its figures on the overview' }).click();
    await page.waitForURL((url) => url.pathname === '/' && url.searchParams.has('campaign'));

    await page.waitForFunction(
      (n) => {
        const shown = document
          .querySelector('[data-testid="kpi-impressions"] [data-testid="kpi-value"]')
          ?.textContent?.replace(/,/g, '');
        return shown !== undefined && Math.abs(Number(shown) - n) <= 5;
      },
      views,
      { timeout: 30_000 },
    );
    const posts = page.getByRole('region', { name: 'Posts and multi-day figures' });
    await posts.getByText('Post 1: checking in on you', { exact: false }).first().waitFor();
    await posts.getByText('never spread over days', { exact: false }).waitFor();
    const postsCsv = await downloadData(page, posts, 'Download CSV');
    expect(postsCsv.url.pathname).toBe('/api/v1/exports/posts.csv');
    expect(postsCsv.name).toMatch(/^resonance-posts-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(postsCsv.rows).toHaveLength(rows);
    expect(postsCsv.rows.some((r) => r[0]?.startsWith('Post 1: checking in on you'))).toBe(true);
    expect((await downloadData(page, posts, 'Download XLSX')).url.search).toBe(postsCsv.url.search);
    await screenshot(page, 'platform-import-overview-instagram');
  }, 120_000);
});
