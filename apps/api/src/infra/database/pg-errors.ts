/** PostgreSQL error codes the app reacts to (https://www.postgresql.org/docs/current/errcodes-appendix.html). */
const UNIQUE_VIOLATION = '23505';
const INTERNAL_ERROR = 'XX000';

/** The SQLSTATE of a pg error, also when TypeORM wrapped it (QueryFailedError.driverError). */
export function sqlState(error: unknown): string | undefined {
  const err = error as { code?: unknown; driverError?: { code?: unknown } } | null | undefined;
  const code = typeof err?.code === 'string' ? err.code : err?.driverError?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * unique_violation: a duplicate key, answered as a 409 by the features that insert — also from a COPY
 * into a Citus distributed table, whose coordinator re-raises the shard's duplicate-key error as an
 * internal error (XX000) with the shard's message (measured with Citus 13.2).
 */
export function isUniqueViolation(error: unknown): boolean {
  const state = sqlState(error);
  if (state === UNIQUE_VIOLATION) return true;
  const message = (error as { message?: unknown } | null | undefined)?.message;
  return (
    state === INTERNAL_ERROR &&
    typeof message === 'string' &&
    message.startsWith('duplicate key value violates unique constraint')
  );
}

/**
 * The constraint a pg error names, as the migration named it. On a Citus cluster the error comes from
 * a shard, whose constraints carry the shard id (`uq_users_email_102016`): that suffix is removed when
 * the name without it is one of `known`.
 */
export function violatedConstraint(error: unknown, known: readonly string[]): string | undefined {
  const err = error as { constraint?: unknown; driverError?: { constraint?: unknown } } | null | undefined;
  const name = typeof err?.constraint === 'string' ? err.constraint : err?.driverError?.constraint;
  if (typeof name !== 'string') return undefined;
  if (known.includes(name)) return name;
  const unsharded = name.replace(/_\d+$/, '');
  return known.includes(unsharded) ? unsharded : name;
}
