import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, newPage, screenshot } from './support/browser';
import { waitForDemoData } from './support/demo-data';
import { signIn } from './support/session';

const CAMPAIGN = 'Mental Health Awareness Month 2026';

async function kpi(page: Page, id: string): Promise<string> {
  const value = page.getByTestId(`kpi-${id}`).getByTestId('kpi-value');
  await value.waitFor();
  return (await value.textContent())?.trim() ?? '';
}

describe('save → share → open the link without an account', () => {
  let browser: Browser;
  let owner: { context: BrowserContext; page: Page; consoleErrors: string[] };
  let guest: { context: BrowserContext; page: Page; consoleErrors: string[] };

  beforeAll(async () => {
    ({ browser } = await launchBrowser());
    owner = await newPage(browser);
    // The shared build machine can be slow: wait for figures, never time them.
    owner.page.setDefaultTimeout(90_000);
    await owner.page.emulateMedia({ reducedMotion: 'reduce' });
    await signIn(owner.page);
    await waitForDemoData(owner.page);
  }, 240_000);

  afterAll(async () => {
    await guest?.context.close();
    await owner?.context.close();
    await browser?.close();
  });

  it('shows the recipient only that view, counts the opening, and stops after revocation', async () => {
    const { page } = owner;
    await page.goto('/?range=awareness');
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    const campaignSelect = page.getByLabel('Campaign');
    await campaignSelect.locator('option', { hasText: CAMPAIGN }).waitFor({ state: 'attached' });
    // Wait for the campaign's own summary: until it arrives the cards still show every campaign's figures.
    const campaignSummary = page.waitForResponse(
      (res) => res.url().includes('/api/v1/analytics/summary') && res.url().includes('campaign=') && res.ok(),
    );
    await campaignSelect.selectOption({ label: CAMPAIGN });
    await page.waitForURL((url) => url.searchParams.get('campaign') !== null);
    await campaignSummary;
    await page.waitForFunction(() => document.querySelector('main [aria-busy="true"]') === null);
    const impressions = await kpi(page, 'impressions');
    expect(impressions).toMatch(/^[\d,]+$/);

    await page.getByRole('button', { name: 'Save view' }).click();
    await page.getByRole('region', { name: 'Save this view' }).getByLabel('View name').fill('Board: awareness month');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved “Board: awareness month”.').waitFor();

    await page.getByRole('button', { name: 'Share', exact: true }).click();
    const sharePanel = page.getByRole('region', { name: 'Share this view' });
    await sharePanel.getByLabel('Link expires after').selectOption('7');
    await sharePanel.getByRole('button', { name: 'Create link' }).click();
    const url = await sharePanel.getByTestId('share-link-url').inputValue();
    expect(url).toMatch(/\/shared\/rsv_[A-Za-z0-9_-]{43}$/);

    // A fresh browser context: no cookies, no session.
    guest = await newPage(browser);
    guest.page.setDefaultTimeout(90_000);
    await guest.page.goto(url);
    await guest.page.getByRole('heading', { level: 1, name: 'Board: awareness month' }).waitFor();
    expect(await guest.page.getByTestId('shared-campaign').textContent()).toBe(CAMPAIGN);
    expect(await guest.page.getByTestId('shared-period').textContent()).toContain('2026');
    expect(await kpi(guest.page, 'impressions')).toBe(impressions);
    await guest.page.getByTestId('trend-chart').locator('path.recharts-line-curve').last().waitFor();
    await guest.page.getByRole('table', { name: 'Segment report' }).waitFor();
    // Only that view: no navigation, no way into the app, and the API refuses everything else.
    expect(await guest.page.getByRole('navigation').count()).toBe(0);
    expect(await guest.page.getByRole('link').count()).toBe(0);
    expect(await guest.page.getByRole('combobox').count()).toBe(0);
    expect((await guest.page.request.get('/api/v1/campaigns')).status()).toBe(401);
    await screenshot(guest.page, 'shared-view');

    await page.goto('/views');
    const row = page.getByRole('table', { name: 'Share links' }).getByRole('row', { name: /Board: awareness month/ });
    await row.waitFor();
    expect(await row.getByRole('cell').nth(3).textContent()).toBe('1');

    await row.getByRole('button', { name: /Revoke/ }).click();
    await page.getByRole('button', { name: 'Yes, revoke' }).click();
    await row.getByText('Revoked').waitFor();

    await guest.page.reload();
    await guest.page.getByRole('heading', { name: 'This view cannot be opened' }).waitFor();
    expect(await guest.page.getByRole('alert').textContent()).toContain('revoked');
    expect(owner.consoleErrors).toEqual([]);
  }, 300_000);
});
