import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage, screenshot } from './support/browser';

/** The demo owner (apps/api/src/bootstrap/first-run.service.ts): owners may plan campaigns. */
const OWNER = { email: 'owner@demo.resonance.local', password: 'resonance-demo-owner' };

async function signIn(page: Page, next: string): Promise<void> {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Email').fill(OWNER.email);
  await page.getByLabel('Password').fill(OWNER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === next);
}

describe('planning', () => {
  let browser: Browser;

  beforeAll(async () => {
    ({ browser } = await launchBrowser());
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('shows the next observance, its recommendations and planner, and plans a linked campaign', async () => {
    const { page, consoleErrors, context } = await newPage(browser);
    await signIn(page, '/');
    // The login page's own session probe (401 before signing in) is not this feature's concern.
    consoleErrors.length = 0;

    // Open Planning from the main navigation: a 12-month calendar with the next observance.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Planning' }).click();
    await page.getByRole('heading', { level: 1, name: 'Planning' }).waitFor();
    const nextUp = page.locator('.planning-nextup__lead');
    await nextUp.getByText('Next up:').waitFor();
    const nextName = (await nextUp.getByRole('link').textContent())?.trim() ?? '';
    expect(nextName).not.toBe('');
    expect(await nextUp.textContent()).toMatch(/(today|tomorrow|in [\d,]+ days)/);
    const months = page.getByRole('list', { name: 'Observances by month' }).locator(':scope > li');
    expect(await months.count()).toBe(12);
    await screenshot(page, 'planning-calendar');

    // The list alternative and the region filter.
    await page.getByRole('button', { name: 'List' }).click();
    await page.getByRole('table').getByRole('link', { name: nextName }).first().waitFor();
    expect(page.url()).toContain('view=list');
    await page.getByLabel('Region').selectOption('UK');
    await page.getByRole('status').filter({ hasText: 'observances shown' }).waitFor();
    const regions = await page.getByRole('table').locator('tbody td:nth-child(4)').allTextContents();
    expect(regions.length).toBeGreaterThan(0);
    expect(regions.every((r) => r === 'Global' || r === 'United Kingdom')).toBe(true);
    await screenshot(page, 'planning-list-uk');
    await page.getByLabel('Region').selectOption('');
    await page.getByRole('button', { name: 'Calendar' }).click();

    // Open the next observance.
    await page.locator('.planning-nextup__lead').getByRole('link', { name: nextName }).click();
    await page.getByRole('heading', { level: 1, name: nextName }).waitFor();
    await page.getByRole('heading', { name: 'Linked campaigns' }).waitFor();

    // Read a recommendation: the "Everyone" segment says what ranked, or honestly that history is thin.
    const everyone = page.getByRole('article', { name: 'Everyone' });
    await everyone.waitFor();
    const recText = (await everyone.textContent()) ?? '';
    expect(recText).toMatch(/#1 |Not enough history/);

    // Use the planner: 2% baseline, +20% lift, 2 creatives → impressions per creative per segment.
    await page.getByLabel('Baseline rate').fill('2');
    await page.getByLabel('Minimum relative lift').fill('20');
    await page.getByLabel('Creatives (arms)').fill('2');
    // Fleiss without continuity correction: p1 = 0.02, p2 = 0.024, α = 0.05, power 0.8 → 21,109 per arm
    // (21,108.4 rounded up).
    await page.getByTestId('planner-impressions').filter({ hasText: '21,109' }).waitFor();
    await page.getByLabel('Planned impressions per creative per segment').fill('21109');
    await page.getByTestId('planner-lift').filter({ hasText: '+20%' }).waitFor();
    await page.getByLabel('Power (1 − β)').fill('2');
    await page.getByText('Enter a power between 0 and 1').waitFor();
    await page.getByLabel('Power (1 − β)').fill('0.8');
    await screenshot(page, 'planning-observance');

    // Plan a campaign linked to the observance, then follow the link to it.
    const plan = page.getByRole('region', { name: 'Plan a campaign' });
    const key = await plan.getByLabel('Campaign key').inputValue();
    expect(key).toMatch(/-\d{4}$/);
    await plan.getByLabel('Campaign name').fill(`${nextName} (e2e)`);
    await plan.getByRole('button', { name: 'Create linked campaign' }).click();
    const created = page.getByRole('status').filter({ hasText: 'Created' });
    await created.waitFor();
    expect(await created.textContent()).toContain('linked to this observance');
    await page.getByRole('table', { name: 'Campaigns linked to this observance' }).getByText(key).waitFor();
    const href = await created.getByRole('link').getAttribute('href');
    expect(href).toMatch(/^\/campaigns\/[0-9a-f-]{36}$/);
    await screenshot(page, 'planning-campaign-created');

    expect(consoleErrors).toEqual([]);

    // The same key again: the server's answer is shown next to the key, the created campaign stays listed.
    await plan.getByRole('button', { name: 'Create linked campaign' }).click();
    await plan
      .getByText(/key/i)
      .filter({ hasText: /taken|already|used/i })
      .first()
      .waitFor();
    expect(await created.isVisible()).toBe(true);
    // The only console line is Chromium reporting the 409 response itself.
    expect(consoleErrors).toHaveLength(1);
    expect(consoleErrors[0]).toContain('409');
    await context.close();
  });
});
