import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, newPage, screenshot } from './support/browser';
import { waitForDemoData } from './support/demo-data';
import { signIn } from './support/session';

/** A member added by the demo owner through the API, to sign in as in another context. */
async function addMember(page: Page, context: BrowserContext, role: 'manager' | 'viewer') {
  const csrf = (await context.cookies()).find((c) => c.name === 'resonance_csrf')?.value ?? '';
  const member = {
    email: `${role}-${randomBytes(4).toString('hex')}@demo.resonance.local`,
    password: `pw-${randomBytes(12).toString('hex')}`,
  };
  const res = await page.request.post('/api/v1/members', {
    headers: { 'x-csrf-token': csrf },
    data: { ...member, role },
  });
  if (res.status() !== 201) throw new Error(`adding a ${role} failed: ${res.status()} ${await res.text()}`);
  return member;
}

describe('annotations on time charts', () => {
  let browser: Browser;
  let manager: { email: string; password: string };
  let viewer: { email: string; password: string };

  beforeAll(async () => {
    ({ browser } = await launchBrowser());
    const { page, context } = await newPage(browser);
    await signIn(page);
    await waitForDemoData(page);
    manager = await addMember(page, context, 'manager');
    viewer = await addMember(page, context, 'viewer');
    await context.close();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('lets a manager add a note that shows on the overview trend and in the printable report', async () => {
    const { page, context, consoleErrors } = await newPage(browser);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await signIn(page, manager);
    await page.goto('/?range=awareness');
    const trend = page.getByRole('region', { name: /over time/ });
    await trend.getByTestId('trend-chart').locator('path.recharts-line-curve').first().waitFor();
    const notes = trend.getByRole('region', { name: 'Notes and observances on this chart' });
    // The calendar's observance is there without anyone adding it.
    await notes.getByRole('listitem').filter({ hasText: 'Mental Health Awareness Month' }).waitFor();

    await notes.getByRole('button', { name: 'Add a note' }).click();
    const form = notes.getByRole('form', { name: 'Add a note' });
    await form.getByLabel('Note').fill('Press coverage in The Guardian');
    await form.getByLabel('From').fill('2026-05-12');
    await form.getByRole('button', { name: 'Add note' }).click();
    const item = notes.getByRole('listitem').filter({ hasText: 'Press coverage in The Guardian' });
    await item.waitFor();
    expect(await item.textContent()).toContain('12 May 2026');
    // On the chart: a line with the note's name for assistive technology.
    await trend.locator('[aria-label*="Press coverage in The Guardian"]').first().waitFor({ state: 'attached' });
    expect(await trend.locator('.recharts-reference-line').count()).toBeGreaterThan(0);
    expect(await trend.locator('.recharts-reference-area').count()).toBeGreaterThan(0);
    await screenshot(page, 'annotations-overview');

    await page.goto('/report?range=awareness');
    const reportTrend = page.getByRole('region', { name: /over time/ });
    await reportTrend
      .getByRole('region', { name: 'Notes and observances on this chart' })
      .getByRole('listitem')
      .filter({ hasText: 'Press coverage in The Guardian' })
      .waitFor();
    await reportTrend.locator('[aria-label*="Press coverage in The Guardian"]').first().waitFor({ state: 'attached' });
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('shows a viewer the notes without a way to change them', async () => {
    const { page, context, consoleErrors } = await newPage(browser);
    await signIn(page, viewer);
    await page.goto('/?range=awareness');
    const notes = page
      .getByRole('region', { name: /over time/ })
      .getByRole('region', { name: 'Notes and observances on this chart' });
    await notes.getByRole('listitem').filter({ hasText: 'Press coverage in The Guardian' }).waitFor();
    expect(await notes.getByRole('button', { name: 'Add a note' }).count()).toBe(0);
    expect(await notes.getByRole('button', { name: /Edit note|Delete note/ }).count()).toBe(0);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it("shows a share link's viewer the notes of the shared period, read-only", async () => {
    const owner = await newPage(browser);
    await signIn(owner.page);
    const csrf = (await owner.context.cookies()).find((c) => c.name === 'resonance_csrf')?.value ?? '';
    const headers = { 'x-csrf-token': csrf };
    const view = await owner.page.request.post('/api/v1/saved-views', {
      headers,
      data: {
        name: `May with notes ${randomBytes(3).toString('hex')}`,
        page: 'overview',
        filters: {
          period: 'custom',
          from: '2026-05-01',
          to: '2026-05-31',
          campaignId: null,
          platform: null,
          segmentId: null,
          compare: 'none',
        },
      },
    });
    expect(view.status()).toBe(201);
    const link = await owner.page.request.post('/api/v1/share-links', {
      headers,
      data: { savedViewId: ((await view.json()) as { id: string }).id, expiresInDays: 1 },
    });
    expect(link.status()).toBe(201);
    const { path } = (await link.json()) as { path: string };
    await owner.context.close();

    const guest = await newPage(browser);
    await guest.page.goto(path);
    const notes = guest.page.getByRole('region', { name: 'Notes and observances on this chart' });
    await notes.getByRole('listitem').filter({ hasText: 'Press coverage in The Guardian' }).waitFor();
    await notes.getByRole('listitem').filter({ hasText: 'Mental Health Awareness Month' }).waitFor();
    expect(await notes.getByRole('button').count()).toBe(0);
    expect(guest.consoleErrors).toEqual([]);
    await guest.context.close();
  });
});
