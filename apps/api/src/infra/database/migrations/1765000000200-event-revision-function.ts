import type { MigrationInterface, QueryRunner } from 'typeorm';
// The function body is the writer's revision statement itself, imported rather than copied (one
// definition; event-writer.integration-spec checks the stored copy).
// eslint-disable-next-line no-restricted-imports
import { REVISE_COUNTS_FUNCTION, reviseCountsFunctionDdl } from '../../../warehouse/events/event-writer.js';
import { distributeFunctionOnCitus } from '../citus-distribution.js';

/**
 * The revision of stored event counts (an import whose figures replace earlier ones) as the database
 * function `revise_event_counts`, built from the writer's template (event-writer.ts). On a Citus cluster
 * it is distributed by the organisation id, co-located with `events`, so an import's revision is one
 * call run on the organisation's worker, like the batch write functions (1765000000150). The down
 * drops it (the writer of this version then has nothing to call).
 */
export class EventRevisionFunction1765000000200 implements MigrationInterface {
  name = 'EventRevisionFunction1765000000200';

  async up(q: QueryRunner): Promise<void> {
    const fn = REVISE_COUNTS_FUNCTION;
    await q.query(reviseCountsFunctionDdl());
    await distributeFunctionOnCitus(q, `${fn.name}(${fn.arguments})`, '$1', 'events');
  }

  async down(q: QueryRunner): Promise<void> {
    const fn = REVISE_COUNTS_FUNCTION;
    await q.query(`DROP FUNCTION IF EXISTS ${fn.name}(${fn.arguments})`);
  }
}
