import type { Browser, Page } from 'playwright-core';
import path from 'node:path';
import { ARTIFACTS, launchBrowser, newPage, screenshot } from './support/browser';

/** The demo owner (apps/api/src/bootstrap/first-run.service.ts): owners may plan campaigns. */
const OWNER = { email: 'owner@demo.resonance.local', password: 'resonance-demo-owner' };

async function signIn(page: Page, next: string): Promise<void> {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Email').fill(OWNER.email);
  await page.getByLabel('Password').fill(OWNER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === next);
}

// CSRF_COOKIE and CSRF_HEADER of @resonance/contracts (the e2e project imports no workspace libs).
const CSRF_COOKIE = 'resonance_csrf';
const CSRF_HEADER = 'x-csrf-token';

/** Calls the API as the signed-in user (session cookie plus the CSRF header). */
async function api<T>(page: Page, method: 'POST' | 'PUT', path: string, data: unknown): Promise<T> {
  const csrf = (await page.context().cookies()).find((c) => c.name === CSRF_COOKIE)?.value ?? '';
  const res = await page.request.fetch(`/api/v1${path}`, { method, data, headers: { [CSRF_HEADER]: csrf } });
  if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

const HISTORY_NAME = 'Our Awareness Day (e2e history)';

/** 'YYYY-MM-DD' of a UTC date. */
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Two years of history for an observance of the organisation's own, created, planned and measured
 * through the API. Its day is 20 days ago, so both years fall inside the raw-event retention
 * period (400 days) that ingest enforces. A personal story on TikTok beats an article on Facebook
 * for 18–24s, the other way round for 35–44s, and both do better in the later year.
 */
async function seedHistory(page: Page): Promise<string> {
  const day = new Date(Date.now() - 20 * 86_400_000);
  if (day.getUTCMonth() === 1 && day.getUTCDate() === 29) day.setUTCDate(28);
  const observance = await api<{ id: string }>(page, 'POST', '/planning/observances', {
    slug: 'our-awareness-day-e2e',
    name: HISTORY_NAME,
    region: 'global',
    rule: { kind: 'fixed_day', month: day.getUTCMonth() + 1, day: day.getUTCDate() },
  });
  const creatives = [
    { key: 'story', name: "Sam's story", platform: 'tiktok', format: 'personal_story', theme: 'help-seeking' },
    { key: 'article', name: 'Talking to your GP', platform: 'facebook', format: 'article', theme: 'stigma' },
  ] as const;
  // [creative, age band, impressions, likes the earlier year, likes the later year]
  const cells = [
    ['story', '18-24', 4000, 240, 320],
    ['article', '18-24', 4000, 100, 120],
    ['story', '35-44', 3000, 60, 70],
    ['article', '35-44', 3000, 150, 160],
  ] as const;
  const later = day.getUTCFullYear();
  for (const year of [later - 1, later]) {
    const date = isoDay(new Date(Date.UTC(year, day.getUTCMonth(), day.getUTCDate())));
    const key = `e2e-history-${year}`;
    const campaign = await api<{ id: string }>(page, 'POST', `/planning/observances/${observance.id}/plan`, {
      year,
      name: `${HISTORY_NAME} ${year}`,
      key,
    });
    for (const creative of creatives) await api(page, 'POST', `/campaigns/${campaign.id}/creatives`, creative);
    const events = cells.flatMap(([creative, ageBand, impressions, likesBefore, likesLater]) => {
      const platform = creatives.find((c) => c.key === creative)?.platform ?? 'other';
      const base = { occurredAt: `${date}T12:00:00Z`, campaign: key, creative, platform, ageBand };
      const likes = year === later ? likesLater : likesBefore;
      return [
        { ...base, eventId: `${key}-${creative}-${ageBand}-imp`, type: 'impression', count: impressions },
        { ...base, eventId: `${key}-${creative}-${ageBand}-like`, type: 'like', count: likes },
      ];
    });
    const ingested = await api<{ accepted: number; errors: unknown[] }>(page, 'POST', '/events', events);
    expect(ingested).toMatchObject({ accepted: events.length, errors: [] });
  }
  // A campaign not linked to anything yet, for the link form.
  await api(page, 'POST', '/campaigns', {
    key: 'e2e-older-push',
    name: 'Older push (e2e)',
    startsOn: '2023-10-03',
    endsOn: '2023-10-12',
  });
  return observance.id;
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
    await page.getByLabel('Show observances for').selectOption('UK');
    await page.getByRole('status').filter({ hasText: 'observances shown for United Kingdom and global' }).waitFor();
    const regions = await page.getByRole('table').locator('tbody td:nth-child(4)').allTextContents();
    expect(regions.length).toBeGreaterThan(0);
    expect(regions.every((r) => r === 'Global' || r === 'United Kingdom')).toBe(true);
    await screenshot(page, 'planning-list-uk');
    await page.getByLabel('Show observances for').selectOption('');
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
    await page.getByTestId('planner-lift').filter({ hasText: '+20.0%' }).waitFor();
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
    consoleErrors.length = 0;

    // The link leads to the new campaign's own page.
    await created.getByRole('link').click();
    await page.waitForURL((url) => url.pathname === href);
    await page.getByRole('heading', { level: 1, name: `${nextName} (e2e)` }).waitFor();
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: nextName }).waitFor();

    // On a phone the pages reflow to one column.
    await page.setViewportSize({ width: 390, height: 844 });
    // Nothing in the page body is wider than the main area (the app's own header is the shell's concern).
    const overflow = () =>
      page.evaluate(() => {
        const main = document.querySelector('main');
        return main ? main.scrollWidth - main.clientWidth : 0;
      });
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.getByRole('heading', { name: 'Linked campaigns' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(ARTIFACTS, 'planning-observance-mobile.png') });
    await page
      .getByRole('region', { name: 'Test-size planner' })
      .screenshot({ path: path.join(ARTIFACTS, 'planning-planner-mobile.png') });
    await page.getByRole('link', { name: 'Planning', exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Planning' }).waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'planning-calendar-mobile.png') });
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('compares years and ranks what worked on two years of history for an observance', async () => {
    const { page, consoleErrors, context } = await newPage(browser);
    await signIn(page, '/');
    const observanceId = await seedHistory(page);
    consoleErrors.length = 0;
    await page.goto(`/planning/observances/${observanceId}`);
    await page.getByRole('heading', { level: 1, name: HISTORY_NAME }).waitFor();

    // Two years of linked campaigns: the chart draws bars, the table states each year's figures.
    const linked = page.getByRole('table', { name: 'Campaigns linked to this observance' });
    await linked.waitFor();
    expect(await linked.locator('tbody tr').count()).toBeGreaterThanOrEqual(2);
    const yoy = page.getByRole('region', { name: /Year over year/ });
    await yoy.locator('.recharts-bar-rectangle').first().waitFor();
    await yoy.screenshot({ path: path.join(ARTIFACTS, 'planning-yoy-chart.png') });
    // Hovering a year lists each segment's rate with its interval.
    await yoy.locator('.recharts-bar-rectangle').first().hover();
    await yoy.getByText(/Everyone: [\d.]+% \(95% interval: likely between [\d.]+% and [\d.]+%\)/).waitFor();
    await yoy.screenshot({ path: path.join(ARTIFACTS, 'planning-yoy-tooltip.png') });
    await yoy.getByRole('button', { name: 'Show as table' }).click();
    const figures = yoy.getByRole('table', { name: 'Engagement rate per year and segment' });
    await figures.waitFor();
    expect(await figures.textContent()).toMatch(/95% interval: likely between/);
    expect(await figures.textContent()).toMatch(/pts vs \d{4}/);

    // Gen Z: something is ranked first, with its rate, interval and sample size.
    const genZ = page.getByRole('article', { name: 'Gen Z 13–24' });
    await genZ
      .getByText(/^#1( · tied with #\d+)?$/)
      .first()
      .waitFor();
    expect(await genZ.textContent()).toMatch(/95% interval: likely between .*impressions/);
    await page
      .getByRole('region', { name: /What worked, per segment/ })
      .screenshot({ path: path.join(ARTIFACTS, 'planning-recommendations.png') });

    // Link an existing campaign (the year nearest its dates), then unlink it again.
    const linkedRows = linked.locator('tbody tr');
    const before = await linkedRows.count();
    const existing = page.getByLabel('Existing campaign', { exact: true });
    const option = existing.getByRole('option', { name: /^Older push \(e2e\) \(Oct 3\s*–\s*12, 2023\)$/ });
    await existing.selectOption((await option.getAttribute('value')) ?? '');
    await page.getByRole('button', { name: 'Link campaign' }).click();
    const row = linked.getByRole('row', { name: /Older push \(e2e\)/ });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/e2e-older-push20\d\d/);
    await row.getByRole('button', { name: 'Unlink Older push (e2e)' }).click();
    await row.getByRole('button', { name: 'Yes, unlink' }).click();
    await row.waitFor({ state: 'detached' });
    expect(await linkedRows.count()).toBe(before);

    // The newest year's rate can seed the planner: 670 / 14,000 = 4.79% for Everyone, as published
    // (cell-key perturbation moves each count by at most 5, so the rate stays within 4.7–4.9%).
    // Rates show three significant digits, so a perturbed 4.80% reads "4.8%".
    const useRate = page.getByRole('button', {
      name: /^Use the \d{4} rate for Everyone as the baseline: 4\.[789]\d?%$/,
    });
    const rate = /(\d+\.\d+)%$/.exec(
      (await useRate.getAttribute('aria-label')) ?? (await useRate.textContent()) ?? '',
    )?.[1];
    expect(rate).toMatch(/^4\.[789]\d?$/);
    await useRate.click();
    expect(await page.getByLabel('Baseline rate').inputValue()).toBe(rate);
    await page.getByText(`to detect ${rate}% →`).waitFor();
    await screenshot(page, 'planning-history');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it("adds an observance of the organisation's own, previews its dates and finds it in the calendar", async () => {
    const { page, consoleErrors, context } = await newPage(browser);
    await signIn(page, '/planning');
    consoleErrors.length = 0;
    await page.getByText('Add your own observance').click();
    const form = page.getByRole('form', { name: 'Add your own observance' });
    await form.getByLabel('Name', { exact: true }).fill('Our Helpline Week (e2e)');
    expect(await form.getByLabel('Short name (slug)').inputValue()).toBe('our-helpline-week-e2e');
    await form.getByLabel('Region').fill('UK');
    await form.getByLabel('Falls on').selectOption('nth_weekday');
    await form.getByLabel('Which').selectOption('2');
    await form.getByLabel('Weekday').selectOption('1');
    await form.getByLabel('Of month').selectOption('3');
    await form.getByLabel('Lasting (days)').fill('7');
    // Second Monday of March 2027 is 8 March; the week runs to 14 March.
    await form.getByText(/2027: Mar 8\s*–\s*14, 2027/).waitFor();
    await screenshot(page, 'planning-add-observance');
    await form.getByRole('button', { name: 'Add observance' }).click();
    await page.getByRole('heading', { level: 1, name: 'Our Helpline Week (e2e)' }).waitFor();
    expect(await page.getByText("Your organisation's own").count()).toBe(1);

    await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Planning' }).click();
    const march = page
      .getByRole('list', { name: 'Observances by month' })
      .locator(':scope > li')
      .filter({ hasText: 'March 2027' });
    const own = march.getByRole('link', { name: /Our Helpline Week \(e2e\)/ });
    await own.waitFor();

    // Delete it again: back to the calendar, without it.
    await own.click();
    await page.getByRole('button', { name: 'Delete observance' }).click();
    await page.getByRole('button', { name: 'Yes, delete' }).click();
    await page.getByRole('heading', { level: 1, name: 'Planning' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'observances shown' }).waitFor();
    expect(await page.getByRole('link', { name: /Our Helpline Week \(e2e\)/ }).count()).toBe(0);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
