import type { Browser } from 'playwright-core';
import { launchBrowser, newPage, screenshot } from './support/browser';

describe('the app shell', () => {
  let browser: Browser;

  beforeAll(async () => {
    ({ browser } = await launchBrowser());
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('opens the dashboard with its title, landmarks and no console errors', async () => {
    const { page, consoleErrors, context } = await newPage(browser);
    await page.goto('/');
    await expect(page.title()).resolves.toBe('Resonance');
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    expect(await page.getByRole('banner').textContent()).toContain('Resonance');
    expect(await page.getByRole('main').isVisible()).toBe(true);
    await page.getByRole('status').filter({ hasText: 'Server and database are up.' }).waitFor();
    await screenshot(page, 'shell');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
