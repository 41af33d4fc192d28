import type { Browser } from 'playwright-core';
import { launchBrowser, newPage, screenshot } from './support/browser';
import { DEMO_OWNER, signIn } from './support/session';

describe('passwords', () => {
  let browser: Browser;

  beforeAll(async () => {
    ({ browser } = await launchBrowser());
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('an owner makes a reset link for a member, who sets a new password with it and then changes it', async () => {
    const email = `reset-${Date.now()}@demo.resonance.local`;
    const owner = await newPage(browser);
    await signIn(owner.page, DEMO_OWNER, '/settings/members');
    await owner.page.getByRole('heading', { level: 1, name: 'Members' }).waitFor();

    // A weak first password is refused with the reason.
    await owner.page.getByRole('textbox', { name: 'Email' }).fill(email);
    await owner.page.getByLabel('First password').fill('password1234');
    await owner.page.getByRole('button', { name: 'Add member' }).click();
    await owner.page.getByRole('alert').filter({ hasText: 'too easy to guess' }).waitFor();
    await owner.page.getByLabel('First password').fill('first lantern violet 12');
    await owner.page.getByRole('button', { name: 'Add member' }).click();
    await owner.page
      .getByRole('status')
      .filter({ hasText: `${email} was added` })
      .waitFor();

    await owner.page.getByRole('button', { name: `Make a password reset link for ${email}` }).click();
    const linkBox = owner.page.getByRole('textbox', { name: `Reset link for ${email}` });
    await linkBox.waitFor();
    const link = await linkBox.inputValue();
    expect(link).toMatch(/\/reset-password\?token=[\w-]{20,}$/);
    await screenshot(owner.page, 'settings-members-reset-link');
    await owner.context.close();

    const member = await newPage(browser);
    await member.page.goto(new URL(link).pathname + new URL(link).search);
    await member.page.getByRole('heading', { level: 1, name: 'Set a new password' }).waitFor();
    await member.page.getByLabel('New password', { exact: true }).fill('tractor meadow copper 58');
    await member.page.getByLabel('New password again').fill('tractor meadow copper 58');
    await member.page.getByRole('button', { name: 'Set new password' }).click();
    await member.page.getByRole('status').filter({ hasText: 'Your new password is set' }).waitFor();
    await screenshot(member.page, 'reset-password-done');

    await signIn(member.page, { email, password: 'tractor meadow copper 58' }, '/settings/account');
    await member.page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    await member.page.getByLabel('Current password').fill('tractor meadow copper 58');
    await member.page.getByLabel('New password', { exact: true }).fill('harbour quiet pepper 31');
    await member.page.getByLabel('New password again').fill('harbour quiet pepper 31');
    await member.page.getByRole('button', { name: 'Change password' }).click();
    await member.page.getByRole('status').filter({ hasText: 'Your password was changed' }).waitFor();
    await screenshot(member.page, 'settings-account-password-changed');
    expect(member.consoleErrors.filter((e) => !/40\d/.test(e))).toEqual([]);
    await member.context.close();
  });
});
