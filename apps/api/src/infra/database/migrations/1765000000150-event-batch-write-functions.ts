import type { MigrationInterface, QueryRunner } from 'typeorm';
// The function bodies are the writer's statement itself, so they are imported from it rather than
// copied into the migration (one definition; event-writer.integration-spec checks the stored copy).
// eslint-disable-next-line no-restricted-imports
import {
  WRITE_BATCH_ARGUMENTS,
  WRITE_BATCH_FUNCTIONS,
  writeBatchFunctionDdl,
} from '../../../warehouse/events/event-writer.js';
import { distributeFunctionOnCitus } from '../citus-distribution.js';

/**
 * The per-batch ingest statement as database functions (`write_event_batch`, `write_new_event_batch`),
 * built from the writer's own template (event-writer.ts; its spec checks the stored bodies still match).
 * On a Citus cluster they are distributed by the organisation id, co-located with `events`, so one
 * organisation's batch is one call run on that organisation's worker; on one PostgreSQL they are simply
 * called. The down drops them (the writer of this version then has nothing to call).
 */
export class EventBatchWriteFunctions1765000000150 implements MigrationInterface {
  name = 'EventBatchWriteFunctions1765000000150';

  async up(q: QueryRunner): Promise<void> {
    for (const fn of WRITE_BATCH_FUNCTIONS) {
      await q.query(writeBatchFunctionDdl(fn));
      await distributeFunctionOnCitus(q, `${fn.name}(${WRITE_BATCH_ARGUMENTS})`, '$1', 'events');
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const fn of WRITE_BATCH_FUNCTIONS) {
      await q.query(`DROP FUNCTION IF EXISTS ${fn.name}(${WRITE_BATCH_ARGUMENTS})`);
    }
  }
}
