import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ARTIFACTS, launchBrowser, newPage, screenshot } from './support/browser';
import { pdfPages } from './support/pdf';
import { waitForDemoData } from './support/demo-data';
import { signIn } from './support/session';
import { parseCsv } from './support/csv';

/** A platform export from the repository's fixtures: 735 daily rows, 1–7 May 2026. */
const META_EXPORT = path.resolve(__dirname, '../../apps/api/test/fixtures/exports/meta-ads-age-gender-daily.csv');

/** The file's total impressions (every row is valid once the campaign is known). */
function fileImpressions(): number {
  const [header, ...lines] = fs.readFileSync(META_EXPORT, 'utf8').trim().split(/\r?\n/);
  const column = header!.split(',').indexOf('Impressions');
  // No quoted commas in this fixture's rows before the Impressions column.
  return lines.reduce((sum, line) => sum + Number(line.split(',')[column]), 0);
}

/** "24,496" → 24496; "8.4%" → 0.084; "<11", "hidden (fewer than 11 people)" and "—" → null. */
function parseShown(text: string): number | null {
  const t = text.trim();
  if (t.startsWith('<') || t.startsWith('hidden') || t === '—' || t === '') return null;
  if (t.endsWith('%')) return Number(t.replace(/[%,\s]/g, '')) / 100;
  return Number(t.replace(/[,\s]/g, ''));
}

async function kpi(page: Page, id: string): Promise<string> {
  return (await page.getByTestId(`kpi-${id}`).getByTestId('kpi-value').textContent())?.trim() ?? '';
}

/** Figures on screen are for the current filters: no view is still showing the previous answer. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('main [aria-busy="true"]') === null);
}

async function campaignId(page: Page, name: string): Promise<string> {
  const res = await page.request.get('/api/v1/campaigns?limit=500');
  const body = (await res.json()) as { items: { id: string; name: string }[] };
  const found = body.items.find((c) => c.name === name);
  if (!found) throw new Error(`no campaign named ${name}`);
  return found.id;
}

describe('analytics pages', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let consoleErrors: string[];
  let mham: string;

  beforeAll(async () => {
    ({ browser } = await launchBrowser());
    ({ context, page, consoleErrors } = await newPage(browser));
    // Charts draw without animation, so screenshots show finished lines.
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await signIn(page);
    await waitForDemoData(page);
    mham = await campaignId(page, 'Mental Health Awareness Month 2026');
  }, 240_000);

  afterEach(() => {
    // Each test answers for its own pages.
    const errors = consoleErrors.splice(0);
    expect(errors).toEqual([]);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('shows KPI figures and a drawn trend on the overview', async () => {
    await page.goto('/?range=awareness');
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    await page.getByTestId('trend-chart').locator('path.recharts-line-curve').first().waitFor();
    for (const id of ['impressions', 'reach', 'engagements', 'engagementRate', 'resourceClicks']) {
      expect(await kpi(page, id)).toMatch(/^[\d,.]+%?$/);
    }
    expect(parseShown(await kpi(page, 'impressions'))).toBeGreaterThan(0);
    expect(await page.getByTestId('kpi-reach').textContent()).toContain('de-duplicated');
    const d = await page.getByTestId('trend-chart').locator('path.recharts-line-curve').last().getAttribute('d');
    expect(d?.match(/[MLC]/g)?.length ?? 0).toBeGreaterThan(10);
    expect(await page.getByTestId('trend-chart').locator('.recharts-line-dots circle').count()).toBe(31);
    await page
      .getByRole('region', { name: /Platform split/ })
      .locator('path.recharts-rectangle')
      .first()
      .waitFor();
    await screenshot(page, 'analytics-overview');
  });

  it('changes the figures and the URL with the date range, and Back restores both', async () => {
    await page.goto('/?range=awareness');
    await page.getByTestId('kpi-impressions').waitFor();
    const may = await kpi(page, 'impressions');
    await page.getByLabel('Dates').selectOption('last90');
    await page.waitForURL((url) => url.searchParams.get('range') === 'last90');
    await page.waitForFunction((before) => {
      const el = document.querySelector('[data-testid="kpi-impressions"] [data-testid="kpi-value"]');
      return el !== null && el.textContent !== before && /\d/.test(el.textContent ?? '');
    }, may);
    const last90 = await kpi(page, 'impressions');
    expect(last90).not.toBe(may);
    await page.getByLabel('From').fill('2026-05-01');
    await page.waitForURL(
      (url) => url.searchParams.get('range') === 'custom' && url.searchParams.get('from') === '2026-05-01',
    );
    await page.goBack();
    await page.waitForURL((url) => url.searchParams.get('range') === 'last90');
    await page.goBack();
    await page.waitForURL((url) => url.searchParams.get('range') === 'awareness');
    await page.waitForFunction(
      (before) =>
        document.querySelector('[data-testid="kpi-impressions"] [data-testid="kpi-value"]')?.textContent === before,
      may,
    );
  });

  it('finds which creative worked best for 18–24-year-olds in the last awareness month', async () => {
    // The path a new campaign manager takes: from the overview's question to the verdicts.
    await page.goto('/');
    await page.getByRole('link', { name: /Which creative works best for each age group/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Compare creatives' }).waitFor();
    await page.getByLabel('Dates').selectOption('awareness');
    await page.waitForURL((url) => url.searchParams.get('range') === 'awareness');
    // The filter bar re-renders from the URL before the next change (a change builds on the URL it has).
    await page
      .getByRole('search', { name: 'Filters' })
      .getByText(/^May 1, 2026 – May 31, 2026/)
      .waitFor();
    await page.getByLabel('Campaign').selectOption(mham);
    await page.waitForURL(
      (url) => url.searchParams.get('campaign') === mham && url.searchParams.get('range') === 'awareness',
    );
    await settled(page);
    const young = page.getByRole('region', { name: /Young adults 18–24/ });
    const verdict = young.getByTestId('segment-verdict');
    await verdict.waitFor();
    // The demo's flagship May campaign has a clear 18–24 winner: the page names it, in words (with its
    // campaign when another campaign has a creative of the same name, as other browser tests add; and
    // "among creatives with enough data" when a creative too thin to judge shows a higher rate).
    expect(await verdict.textContent()).toMatch(
      /^Sam's story( \(Mental Health Awareness Month 2026\))? is very likely the best for Young adults 18–24( among creatives with enough data)? \(\S+ chance\)\.$/,
    );
    expect(await page.getByTestId('segment-verdict').count()).toBe(4);
    await page.getByRole('table', { name: /Lift of each creative/ }).waitFor();
    await screenshot(page, 'analytics-creatives');
    await young.locator('path.recharts-rectangle').first().waitFor();
    expect(await young.locator('path.recharts-rectangle').count()).toBeGreaterThan(1);

    // Only the 18–24 segment: the pick is in the URL too.
    for (const name of ['Teens 13–17', 'Adults 25–54', 'Older adults 55+'])
      await page.getByRole('checkbox', { name }).uncheck();
    await page.waitForURL((url) => url.searchParams.getAll('seg').join() === 'preset:young-adults');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="segment-verdict"]').length === 1);
    const xlsx = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download XLSX' }).click();
    expect((await xlsx).suggestedFilename()).toMatch(/\.xlsx$/);
  });

  it('builds and saves a segment with its live audience size', async () => {
    await page.goto('/segments?range=awareness');
    await page.getByRole('heading', { level: 1, name: 'Segments' }).waitFor();
    const builder = page.getByRole('form', { name: 'Build a segment' });
    await builder
      .getByRole('group', { name: /Age band/ })
      .getByLabel('18–24')
      .check();
    await builder
      .getByRole('group', { name: /Platform/ })
      .getByLabel('TikTok')
      .check();
    await page.waitForFunction(() =>
      /\d people/.test(document.querySelector('[data-testid="audience-size"]')?.textContent ?? ''),
    );
    expect(await builder.getByText('Rule:').locator('..').textContent()).toContain('age 18-24 · platform tiktok');
    await builder.getByLabel('Segment name').fill('Young adults on TikTok');
    await builder.getByRole('button', { name: 'Save segment' }).click();
    await builder.getByRole('status').filter({ hasText: 'Saved “Young adults on TikTok”' }).waitFor();
    await page.getByRole('region', { name: 'Saved segments' }).getByText('Young adults on TikTok').waitFor();
    await page
      .getByRole('region', { name: /Segment report/ })
      .getByRole('rowheader', { name: 'Young adults on TikTok' })
      .waitFor();
    await screenshot(page, 'analytics-segments');
  });

  it('exports the segment report as CSV and XLSX with the rows and figures on screen, named by the period', async () => {
    await page.goto(`/segments?range=awareness&campaign=${mham}`);
    const report = page.getByRole('region', { name: /Segment report/ });
    await report.getByRole('rowheader', { name: 'Young adults 18–24' }).waitFor();
    await report.getByLabel('Metric').selectOption('impressions');
    await report.locator('caption', { hasText: 'impressions' }).waitFor({ state: 'attached' });
    await settled(page);
    const screenRows = await report
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => Array.from(tr.children).map((c) => c.textContent ?? '')));
    const download = page.waitForEvent('download');
    await report.getByRole('button', { name: 'Download CSV' }).click();
    const csvFile = await download;
    expect(csvFile.suggestedFilename()).toMatch(/^resonance-segments-2026-05-01-to-2026-05-31\.csv$/);
    const csv = parseCsv(fs.readFileSync((await csvFile.path())!, 'utf8').replace(/^\ufeff/, ''));
    // The data block ends at the empty row before the notes.
    const [csvHeaders, ...rest] = csv;
    const csvRows = rest.slice(
      0,
      rest.findIndex((r) => r.length <= 1 && !r[0]),
    );
    // The screen's columns, each header with its metric and unit.
    expect(csvHeaders).toEqual([
      'Segment',
      'Rule',
      'Impressions, this period',
      'Impressions, previous period',
      'Impressions change',
      'Impressions change (%)',
    ]);
    expect(csvRows).toHaveLength(screenRows.length);
    csvRows.forEach((row, i) => {
      const shown = screenRows[i]!;
      expect(row[0]).toBe(shown[0]);
      expect(row[1]).toBe(shown[1]);
      for (const col of [2, 3]) {
        const onScreen = parseShown(shown[col]!);
        if (onScreen === null) expect(row[col]).toMatch(/^(<\d+|)$/);
        else expect(Number(row[col])).toBe(onScreen);
      }
    });
    const xlsx = page.waitForEvent('download');
    await report.getByRole('button', { name: 'Download XLSX' }).click();
    expect((await xlsx).suggestedFilename()).toBe(csvFile.suggestedFilename().replace(/\.csv$/, '.xlsx'));
  });

  it("imports the Meta Ads export and shows its campaign's figures", async () => {
    const before = await page.request.get(`/api/v1/analytics/summary?campaign=${mham}&from=2026-05-01&to=2026-05-31`);
    const impressionsBefore = ((await before.json()) as { current: { impressions: number } }).current.impressions;

    await page.goto('/imports');
    await page.getByRole('heading', { level: 1, name: 'Imports' }).waitFor();
    await page.getByLabel('Platform export file').setInputFiles(META_EXPORT);
    const preview = page.getByRole('region', { name: /Preview: meta-ads-age-gender-daily.csv/ });
    await preview.getByText('Meta Ads Manager export').waitFor();
    // The file names a campaign the demo doesn't have: import it into the awareness-month campaign.
    await preview.getByLabel('Campaign').selectOption({ label: 'Mental Health Awareness Month 2026' });
    await preview.getByText('735 ready to import').waitFor();
    expect(
      await preview
        .getByRole('table', { name: /first rows/ })
        .locator('tbody tr')
        .count(),
    ).toBeGreaterThan(0);
    await screenshot(page, 'analytics-import-preview');
    await preview.getByRole('button', { name: /Confirm import of 735 rows/ }).click();
    const result = page.getByRole('region', { name: /Imported meta-ads-age-gender-daily.csv/ });
    await result.getByText('735 new').waitFor({ timeout: 60_000 });
    await page
      .getByRole('region', { name: 'Import history' })
      .getByRole('cell', { name: 'meta-ads-age-gender-daily.csv' })
      .waitFor();
    await screenshot(page, 'analytics-import-result');

    await result.getByRole('link', { name: 'See its figures on the overview' }).click();
    await page.waitForURL((url) => url.pathname === '/' && url.searchParams.get('campaign') === mham);
    // Both figures are published under cell-key perturbation (each within ±5 of the truth), so the
    // sum is checked within their combined bound: the file's figures arrived, once.
    const expected = impressionsBefore + fileImpressions();
    await page.waitForFunction((n) => {
      const shown = document
        .querySelector('[data-testid="kpi-impressions"] [data-testid="kpi-value"]')
        ?.textContent?.replace(/,/g, '');
      return shown !== undefined && Math.abs(Number(shown) - n) <= 10;
    }, expected);
  });

  it('lists insights linking to their evidence', async () => {
    await page.goto('/insights?range=awareness');
    await page.getByRole('heading', { level: 1, name: 'Insights' }).waitFor();
    await page
      .getByRole('list', { name: 'Insights, strongest first' })
      .or(page.getByText(/Nothing stands out yet/))
      .waitFor();
    await screenshot(page, 'analytics-insights');
    const evidence = page.getByRole('link', { name: 'See the evidence' });
    if ((await evidence.count()) > 0) {
      await evidence.first().click();
      await page.waitForURL((url) => url.pathname === '/creatives' && url.searchParams.getAll('seg').length === 1);
      await page.getByTestId('segment-verdict').first().waitFor();
    }
  });

  it('opens the printable report, ready for paper', async () => {
    await page.goto(`/segments?range=awareness&campaign=${mham}`);
    await page.getByRole('link', { name: 'Printable report' }).click();
    await page.waitForURL((url) => url.pathname === '/report' && url.searchParams.get('campaign') === mham);
    await page
      .getByRole('heading', { level: 1, name: /Segment report — Mental Health Awareness Month 2026/ })
      .waitFor();
    await page.getByRole('button', { name: 'Print / Save as PDF' }).waitFor();
    await page.getByTestId('trend-chart').locator('path.recharts-line-curve').last().waitFor();
    await page.getByRole('heading', { name: 'What the figures mean' }).waitFor();
    await page.getByRole('list', { name: 'Verdict per segment' }).getByRole('listitem').first().waitFor();
    await screenshot(page, 'analytics-report');
    await page.emulateMedia({ media: 'print', reducedMotion: 'reduce' });
    expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Print / Save as PDF' }).isVisible()).toBe(false);
    expect(await page.getByRole('search', { name: 'Filters' }).isVisible()).toBe(false);
    await screenshot(page, 'analytics-report-print');
    // Organisation and period go in every page's top margin, page numbers in the bottom one.
    const margins = await page.getByTestId('report-print-margins').textContent();
    expect(margins).toContain('@top-left { content: "Demo: Mindful Futures Foundation"');
    const period = await page.getByTestId('report-period').textContent();
    expect(period).toMatch(/2026/);
    expect(margins).toContain(`@top-right { content: "Segment report · ${period}"`);

    // What "Save as PDF" gives on either paper: every table inside the printable width, no empty page.
    const viewport = page.viewportSize()!;
    for (const paper of [
      { format: 'A4', printableWidth: Math.floor(((210 - 24) / 25.4) * 96) },
      { format: 'Letter', printableWidth: Math.floor(((215.9 - 24) / 25.4) * 96) },
    ]) {
      await page.setViewportSize({ width: paper.printableWidth, height: viewport.height });
      const overflowing = await page.evaluate(() =>
        [...document.querySelectorAll('main table, main svg.recharts-surface')]
          .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
          .map((el) => el.getAttribute('aria-label') ?? el.querySelector('caption')?.textContent ?? el.tagName),
      );
      expect({ paper: paper.format, overflowing }).toEqual({ paper: paper.format, overflowing: [] });
      const pdf = await page.pdf({ format: paper.format, printBackground: true });
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      fs.writeFileSync(path.join(ARTIFACTS, `analytics-report-${paper.format}.pdf`), pdf);
      const pages = pdfPages(pdf);
      expect(pages.length).toBeGreaterThanOrEqual(2);
      expect(pages.length).toBeLessThanOrEqual(5);
      // More than the margin boxes (organisation, period, page number) on every page.
      expect(pages.filter((p) => p.textRuns < 10)).toEqual([]);
    }
    await page.setViewportSize(viewport);
    await page.emulateMedia({ media: 'screen', reducedMotion: 'reduce' });
  });
});
