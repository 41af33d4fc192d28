import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, newPage } from './support/browser';
import { waitForDemoData } from './support/demo-data';
import { DEMO_ANALYST, signIn } from './support/session';

/** The filter parameters in the page's URL. */
function filtersOf(page: Page): Record<string, string> {
  const params = new URL(page.url()).searchParams;
  return Object.fromEntries(
    ['range', 'from', 'to', 'campaign'].flatMap((k) => (params.has(k) ? [[k, params.get(k)!]] : [])),
  );
}

describe('the first screen', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let consoleErrors: string[];

  beforeAll(async () => {
    ({ browser } = await launchBrowser());
    ({ context, page, consoleErrors } = await newPage(browser));
    await signIn(page, DEMO_ANALYST);
    await waitForDemoData(page);
  }, 240_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it("opens on the latest campaign's window with figures, then on the user's last view of each page", async () => {
    // Nothing remembered yet (a fresh browser): the latest campaign that has begun, up to today.
    const today = await page.evaluate(() => {
      const d = new Date();
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    });
    const campaigns = (await (await page.request.get('/api/v1/campaigns?limit=500')).json()) as {
      items: { startsOn: string | null; endsOn: string | null }[];
    };
    const latest = campaigns.items
      .filter((c) => c.startsOn !== null && c.startsOn <= today)
      .sort((a, b) => (a.startsOn! < b.startsOn! ? 1 : -1))[0]!;
    const expected = {
      range: 'custom',
      from: latest.startsOn!,
      to: latest.endsOn !== null && latest.endsOn < today ? latest.endsOn : today,
    };
    await page.goto('/');
    await page.waitForURL((url) => url.searchParams.get('range') === 'custom');
    expect(filtersOf(page)).toEqual(expected);
    // …and that window has figures: the first KPI is a number, not "—" or "<11".
    const impressions = page.getByTestId('kpi-impressions').getByTestId('kpi-value');
    await page.waitForFunction(() =>
      /^\d[\d,]*$/.test(
        document.querySelector('[data-testid="kpi-impressions"] [data-testid="kpi-value"]')?.textContent?.trim() ?? '',
      ),
    );
    expect(Number((await impressions.textContent())!.replace(/,/g, ''))).toBeGreaterThan(0);

    // Every page with a period offers the same shortcuts, "same observance last year" among them.
    for (const path of ['/', '/creatives', '/insights', '/segments', '/report']) {
      await page.goto(`${path}?range=last7`);
      await page.getByLabel('Dates').waitFor();
      const options = await page.getByLabel('Dates').locator('option').allTextContents();
      expect(options).toEqual(
        expect.arrayContaining([
          'Mental Health Awareness Month',
          'Awareness Month, a year earlier',
          'Year to date',
          'This quarter',
          'Last full month',
        ]),
      );
    }

    // A choice is remembered per page: the overview reopens on Last 90 days, the report on its own last view.
    await page.goto('/');
    // Let the page settle on its remembered view (last7, from the loop above) before choosing another.
    await page.waitForURL((url) => url.searchParams.get('range') === 'last7');
    await page.getByLabel('Dates').selectOption('last90');
    await page.waitForURL((url) => url.searchParams.get('range') === 'last90');
    // The choice is remembered once the page has stored it.
    await page.waitForFunction(() =>
      Object.keys(localStorage).some((k) => k.endsWith(':/') && localStorage.getItem(k) === 'range=last90'),
    );
    await page.goto('/campaigns');
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await page.goto('/');
    await page.waitForURL((url) => url.searchParams.get('range') === 'last90');
    expect(filtersOf(page)).toEqual({ range: 'last90' });
    await page.goto('/report');
    await page.waitForURL((url) => url.searchParams.get('range') === 'last7');
    // A link that names its filters opens as it says.
    await page.goto('/?range=awareness');
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await page.waitForTimeout(500);
    expect(filtersOf(page)).toEqual({ range: 'awareness' });
    expect(consoleErrors).toEqual([]);
  }, 180_000);
});
