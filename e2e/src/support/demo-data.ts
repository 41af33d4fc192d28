import fs from 'node:fs';
import type { Page } from 'playwright-core';

/**
 * The demo's engagement events load in the background after first start: waits for the app's
 * "Demo data for …" log line, then for the figures to stop changing.
 */
export async function waitForDemoData(page: Page): Promise<void> {
  const log = process.env['E2E_APP_LOG'];
  for (let i = 0; i < 240 && log; i++) {
    if (fs.existsSync(log) && fs.readFileSync(log, 'utf8').includes('Demo data for')) break;
    await page.waitForTimeout(500);
  }
  const to = new Date().toISOString().slice(0, 10);
  const from = new Date(Date.now() - 760 * 86_400_000).toISOString().slice(0, 10);
  let last = -1;
  for (let i = 0; i < 60; i++) {
    const res = await page.request.get(`/api/v1/analytics/summary?from=${from}&to=${to}`);
    const body = (await res.json()) as { current?: { impressions?: unknown } };
    if (!res.ok()) throw new Error(`summary: ${res.status()} ${JSON.stringify(body)}`);
    const impressions = typeof body.current?.impressions === 'number' ? body.current.impressions : 0;
    if (impressions > 0 && impressions === last) return;
    last = impressions;
    await page.waitForTimeout(1000);
  }
  throw new Error('the demo data did not finish loading');
}
