import type { MigrationInterface, QueryRunner } from 'typeorm';
import { distributeOnCitus } from '../citus-distribution.js';

/**
 * On a Citus cluster, `events_packed` (migration 1765000000600) was left on the coordinator: created with
 * its foreign key to the reference table `organizations`, Citus made a local table of it at once, and the
 * distribution saw a table it already knew. Reads joining it with `events` failed ("non-colocated
 * distributed tables"). `distributeOnCitus` now places such tables like the others; called again here, it
 * distributes `events_packed` by organisation, co-located with `events`. Nothing happens without Citus.
 */
export class DistributePackedEvents1765000000610 implements MigrationInterface {
  name = 'DistributePackedEvents1765000000610';

  async up(q: QueryRunner): Promise<void> {
    await distributeOnCitus(q);
  }

  /** Nothing to undo: the distribution of every table is reverted with migration 1765000000101. */
  async down(): Promise<void> {}
}
