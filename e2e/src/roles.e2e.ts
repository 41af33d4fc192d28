import type { Browser } from 'playwright-core';
import { launchBrowser, newPage, screenshot } from './support/browser';
import { DEMO_ANALYST, DEMO_OWNER, signIn } from './support/session';

describe('pages by role', () => {
  let browser: Browser;
  let campaignId: string;
  let campaignName: string;
  let creativeId: string;

  beforeAll(async () => {
    ({ browser } = await launchBrowser());
    const { page, context } = await newPage(browser);
    await signIn(page, DEMO_OWNER);
    const campaigns = (await (await page.request.get('/api/v1/campaigns')).json()) as {
      items: { id: string; name: string; creativeCount: number }[];
    };
    // One with creatives: other tests add campaigns that have none.
    const campaign = campaigns.items.find((c) => c.creativeCount > 0)!;
    campaignId = campaign.id;
    campaignName = campaign.name;
    const creatives = (await (await page.request.get(`/api/v1/campaigns/${campaignId}/creatives`)).json()) as {
      items: { id: string }[];
    };
    creativeId = creatives.items[0]!.id;
    await context.close();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('shows an analyst who opens edit pages by URL the campaign read-only, with no form and no Delete', async () => {
    const { page, consoleErrors, context } = await newPage(browser);
    await signIn(page, DEMO_ANALYST);

    for (const url of [`/campaigns/${campaignId}/edit`, `/campaigns/${campaignId}/creatives/${creativeId}/edit`]) {
      await page.goto(url);
      await page.getByRole('heading', { level: 1, name: campaignName }).waitFor();
      await page.getByText('Read only.').waitFor();
      expect(await page.getByTestId('read-only-notice').textContent()).toContain(
        'As an Analyst you can see campaigns but not change them',
      );
      await page.getByRole('table', { name: `Creatives of ${campaignName}` }).waitFor();
      expect(await page.getByRole('button', { name: /Save/ }).count()).toBe(0);
      expect(await page.getByRole('button', { name: /Delete/ }).count()).toBe(0);
      expect(await page.getByRole('link', { name: 'Edit campaign' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Add creative' }).count()).toBe(0);
    }
    await screenshot(page, 'roles-analyst-campaign-edit');

    await page.goto('/campaigns/new');
    await page.getByRole('heading', { level: 1, name: 'New campaign' }).waitFor();
    await page.getByText('Read only.').waitFor();
    expect(await page.getByRole('button', { name: 'Create campaign' }).count()).toBe(0);

    await page.goto('/imports');
    await page.getByRole('heading', { level: 1, name: 'Imports' }).waitFor();
    await page.getByText('Read only.').waitFor();
    expect(await page.locator('input[type=file]').count()).toBe(0);

    // Analysts do build segments: the builder stays.
    await page.goto('/segments');
    await page.getByRole('heading', { level: 1, name: 'Segments' }).waitFor();
    await page.getByRole('button', { name: /Save segment/ }).waitFor();
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('shows download buttons to an analyst and none to a viewer (the API refuses viewers exports)', async () => {
    const owner = await newPage(browser);
    await signIn(owner.page, DEMO_OWNER);
    const csrf = (await owner.context.cookies()).find((c) => c.name === 'resonance_csrf')?.value ?? '';
    const viewer = { email: `viewer-${Date.now()}@example.org`, password: 'viewer-password-long-enough' };
    const created = await owner.page.request.post('/api/v1/members', {
      headers: { 'x-csrf-token': csrf },
      data: { ...viewer, role: 'viewer' },
    });
    expect(created.status()).toBe(201);
    await owner.context.close();

    const counts: Record<string, number[]> = {};
    for (const [role, user] of [
      ['analyst', DEMO_ANALYST],
      ['viewer', viewer],
    ] as const) {
      const { page, context, consoleErrors } = await newPage(browser);
      await signIn(page, user);
      await page.goto('/segments?range=awareness');
      await page.getByRole('heading', { level: 1, name: 'Segments' }).waitFor();
      // The segment report card holds both downloads; other cards' tables may render before it.
      await page.getByRole('table', { name: /^Segment report/ }).waitFor();
      counts[role] = [
        await page.getByRole('button', { name: 'Download CSV' }).count(),
        await page.getByRole('button', { name: 'Download XLSX' }).count(),
      ];
      expect(consoleErrors).toEqual([]);
      await context.close();
    }
    expect(counts['analyst']![0]).toBeGreaterThan(0);
    expect(counts['analyst']![1]).toBeGreaterThan(0);
    expect(counts['viewer']).toEqual([0, 0]);
  });

  it('gives an owner the edit form and Delete on the same URL', async () => {
    const { page, context } = await newPage(browser);
    await signIn(page, DEMO_OWNER);
    await page.goto(`/campaigns/${campaignId}/edit`);
    await page.getByRole('heading', { level: 1, name: `Edit ${campaignName}` }).waitFor();
    await page.getByRole('button', { name: 'Save changes' }).waitFor();
    await page
      .getByRole('button', { name: /Delete/ })
      .first()
      .waitFor();
    expect(await page.getByTestId('read-only-notice').count()).toBe(0);
    await context.close();
  });
});
