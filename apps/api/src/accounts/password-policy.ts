import { PASSWORD_MIN_LENGTH } from '@resonance/contracts';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';
import { AccountsError } from './accounts.errors.js';

/** zxcvbn's scale: 3 = "safely unguessable: moderate protection from offline slow-hash attacks". */
export const MIN_PASSWORD_SCORE = 3;

const ADVICE = 'Use a passphrase of three or four unrelated words, or let a password manager make one.';

let checker: ZxcvbnFactory | null = null;
function zxcvbn(): ZxcvbnFactory {
  checker ??= new ZxcvbnFactory({
    translations: english.translations,
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...english.dictionary },
    // zxcvbn runs on the event loop: the defaults (256 characters, 100 l33t substitutions) took
    // seconds for a 27-character hex password; these keep a check in the tens of milliseconds.
    maxLength: 64,
    l33tMaxSubstitutions: 4,
  });
  return checker;
}

function weak(message: string, extra: Record<string, unknown> = {}): AccountsError {
  return new AccountsError('weak_password', message, { field: 'password', ...extra });
}

/**
 * Refuses a password that is easy to guess (zxcvbn: dictionary words, common passwords, repeats,
 * keyboard walks, dates), or that is or contains the account's email or name. Length alone
 * let through twelve spaces and `password1234`.
 */
export async function assertStrongPassword(params: {
  password: string;
  email: string;
  names?: readonly string[];
}): Promise<void> {
  const { password } = params;
  const lower = password.toLowerCase();
  const email = params.email.trim().toLowerCase();
  const localPart = email.split('@')[0] ?? '';
  const personal = [email, localPart, ...(params.names ?? []).map((n) => n.trim().toLowerCase())].filter(
    (value) => value.length >= 4,
  );
  if (personal.some((value) => lower.includes(value))) {
    throw weak(
      `password must not be or contain your email address or name: someone who knows you would try it first. ${ADVICE}`,
    );
  }
  if (password.trim().length < PASSWORD_MIN_LENGTH) {
    throw weak(
      `password must be at least ${PASSWORD_MIN_LENGTH} characters, not counting spaces at the ends. ${ADVICE}`,
    );
  }
  const result = await zxcvbn().check(password, personal);
  if (result.score < MIN_PASSWORD_SCORE) {
    const warning = result.feedback.warning ? `${result.feedback.warning} ` : '';
    throw weak(`password is too easy to guess. ${warning}${ADVICE}`, {
      score: result.score,
      minScore: MIN_PASSWORD_SCORE,
      suggestions: result.feedback.suggestions,
    });
  }
}
