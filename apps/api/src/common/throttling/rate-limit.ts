import { SetMetadata } from '@nestjs/common';
import type { AppConfig } from '../../infra/config/app-config.js';

export const RATE_LIMIT = 'resonance:rateLimit';

/** Named request budgets. Only routes marked with `@RateLimit(name)` spend from one. */
export type RateLimitName = 'auth' | 'ingest';

export interface RateLimitBudget {
  /** Requests allowed per window, per caller (API key, else client IP). */
  limit: number;
  windowMs: number;
}

/** Applies a named budget to a route or controller: 429 with Retry-After once it is spent. */
export const RateLimit = (name: RateLimitName): MethodDecorator & ClassDecorator => SetMetadata(RATE_LIMIT, name);

const MINUTE_MS = 60_000;

/** Ingest: per API key (per IP for sessions), generous enough for batch senders. */
export const INGEST_THROTTLE: RateLimitBudget = { limit: 600, windowMs: MINUTE_MS };

export function rateLimitBudgets(config: AppConfig): Record<RateLimitName, RateLimitBudget> {
  return {
    auth: { limit: config.authRateLimitPerMinute, windowMs: MINUTE_MS },
    ingest: INGEST_THROTTLE,
  };
}
