import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scheduled digests of a saved view, and one delivery row per due occurrence: the unique
 * (org, schedule, due time) is what keeps a digest from going out twice across restarts.
 * The queue itself is pg-boss, in its own schema (created by pg-boss when mail is on).
 */
export class CreateDigests1764800000300 implements MigrationInterface {
  name = 'CreateDigests1764800000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "digest_schedules" (
        "org_id" uuid NOT NULL,
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "saved_view_id" uuid NOT NULL,
        "frequency" text NOT NULL,
        "recipients" text[] NOT NULL,
        "next_run_at" timestamptz NOT NULL,
        "created_by" uuid,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_digest_schedules" PRIMARY KEY ("org_id", "id"),
        CONSTRAINT "fk_digest_schedules_saved_view" FOREIGN KEY ("org_id", "saved_view_id")
          REFERENCES "saved_views" ("org_id", "id") ON DELETE CASCADE,
        CONSTRAINT "chk_digest_schedules_frequency" CHECK ("frequency" IN ('weekly', 'monthly'))
      )`);
    await q.query(`
      CREATE TABLE "digest_deliveries" (
        "org_id" uuid NOT NULL,
        "id" uuid NOT NULL,
        "schedule_id" uuid NOT NULL,
        "due_at" timestamptz NOT NULL,
        "status" text NOT NULL DEFAULT 'sending',
        "attempts" integer NOT NULL DEFAULT 0,
        "last_error" text,
        "sent_at" timestamptz,
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_digest_deliveries" PRIMARY KEY ("org_id", "id"),
        CONSTRAINT "fk_digest_deliveries_schedule" FOREIGN KEY ("org_id", "schedule_id")
          REFERENCES "digest_schedules" ("org_id", "id") ON DELETE CASCADE
      )`);
    await q.query(
      `CREATE UNIQUE INDEX "uq_digest_deliveries_org_schedule_due" ON "digest_deliveries" ("org_id", "schedule_id", "due_at")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "digest_deliveries"`);
    await q.query(`DROP TABLE "digest_schedules"`);
  }
}
