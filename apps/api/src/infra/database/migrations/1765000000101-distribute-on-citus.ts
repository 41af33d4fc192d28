import type { MigrationInterface, QueryRunner } from 'typeorm';
import { distributeOnCitus, undistributeOnCitus } from '../citus-distribution.js';

/**
 * On a Citus cluster, distributes every table by org_id (co-located) or as a reference table; a
 * no-op on one PostgreSQL (no `citus` extension). The rule and the order: citus-distribution.ts.
 * A later migration that creates a table calls distributeOnCitus(q) again after creating it.
 */
export class DistributeOnCitus1765000000101 implements MigrationInterface {
  name = 'DistributeOnCitus1765000000101';

  async up(q: QueryRunner): Promise<void> {
    await distributeOnCitus(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await undistributeOnCitus(q);
  }
}
