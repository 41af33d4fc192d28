import type { Browser } from 'playwright-core';
import { launchBrowser, newPage, screenshot } from './support/browser';
import { DEMO_ANALYST, DEMO_OWNER, signIn } from './support/session';

describe('accounts', () => {
  let browser: Browser;

  beforeAll(async () => {
    ({ browser } = await launchBrowser());
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('shows the server’s message for a wrong password', async () => {
    const { page, consoleErrors, context } = await newPage(browser);
    await page.goto('/login');
    await page.getByLabel('Email').fill(DEMO_ANALYST.email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByLabel('Password').press('Enter');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/incorrect/i);
    await screenshot(page, 'login-error');
    // The browser logs the 401 response itself; nothing else may be in the console.
    expect(consoleErrors.filter((e) => !/401/.test(e))).toEqual([]);
    await context.close();
  });

  it('lets the demo owner create an API key, see it listed without its secret, revoke it and log out', async () => {
    const { page, consoleErrors, context } = await newPage(browser);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await signIn(page, DEMO_OWNER);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Members' }).waitFor();
    const members = page.getByRole('table', { name: 'Members of your organisation' });
    await members.getByRole('rowheader', { name: /owner@demo\.resonance\.local/ }).waitFor();
    expect(await members.getByRole('rowheader', { name: DEMO_ANALYST.email }).count()).toBe(1);
    await screenshot(page, 'settings-members');

    // The last owner cannot be demoted: the server's message is shown.
    await members.getByLabel('Role of owner@demo.resonance.local').selectOption('manager');
    await page.getByRole('alert').filter({ hasText: /owner/i }).waitFor();
    expect(await members.getByLabel('Role of owner@demo.resonance.local').inputValue()).toBe('owner');

    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'API keys' }).click();
    await page.getByRole('heading', { level: 1, name: 'API keys' }).waitFor();
    await page.getByRole('textbox', { name: 'Name' }).fill('E2E website events');
    await page.getByRole('checkbox', { name: /^read:/ }).check();
    await page.getByRole('button', { name: 'Create key' }).click();

    const secretBox = page.getByLabel('API key', { exact: true });
    await secretBox.waitFor();
    const secret = await secretBox.inputValue();
    expect(secret.length).toBeGreaterThan(20);
    expect(await page.getByText('This is the only time the key is shown').count()).toBe(1);
    await page.getByRole('button', { name: 'Copy key' }).click();
    await page.getByRole('status').filter({ hasText: 'Copied to the clipboard.' }).waitFor();
    await screenshot(page, 'settings-api-key-created');

    const keys = page.getByRole('table', { name: 'API keys' });
    const row = keys.getByRole('row').filter({ hasText: 'E2E website events' });
    await row.waitFor();
    expect(await row.textContent()).toContain('ingest, read');
    expect(await row.textContent()).toContain('Active');
    const prefix = (await row.locator('code').textContent())?.replace('…', '') ?? '';
    expect(prefix.length).toBeGreaterThan(0);
    expect(secret.startsWith(prefix)).toBe(true);

    // Once dismissed, the secret is nowhere on the page.
    await page.getByRole('button', { name: 'I have stored the key' }).click();
    expect(await page.content()).not.toContain(secret);
    await screenshot(page, 'settings-api-keys');

    await row.getByRole('button', { name: 'Revoke E2E website events' }).click();
    await row.getByRole('button', { name: 'Yes, revoke' }).click();
    await page.getByRole('status').filter({ hasText: '“E2E website events” was revoked.' }).waitFor();
    await row.getByText('Revoked').waitFor();
    expect(await row.getByRole('button', { name: /Revoke/ }).count()).toBe(0);

    // The revoked key no longer authenticates.
    const res = await page.request.get('/api/v1/organization', { headers: { authorization: `Bearer ${secret}` } });
    expect(res.status()).toBe(401);

    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Privacy' }).click();
    await page.getByRole('heading', { level: 1, name: 'Privacy' }).waitFor();
    await page.getByLabel('Suppression threshold (people)').fill('5');
    await page.getByRole('button', { name: 'Save threshold' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /at least 11/ })
      .waitFor();
    await screenshot(page, 'settings-privacy');

    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    const audit = page.getByRole('table', { name: 'Audit events' });
    await audit.getByRole('row').filter({ hasText: 'Revoked an API key' }).first().waitFor();
    await audit.getByRole('row').filter({ hasText: 'Created an API key' }).first().waitFor();
    await screenshot(page, 'settings-audit');

    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    // Signed out for real: the session no longer opens the app.
    await page.goto('/settings/api-keys');
    await page.waitForURL((url) => url.pathname === '/login');

    // The 400 for the threshold of 5 is logged by the browser; nothing else may be.
    expect(consoleErrors.filter((e) => !/status of (400|409)/.test(e))).toEqual([]);
    await context.close();
  });
});
