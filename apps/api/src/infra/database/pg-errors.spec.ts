import { violatedConstraint } from './pg-errors.js';

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
