import type { Browser, Page } from 'playwright-core';
import { baseUrl, launchBrowser } from './support/browser';
import { DEMO_OWNER, signIn } from './support/session';

interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  nodes: { target: string[] }[];
}

/** The page once its data has loaded (no "Loading…" status left). */
async function settled(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.waitForLoadState('networkidle');
  await page
    .getByRole('status')
    .filter({ hasText: /^Loading/ })
    .first()
    .waitFor({ state: 'detached', timeout: 15_000 })
    .catch(() => undefined);
}

/** axe-core's run on the page: findings moderate and worse, and the rules that passed (WCAG A/AA and best practices). */
async function axeRun(
  page: Page,
): Promise<{ findings: { rule: string; impact: string | null; targets: string[] }[]; passed: string[] }> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const result = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: Document) => Promise<{ violations: unknown[]; passes: { id: string }[] }> };
      }
    ).axe;
    const { violations, passes } = await axe.run(document);
    return { violations, passed: passes.map((p) => p.id) };
  });
  const findings = (result.violations as AxeViolation[])
    .filter((v) => v.impact !== 'minor' && v.impact !== null)
    .map((v) => ({ rule: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) }));
  return { findings, passed: result.passed };
}

describe('accessibility (axe-core)', () => {
  let browser: Browser;

  beforeAll(async () => {
    ({ browser } = await launchBrowser());
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('finds nothing moderate or worse on the overview, report, insights, segments and an observance', async () => {
    // The app's Content-Security-Policy (script-src 'self') would refuse the injected axe script.
    const context = await browser.newContext({
      baseURL: baseUrl(),
      viewport: { width: 1440, height: 900 },
      bypassCSP: true,
    });
    const page = await context.newPage();
    await signIn(page, DEMO_OWNER);
    const observances = (await (await page.request.get('/api/v1/planning/observances/upcoming')).json()) as {
      items: { id: string }[];
    };
    const observance = `/planning/observances/${observances.items[0]!.id}`;
    const findings: Record<string, unknown[]> = {};
    const passed: Record<string, string[]> = {};
    for (const url of ['/', '/report', '/insights', '/segments', observance]) {
      await page.goto(url);
      await settled(page);
      ({ findings: findings[url], passed: passed[url] } = await axeRun(page));
      if (findings[url]!.length > 0) console.warn(url, JSON.stringify(findings[url], null, 1));
    }
    // Heading order (overview, report, observance) and duplicate landmarks (insights) were the findings.
    expect(findings).toEqual(Object.fromEntries(Object.keys(findings).map((url) => [url, []])));
    // …and the rules behind them were checked (not skipped as inapplicable).
    for (const url of ['/', '/report', observance]) expect(passed[url]).toContain('heading-order');
    expect(passed['/insights']).toEqual(expect.arrayContaining(['landmark-unique', 'landmark-no-duplicate-main']));
    await context.close();
  }, 240_000);
});
