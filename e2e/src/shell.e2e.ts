import type { Browser } from 'playwright-core';
import { launchBrowser, newPage, screenshot } from './support/browser';
import { signIn } from './support/session';

describe('the app shell', () => {
  let browser: Browser;

  beforeAll(async () => {
    ({ browser } = await launchBrowser());
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('sends a signed-out visitor to the login page and back to where they were going', async () => {
    const { page, consoleErrors, context } = await newPage(browser);
    await page.goto('/settings/privacy');
    await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('next') === '/settings/privacy');
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    // The lazily loaded page sets its title once it renders: wait for it rather than racing it.
    await page.waitForFunction(() => document.title === 'Sign in · Resonance', undefined, { timeout: 10_000 });
    await expect(page.title()).resolves.toBe('Sign in · Resonance');
    await screenshot(page, 'login');
    await page.getByLabel('Email').fill('owner@demo.resonance.local');
    await page.getByLabel('Password').fill('resonance-demo-owner');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/settings/privacy');
    await page.getByRole('heading', { level: 1, name: 'Privacy' }).waitFor();
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('opens the dashboard with its landmarks, the signed-in user and no console errors', async () => {
    const { page, consoleErrors, context } = await newPage(browser);
    await signIn(page);
    await expect(page.title()).resolves.toContain('Resonance');
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    const banner = await page.getByRole('banner').textContent();
    expect(banner).toContain('Resonance');
    expect(banner).toContain('owner@demo.resonance.local');
    expect(banner).toContain('Owner');
    expect(await page.getByRole('main').isVisible()).toBe(true);
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    await screenshot(page, 'shell');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
