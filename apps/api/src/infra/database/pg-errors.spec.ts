import { isUniqueViolation, violatedConstraint } from './pg-errors.js';

describe('violatedConstraint', () => {
  const known = ['uq_users_email', 'uq_segments_org_name'];

  it('names the constraint of a plain PostgreSQL error, also wrapped by TypeORM', () => {
    expect(violatedConstraint({ constraint: 'uq_users_email' }, known)).toBe('uq_users_email');
    expect(violatedConstraint({ driverError: { constraint: 'uq_segments_org_name' } }, known)).toBe(
      'uq_segments_org_name',
    );
  });

  it('drops the shard id a Citus shard adds to a known constraint, and only then', () => {
    expect(violatedConstraint({ driverError: { constraint: 'uq_users_email_102016' } }, known)).toBe('uq_users_email');
    expect(violatedConstraint({ constraint: 'uq_other_102016' }, known)).toBe('uq_other_102016');
  });

  it('is undefined when the error names no constraint', () => {
    expect(violatedConstraint(new Error('boom'), known)).toBeUndefined();
    expect(violatedConstraint(null, known)).toBeUndefined();
  });
});

describe('isUniqueViolation', () => {
  it('recognises SQLSTATE 23505, wrapped or not, and a Citus COPY duplicate re-raised as XX000; nothing else', () => {
    expect(isUniqueViolation({ code: '23505' })).toBe(true);
    expect(isUniqueViolation({ driverError: { code: '23505' } })).toBe(true);
    expect(
      isUniqueViolation({
        code: 'XX000',
        message: 'duplicate key value violates unique constraint "pk_events_102326"',
      }),
    ).toBe(true);
    expect(isUniqueViolation({ code: 'XX000', message: 'could not connect to server' })).toBe(false);
    expect(isUniqueViolation({ code: '23503', message: 'duplicate key value violates unique constraint "x"' })).toBe(
      false,
    );
    expect(isUniqueViolation(null)).toBe(false);
  });
});
