import type { Page } from 'playwright-core';

/** Demo logins printed at first run (apps/api/src/bootstrap/first-run.service.ts). */
export const DEMO_OWNER = { email: 'owner@demo.resonance.local', password: 'resonance-demo-owner' };
export const DEMO_ANALYST = { email: 'analyst@demo.resonance.local', password: 'resonance-demo-analyst' };

/** Signs in through the login page and waits until the app has sent the browser on to `next`. */
export async function signIn(
  page: Page,
  user: { email: string; password: string } = DEMO_OWNER,
  next = '/',
): Promise<void> {
  await page.goto(next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByLabel('Password').press('Enter');
  await page.waitForURL((url) => `${url.pathname}${url.search}` === next);
  await page.getByRole('button', { name: 'Log out' }).waitFor();
}
