import { Logger } from '@nestjs/common';
import pg from 'pg';

/** Seconds a client is asked to wait (Retry-After) while the database is unreachable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

// 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now, 53300 too many connections;
// class 08 = connection exceptions. Plus the socket errors of a server that went away.
const UNAVAILABLE_CODES = new Set(['57P01', '57P02', '57P03', '53300']);
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);
// node-postgres and pg-pool say these in words only.
const UNAVAILABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|is not queryable|Connection refused|the database system is (starting up|shutting down|in recovery mode)/i;

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  driverError?: unknown;
  cause?: unknown;
  errors?: unknown;
}

/**
 * Whether an error means "the database can't be reached right now" (restart, failover, a
 * terminated backend, a full pool) rather than "this request is wrong": the one place that
 * decides it, for the global filter (503 + Retry-After) and the background loops. TypeORM wraps
 * driver errors (driverError); Node wraps dual-stack connect errors (AggregateError.errors).
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 4) return false;
  const e = error as ErrorLike;
  if (typeof e.code === 'string' && (UNAVAILABLE_CODES.has(e.code) || SOCKET_CODES.has(e.code) || /^08/.test(e.code))) {
    return true;
  }
  if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message)) return true;
  if (isDatabaseUnavailable(e.driverError, depth + 1) || isDatabaseUnavailable(e.cause, depth + 1)) return true;
  return Array.isArray(e.errors) && e.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1));
}

/** Errors worth retrying the same statement for: a lost connection, a deadlock, a serialisation failure. */
export function isTransientDatabaseError(error: unknown): boolean {
  const code = (error as ErrorLike | null)?.code;
  return isDatabaseUnavailable(error) || code === '40P01' || code === '40001';
}

const logger = new Logger('DatabaseConnection');
let lastLoggedAt = 0;

/**
 * Every pooled connection, from the moment it exists. node-postgres emits 'error' on a client
 * whose server goes away while it is checked out and idle (pg-pool listens only while it sits in
 * the pool); with no listener that error kills the process. Whoever holds the client finds out
 * on its next query, which fails; the pool drops the broken client on release.
 */
export class ResilientPgClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    this.on('error', (error: Error) => {
      // One line per outage, not one per connection.
      if (Date.now() - lastLoggedAt < 10_000) return;
      lastLoggedAt = Date.now();
      logger.warn(`A database connection broke: ${error.message}`);
    });
  }
}
