/** PostgreSQL error codes the app reacts to (https://www.postgresql.org/docs/current/errcodes-appendix.html). */
const UNIQUE_VIOLATION = '23505';

/** The SQLSTATE of a pg error, also when TypeORM wrapped it (QueryFailedError.driverError). */
export function sqlState(error: unknown): string | undefined {
  const err = error as { code?: unknown; driverError?: { code?: unknown } } | null | undefined;
  const code = typeof err?.code === 'string' ? err.code : err?.driverError?.code;
  return typeof code === 'string' ? code : undefined;
}

/** unique_violation: a duplicate key, answered as a 409 by the features that insert. */
export function isUniqueViolation(error: unknown): boolean {
  return sqlState(error) === UNIQUE_VIOLATION;
}
