import { HttpException, HttpStatus, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../../infra/config/app-config.js';
import { normalizeIp } from '../auth/auth.decorator.js';
import type { AuthenticatedRequest } from '../auth/auth-context.js';
import { RATE_LIMIT, rateLimitBudgets, type RateLimitBudget, type RateLimitName } from './rate-limit.js';

interface Window {
  hits: number;
  endsAt: number;
}

const SWEEP_ABOVE = 10_000;

/**
 * Fixed-window rate limits for routes marked `@RateLimit(name)`, counted per API key when there
 * is one (this guard runs after the AccessGuard), else per client IP.
 *
 * Counters live in memory, per process: right for one api process; replicas behind a balancer
 * would each count separately. (Not @nestjs/throttler: that package is CommonJS and requires the
 * ESM-only @nestjs/common 12, which the ESM Jest runtime on Node 20 cannot load.)
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly windows = new Map<string, Window>();
  private readonly budgets: Record<RateLimitName, RateLimitBudget>;

  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.budgets = rateLimitBudgets(config);
  }

  canActivate(ctx: ExecutionContext): boolean {
    const name = this.reflector.getAllAndOverride<RateLimitName | undefined>(RATE_LIMIT, [
      ctx.getHandler(),
      ctx.getClass(),
    ]);
    if (!name) return true;
    const budget = this.budgets[name];
    const req = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
    const res = ctx.switchToHttp().getResponse<Response>();
    const caller = req.auth?.apiKeyId ? `key:${req.auth.apiKeyId}` : `ip:${normalizeIp(req.ip) ?? 'unknown'}`;
    const key = `${name}:${ctx.getClass().name}.${ctx.getHandler().name}:${caller}`;

    const now = Date.now();
    if (this.windows.size > SWEEP_ABOVE) this.sweep(now);
    let window = this.windows.get(key);
    if (!window || window.endsAt <= now) {
      window = { hits: 0, endsAt: now + budget.windowMs };
      this.windows.set(key, window);
    }
    window.hits += 1;
    res.setHeader('X-RateLimit-Limit', String(budget.limit));
    res.setHeader('X-RateLimit-Remaining', String(Math.max(0, budget.limit - window.hits)));
    if (window.hits > budget.limit) {
      const seconds = Math.max(1, Math.ceil((window.endsAt - now) / 1000));
      res.setHeader('Retry-After', String(seconds));
      throw new HttpException(
        {
          code: 'too_many_requests',
          message: `Too many requests: the limit is ${budget.limit} per ${budget.windowMs / 1000} seconds; try again in ${seconds} seconds.`,
          details: { limit: budget.limit, windowSeconds: budget.windowMs / 1000, retryAfterSeconds: seconds },
        },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    return true;
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) if (window.endsAt <= now) this.windows.delete(key);
  }
}
