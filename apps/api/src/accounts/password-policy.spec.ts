import { assertStrongPassword } from './password-policy.js';

const email = 'jane.doe@example.org';

describe('assertStrongPassword', () => {
  it.each([
    ['twelve spaces', ' '.repeat(12), /at least 12 characters/],
    ['one letter repeated', 'aaaaaaaaaaaa', /too easy to guess\. Repeated characters/],
    ['a common password with digits', 'password1234', /too easy to guess/],
    ['a keyboard walk', 'qwertyuiop12', /too easy to guess/],
    ['the email itself', email, /must not be or contain your email address or name/],
    ['the email in other case', 'JANE.DOE@example.org!', /must not be or contain your email/],
    ['the name', 'Mindful Futures 2026', /must not be or contain your email address or name/],
  ])('refuses %s, saying why and what to do', async (_, password, reason) => {
    const error = assertStrongPassword({ password, email, names: ['Mindful Futures'] });
    await expect(error).rejects.toMatchObject({
      code: 'weak_password',
      status: 400,
      message: expect.stringMatching(reason),
      details: expect.objectContaining({ field: 'password' }),
    });
    await expect(error).rejects.toMatchObject({ message: expect.stringContaining('passphrase') });
  });

  it.each(['correct horse battery staple', 'violet-tractor-lantern-91', 'long enough password'])(
    'accepts %s',
    async (password) => {
      await expect(assertStrongPassword({ password, email })).resolves.toBeUndefined();
    },
  );
});
