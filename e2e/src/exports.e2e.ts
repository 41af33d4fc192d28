import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser, newPage } from './support/browser';
import { waitForDemoData } from './support/demo-data';
import { downloadData } from './support/download';
import { signIn } from './support/session';

/** The table's body as text, cell by cell. */
async function tableRows(table: Locator): Promise<string[][]> {
  return table
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => Array.from(tr.children).map((c) => (c.textContent ?? '').trim())));
}

/** "6.5%" → 6.5, "1,234" → 1234; hidden or empty → null. */
function shownNumber(text: string): number | null {
  const t = text.trim();
  if (t === '' || t.startsWith('<') || t.startsWith('hidden') || t === '—') return null;
  return Number(t.replace(/[%,\s]/g, ''));
}

/** A file's figure agrees with the screen's (the screen rounds to one decimal; hidden stays hidden). */
function expectSameFigure(inFile: string, onScreen: string): void {
  const shown = shownNumber(onScreen);
  if (shown === null) expect(inFile).toMatch(/^(<\d+|)$/);
  else expect(Math.abs(Number(inFile) - shown)).toBeLessThanOrEqual(0.051);
}

async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('main [aria-busy="true"]') === null);
}

describe('downloads carry the columns the table shows', () => {
  let browser: Browser;
  let page: Page;
  let mham: string;

  beforeAll(async () => {
    ({ browser } = await launchBrowser());
    ({ page } = await newPage(browser));
    await signIn(page);
    await waitForDemoData(page);
    const res = await page.request.get('/api/v1/campaigns?limit=500');
    const body = (await res.json()) as { items: { id: string; name: string }[] };
    mham = body.items.find((c) => c.name === 'Mental Health Awareness Month 2026')!.id;
    // The first questions after the demo has loaded are slow on a busy machine: ask them once here.
    await page.goto(`/?range=awareness&campaign=${mham}`);
    await page
      .getByRole('region', { name: /over time/ })
      .getByTestId('trend-chart')
      .waitFor({ timeout: 120_000 });
    await settled(page);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
  });

  it("the trend table's CSV and XLSX: its metric, per day, beside the compared day", async () => {
    await page.goto(`/?range=awareness&campaign=${mham}`);
    const card = page.getByRole('region', { name: /over time/ });
    await card.getByLabel('Metric').selectOption('engagementRate');
    await card.getByRole('button', { name: 'Show as table' }).click();
    const table = card.getByRole('table', { name: 'Engagement rate by period' });
    await table.waitFor();
    await settled(page);
    const screen = await tableRows(table);
    const csv = await downloadData(page, card, 'Download CSV');
    expect(csv.url.pathname).toBe('/api/v1/exports/timeseries.csv');
    expect(Object.fromEntries(csv.url.searchParams)).toMatchObject({
      metric: 'engagementRate',
      compare: 'previous',
      granularity: 'day',
      campaign: mham,
    });
    expect(csv.name).toBe('resonance-timeseries-2026-05-01-to-2026-05-31.csv');
    expect(csv.headers).toEqual([
      'Period (day)',
      'Engagement rate (%)',
      'Comparison period (day)',
      'Engagement rate, comparison period (%)',
    ]);
    expect(screen).toHaveLength(31);
    expect(csv.rows).toHaveLength(screen.length);
    csv.rows.forEach((row, i) => {
      const shown = screen[i]!;
      expect(row[0]).toBe(shown[0]);
      expectSameFigure(row[1]!, shown[1]!);
      expect(row[2]).toBe(shown[2]);
      expectSameFigure(row[3]!, shown[3]!);
    });
    const xlsx = await downloadData(page, card, 'Download XLSX');
    expect(xlsx.url.pathname).toBe('/api/v1/exports/timeseries.xlsx');
    expect(xlsx.url.search).toBe(csv.url.search);
    expect(xlsx.name).toBe('resonance-timeseries-2026-05-01-to-2026-05-31.xlsx');
  });

  it("a breakdown card's download: the dimension, the metric shown and its share of the total", async () => {
    await page.goto(`/?range=awareness&campaign=${mham}`);
    const card = page.getByRole('region', { name: /Who you reach, by age/ });
    await card.getByRole('button', { name: 'Show as table' }).click();
    const table = card.getByRole('table');
    await table.waitFor();
    await settled(page);
    const screen = await tableRows(table);
    expect(screen.length).toBeGreaterThan(3);
    const csv = await downloadData(page, card, 'Download CSV');
    expect(csv.url.pathname).toBe('/api/v1/exports/breakdown.csv');
    expect(Object.fromEntries(csv.url.searchParams)).toMatchObject({ by: 'ageBand', metric: 'reach', share: 'reach' });
    expect(csv.url.searchParams.has('compare')).toBe(false);
    expect(csv.headers).toEqual(['Age', 'Reach', 'Share of reach (%)']);
    // The file ends with the de-duplicated total the card states above its bars.
    expect(csv.rows.at(-1)?.[0]).toBe('Total (de-duplicated)');
    const byAge = new Map(csv.rows.map((r) => [r[0], r]));
    for (const shown of screen) {
      const row = byAge.get(shown[0]);
      expect(row).toBeDefined();
      expectSameFigure(row![1]!, shown[1]!);
      expectSameFigure(row![2]!, shown[2]!);
    }
    const xlsx = await downloadData(page, card, 'Download XLSX');
    expect(xlsx.url.search).toBe(csv.url.search);
  });

  it("the top creatives' download: the table's four metrics", async () => {
    await page.goto(`/?range=awareness&campaign=${mham}`);
    const card = page.getByRole('region', { name: /Top creatives/ });
    await card.getByRole('table').locator('tbody tr').first().waitFor();
    await settled(page);
    const screen = await tableRows(card.getByRole('table'));
    expect(screen.length).toBeGreaterThan(0);
    const csv = await downloadData(page, card, 'Download CSV');
    expect(Object.fromEntries(csv.url.searchParams)).toMatchObject({
      by: 'creative',
      metric: 'impressions,engagements,engagementRate,resourceClicks',
    });
    expect(csv.headers).toEqual(['Creative', 'Impressions', 'Engagements', 'Engagement rate (%)', 'Resource clicks']);
    const byName = new Map(csv.rows.map((r) => [r[0], r]));
    for (const shown of screen) {
      const row = byName.get(shown[0]);
      expect(row).toBeDefined();
      for (const c of [1, 2, 3, 4]) expectSameFigure(row![c]!, shown[c]!);
    }
  });

  it("the creative matrix's download: the matrix's columns, the interval as its bounds", async () => {
    await page.goto(`/creatives?range=awareness&campaign=${mham}`);
    const card = page.getByRole('region', { name: 'Full matrix' });
    const table = card.getByRole('table', { name: 'Creative × segment matrix' });
    await table.locator('tbody tr').first().waitFor();
    await settled(page);
    const screen = await tableRows(table);
    expect(screen.length).toBeGreaterThan(3);
    const csv = await downloadData(page, card, 'Download CSV');
    expect(csv.url.pathname).toBe('/api/v1/exports/creatives.csv');
    expect(csv.headers).toEqual([
      'Segment',
      'Creative',
      'Platform',
      'Impressions',
      'Engagements',
      'Engagement rate (%)',
      'Engagement rate 95% low (%)',
      'Engagement rate 95% high (%)',
      'Lift vs segment average (%)',
      'Chance of being best (%)',
      'p-value vs leader (Holm)',
      'Verdict',
    ]);
    // Every row, not just the page on screen ("1–50 of 52 rows").
    const status = (await card.getByText(/ of \d+ rows?$/).textContent()) ?? '';
    expect(csv.rows).toHaveLength(Number(/ of (\d+) rows?$/.exec(status)?.[1]));
    const key = (segment: string, creative: string) => `${segment}|${creative}`;
    const inFile = new Map(csv.rows.map((r) => [key(r[0]!, r[1]!), r]));
    for (const shown of screen) {
      const row = inFile.get(key(shown[0]!, shown[1]!));
      expect(row).toBeDefined();
      expect(row![2]).toBe(shown[2]);
      expectSameFigure(row![3]!, shown[3]!);
      expectSameFigure(row![5]!, shown[5]!);
      expect(row![11]).toBe(shown.at(-1));
    }
  });
  it("a compare panel's download: that segment's creatives as the panel lists them, named by segment and period", async () => {
    await page.goto(`/creatives?range=awareness&campaign=${mham}`);
    const card = page.getByRole('region', { name: /^Young adults/ });
    await card.getByRole('button', { name: 'Show as table' }).click();
    const table = card.getByRole('table');
    await table.locator('tbody tr').first().waitFor();
    await settled(page);
    const screen = await tableRows(table);
    expect(screen.length).toBeGreaterThan(1);
    const csv = await downloadData(page, card, 'Download CSV');
    expect(csv.url.pathname).toBe('/api/v1/exports/compare.csv');
    expect(csv.url.searchParams.get('panel')).toBe('preset:young-adults');
    expect(csv.url.searchParams.get('campaign')).toBe(mham);
    expect(csv.name).toMatch(/^resonance-compare-young-adults-.*2026-05-01-to-2026-05-31\.csv$/);
    expect(csv.headers).toEqual([
      'Creative',
      'Engagement rate (%)',
      'Engagement rate 95% low (%)',
      'Engagement rate 95% high (%)',
      'Impressions',
      'Chance of being best (%)',
      'Verdict',
    ]);
    // The panel's rows in the panel's order (best rate first), the same figures and verdicts.
    expect(csv.rows.map((r) => r[0])).toEqual(screen.map((r) => r[0]));
    csv.rows.forEach((row, i) => {
      const shown = screen[i]!;
      expectSameFigure(row[1]!, shown[1]!);
      expectSameFigure(row[4]!, shown[3]!);
      expect(row[6]).toBe(shown.at(-1));
    });
    const xlsx = await downloadData(page, card, 'Download XLSX');
    expect(xlsx.url.pathname).toBe('/api/v1/exports/compare.xlsx');
    expect(xlsx.url.search).toBe(csv.url.search);
    expect(xlsx.name).toBe(csv.name.replace(/\.csv$/, '.xlsx'));
  });
});
