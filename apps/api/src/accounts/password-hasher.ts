import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Injectable } from '@nestjs/common';
import argon2 from 'argon2';
import { AccountsError } from './accounts.errors.js';
import { ConcurrencyLimiter } from './concurrency-limiter.js';

/**
 * argon2 runs at once (half the cores): each takes 64 MiB and ~100 ms of CPU, so a burst of
 * sign-ins would otherwise take every core (and the memory) from the rest of the server.
 */
export const ARGON2_CONCURRENCY = Math.max(1, Math.min(4, Math.floor(availableParallelism() / 2)));
/** Waiting argon2 runs; past this a request is answered 503 at once instead of queueing for seconds. */
export const ARGON2_MAX_QUEUED = 32;

/** argon2id with the library's defaults (64 MiB, 3 passes): slow on purpose for guessable secrets. */
@Injectable()
export class PasswordHasher {
  private dummyHash: Promise<string> | null = null;
  private readonly limiter = new ConcurrencyLimiter(ARGON2_CONCURRENCY, ARGON2_MAX_QUEUED);

  private async limited<T>(task: () => Promise<T>): Promise<T> {
    const result = await this.limiter.run(task);
    if (!result) {
      throw new AccountsError(
        'password_check_busy',
        'The server is busy checking other passwords; try again in a few seconds.',
        { retryAfterSeconds: 5 },
      );
    }
    return result.value;
  }

  hash(password: string): Promise<string> {
    return this.limited(() => argon2.hash(password, { type: argon2.argon2id }));
  }

  verify(hash: string, password: string): Promise<boolean> {
    return this.limited(() => argon2.verify(hash, password).catch(() => false));
  }

  /** Spends the same time as a real check, so an unknown email cannot be told apart by timing. */
  async verifyAgainstDummy(password: string): Promise<void> {
    // Made once, outside the limiter, so a busy moment cannot cache a rejection.
    this.dummyHash ??= argon2.hash(randomBytes(24).toString('base64url'), { type: argon2.argon2id });
    await this.verify(await this.dummyHash, password);
  }
}
