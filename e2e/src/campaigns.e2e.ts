import type { Browser } from 'playwright-core';
import { launchBrowser, newPage, screenshot } from './support/browser';
import { DEMO_OWNER, signIn } from './support/session';

describe('campaigns', () => {
  let browser: Browser;

  beforeAll(async () => {
    ({ browser } = await launchBrowser());
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('creates a campaign and a creative, flags a creative registered from events and fills in its details', async () => {
    const { page, consoleErrors, context } = await newPage(browser);
    await signIn(page, DEMO_OWNER);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Campaigns' }).click();
    await page.getByRole('heading', { level: 1, name: 'Campaigns' }).waitFor();
    await page.getByRole('table', { name: 'Campaigns' }).waitFor();
    await screenshot(page, 'campaigns');

    await page.getByRole('link', { name: 'New campaign' }).click();
    await page.getByRole('heading', { level: 1, name: 'New campaign' }).waitFor();
    await page.getByLabel('Name').fill('E2E Talk Week');
    await page.getByLabel('Key', { exact: true }).fill('e2e-talk-week');
    await page.getByLabel('Objective').fill('Get young people to reach out');
    await page.getByLabel('Starts on').fill('2026-10-05');
    await page.getByLabel('Ends on').fill('2026-10-11');
    await page.getByLabel('Tags').fill('youth, peer support');
    await page.getByRole('button', { name: 'Create campaign' }).click();
    await page.getByRole('heading', { level: 1, name: 'E2E Talk Week' }).waitFor();
    const campaignUrl = new URL(page.url()).pathname;

    await page.getByRole('button', { name: 'Add creative' }).click();
    const form = page.getByRole('form', { name: 'Add a creative' });
    await form.getByLabel('Name').fill('Talking helps — 15 s');
    await form.getByLabel('Key', { exact: true }).fill('talking-helps');
    await form.getByLabel('Platform', { exact: true }).selectOption('tiktok');
    await form.getByLabel('Format').selectOption('short_video');
    await form.getByLabel('Theme').fill('reaching out');
    await form.getByRole('button', { name: 'Add creative' }).click();
    const creatives = page.getByRole('table', { name: 'Creatives of E2E Talk Week' });
    await creatives.getByRole('row').filter({ hasText: 'Talking helps — 15 s' }).getByText('Complete').waitFor();

    // An event naming an unknown creative key registers it, flagged for its details.
    const csrf = (await context.cookies()).find((c) => c.name === 'resonance_csrf')?.value ?? '';
    const created = await page.request.post('/api/v1/api-keys', {
      headers: { 'x-csrf-token': csrf },
      data: { name: 'E2E ingest', scopes: ['ingest'] },
    });
    expect(created.status()).toBe(201);
    const { key } = (await created.json()) as { key: string };
    const ingest = await page.request.post('/api/v1/events', {
      headers: { authorization: `Bearer ${key}` },
      data: [
        {
          eventId: 'e2e-1',
          occurredAt: '2026-10-06T10:00:00Z',
          campaign: 'e2e-talk-week',
          creative: 'story-ad-7',
          platform: 'instagram',
          type: 'impression',
        },
      ],
    });
    expect(ingest.status()).toBeLessThan(300);

    await page.reload();
    const flagged = creatives.getByRole('row').filter({ hasText: 'story-ad-7' });
    await flagged.getByText('Needs details').waitFor();
    await page.getByText(/1 creative was registered automatically/).waitFor();
    await screenshot(page, 'campaign');
    // Usable on a tablet: the same page at iPad Air width.
    await page.setViewportSize({ width: 820, height: 1180 });
    await screenshot(page, 'campaign-tablet');
    await page.setViewportSize({ width: 1366, height: 900 });

    await flagged.getByRole('link', { name: /^Edit / }).click();
    await page.getByRole('heading', { level: 1, name: /Add details/ }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Story ad 7: “I called”');
    await page.getByLabel('Format').selectOption('personal_story');
    await screenshot(page, 'creative-edit');
    await page.getByRole('button', { name: 'Save details' }).click();
    await page.waitForURL((url) => url.pathname === campaignUrl);
    await creatives.getByRole('row').filter({ hasText: 'Story ad 7: “I called”' }).getByText('Complete').waitFor();
    expect(await page.getByText(/registered automatically/).count()).toBe(0);

    // Deleting a campaign with figures asks a second time, then removes it from the list.
    await page.getByRole('link', { name: 'Edit campaign' }).click();
    await page.getByRole('heading', { level: 1, name: 'Edit E2E Talk Week' }).waitFor();
    await page.getByRole('button', { name: 'Delete campaign' }).click();
    await page.getByRole('button', { name: 'Yes, delete' }).click();
    await page.getByText('This campaign has recorded figures').waitFor();
    await screenshot(page, 'campaign-delete');
    await page.getByRole('button', { name: 'Delete campaign and its figures' }).click();
    await page.getByRole('button', { name: 'Yes, delete everything' }).click();
    await page.waitForURL((url) => url.pathname === '/campaigns');
    await page.getByRole('table', { name: 'Campaigns' }).waitFor();
    expect(await page.getByRole('link', { name: 'E2E Talk Week' }).count()).toBe(0);

    // The 409 (figures exist) is logged by the browser itself; nothing else may be.
    expect(consoleErrors.filter((e) => !/status of 409/.test(e))).toEqual([]);
    await context.close();
  });
});
