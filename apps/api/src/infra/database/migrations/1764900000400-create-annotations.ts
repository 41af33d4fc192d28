import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Users' notes on a date or a date range ("press coverage", "paid boost started"), optionally tied
 * to one campaign (deleted with it). Observance windows are not stored: they come from the calendar.
 */
export class CreateAnnotations1764900000400 implements MigrationInterface {
  name = 'CreateAnnotations1764900000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "annotations" (
        "org_id" uuid NOT NULL,
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "starts_on" date NOT NULL,
        "ends_on" date NOT NULL,
        "text" text NOT NULL,
        "campaign_id" uuid,
        "created_by" uuid,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_annotations" PRIMARY KEY ("org_id", "id"),
        CONSTRAINT "chk_annotations_range" CHECK ("ends_on" >= "starts_on"),
        CONSTRAINT "fk_annotations_organization" FOREIGN KEY ("org_id") REFERENCES "organizations" ("id") ON DELETE CASCADE,
        CONSTRAINT "fk_annotations_campaign" FOREIGN KEY ("org_id", "campaign_id")
          REFERENCES "campaigns" ("org_id", "id") ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX "ix_annotations_org_dates" ON "annotations" ("org_id", "starts_on", "ends_on")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "annotations"`);
  }
}
