import type { Browser, BrowserContext, Page } from 'playwright-core';
import { baseUrl, launchBrowser, screenshot } from './support/browser';
import { DEMO_OWNER, signIn } from './support/session';

declare global {
  interface Window {
    /** Set by the dashboard's main.tsx from its router. */
    __RESONANCE_ROUTES__?: string[];
  }
}

const PHONE = { width: 390, height: 844 };

/** A phone-sized page (touch, mobile viewport) that records console errors. */
async function phonePage(browser: Browser): Promise<{ context: BrowserContext; page: Page; consoleErrors: string[] }> {
  const context = await browser.newContext({
    baseURL: baseUrl(),
    viewport: PHONE,
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
  });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  return { context, page, consoleErrors };
}

/** How far the page scrolls sideways (0 = not at all), after its data has loaded. */
async function sidewaysScroll(page: Page): Promise<{ scrollWidth: number; innerWidth: number }> {
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.waitForLoadState('networkidle');
  await page
    .getByRole('status')
    .filter({ hasText: /^Loading/ })
    .first()
    .waitFor({ state: 'detached', timeout: 15_000 })
    .catch(() => undefined);
  return page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
}

describe('on a phone (390 × 844)', () => {
  let browser: Browser;

  beforeAll(async () => {
    ({ browser } = await launchBrowser());
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('no page of the router scrolls sideways', async () => {
    const { page, consoleErrors, context } = await phonePage(browser);
    await page.goto('/login');
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    // The app publishes its router's page list, so a new page is walked without editing this test.
    const patterns = await page.evaluate(() => window.__RESONANCE_ROUTES__ ?? []);
    expect(patterns).toEqual(expect.arrayContaining(['/login', '/', '/report', '/campaigns/:campaignId']));
    const widths: Record<string, number> = { '/login': (await sidewaysScroll(page)).scrollWidth };

    await signIn(page, DEMO_OWNER);
    const campaigns = (await (await page.request.get('/api/v1/campaigns')).json()) as {
      items: { id: string; creativeCount: number }[];
    };
    // One with creatives: other tests add campaigns that have none.
    const campaignId = campaigns.items.find((c) => c.creativeCount > 0)!.id;
    const creatives = (await (await page.request.get(`/api/v1/campaigns/${campaignId}/creatives`)).json()) as {
      items: { id: string }[];
    };
    const observances = (await (await page.request.get('/api/v1/planning/observances/upcoming')).json()) as {
      items: { id: string }[];
    };
    // A share link of the last 30 days' report, for the page a board member opens without an account.
    const csrf = (await context.cookies()).find((c) => c.name === 'resonance_csrf')?.value ?? '';
    const view = await page.request.post('/api/v1/saved-views', {
      headers: { 'x-csrf-token': csrf },
      data: {
        name: `Phone walk ${Date.now()}`,
        page: 'report',
        filters: { period: 'last30', campaignId: null, platform: null, segmentId: null, compare: 'none' },
      },
    });
    expect(view.status()).toBe(201);
    const link = await page.request.post('/api/v1/share-links', {
      headers: { 'x-csrf-token': csrf },
      data: { savedViewId: ((await view.json()) as { id: string }).id, expiresInDays: 1 },
    });
    expect(link.status()).toBe(201);
    const params: Record<string, string> = {
      campaignId,
      creativeId: creatives.items[0]!.id,
      id: observances.items[0]!.id,
      token: ((await link.json()) as { token: string }).token,
    };

    for (const pattern of patterns.filter((p) => p !== '/login')) {
      const url = pattern.replace(/:(\w+)/g, (_, name: string) => {
        const value = params[name];
        if (!value) throw new Error(`No sample value for :${name} in ${pattern}: add one to this test`);
        return value;
      });
      await page.goto(url);
      const { scrollWidth, innerWidth } = await sidewaysScroll(page);
      widths[pattern] = scrollWidth;
      if (scrollWidth > PHONE.width || innerWidth > PHONE.width) {
        await screenshot(page, `phone-overflow${pattern.replace(/[/:]+/g, '-')}`);
      }
      expect({ pattern, innerWidth }).toEqual({ pattern, innerWidth: PHONE.width });
    }
    const tooWide = Object.entries(widths).filter(([, width]) => width > PHONE.width);
    expect(tooWide).toEqual([]);
    expect(Object.keys(widths)).toHaveLength(patterns.length);
    expect(consoleErrors).toEqual([]);
    await context.close();
    // Every page, each with its data loaded: minutes on a busy machine.
  }, 240_000);

  it('opens the overview with the first figure on the first screen; menu and filters fold away', async () => {
    const { page, context } = await phonePage(browser);
    await signIn(page, DEMO_OWNER);
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    const firstFigure = page.getByTestId('kpi-value').first();
    await firstFigure.waitFor();
    const box = await firstFigure.boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(PHONE.height);
    // Two KPI cards side by side.
    const second = await page.getByTestId('kpi-value').nth(1).boundingBox();
    expect(second!.y).toBe(box!.y);
    await screenshot(page, 'phone-overview');

    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Menu' }).click();
    await nav.getByRole('link', { name: 'Segments' }).click();
    await page.getByRole('heading', { level: 1, name: 'Segments' }).waitFor();
    expect(await nav.isVisible()).toBe(false);

    const dates = page.getByRole('search', { name: 'Filters' }).getByLabel('Dates');
    expect(await dates.isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Show filters' }).click();
    expect(await dates.isVisible()).toBe(true);
    await context.close();
  });
});
