import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Awareness observances.
 * - observance_catalogue: the seeded calendar every organisation shares. Not a tenant table (no
 *   org_id); with Citus it is a reference table (copied to every node). Rows are upserted at boot
 *   from OBSERVANCE_CATALOGUE in @resonance/analytics (planning/catalogue-seeder.ts), with ids
 *   derived from the slug so they are the same on every installation.
 * - observances: an organisation's own observances (tenant table, leads with org_id).
 * - campaigns.observance_id / observance_year: the observance a campaign is for and which year's
 *   occurrence. observance_id points at either table, so there is no foreign key; the planning
 *   service checks it on every link and refuses to delete an observance that campaigns use.
 */
export class CreateObservances1764600000000 implements MigrationInterface {
  name = 'CreateObservances1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "observance_catalogue" (
        "id" uuid NOT NULL,
        "slug" text NOT NULL,
        "name" text NOT NULL,
        "region" text NOT NULL,
        "rule" jsonb NOT NULL,
        "organiser" text,
        "url" text,
        "description" text,
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_observance_catalogue" PRIMARY KEY ("id")
      )`);
    await q.query(`CREATE UNIQUE INDEX "uq_observance_catalogue_slug" ON "observance_catalogue" ("slug")`);
    await q.query(`
      CREATE TABLE "observances" (
        "org_id" uuid NOT NULL,
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "slug" text NOT NULL,
        "name" text NOT NULL,
        "region" text NOT NULL,
        "rule" jsonb NOT NULL,
        "organiser" text,
        "url" text,
        "description" text,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_observances" PRIMARY KEY ("org_id", "id"),
        CONSTRAINT "fk_observances_org" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE
      )`);
    await q.query(`CREATE UNIQUE INDEX "uq_observances_org_slug" ON "observances" ("org_id", "slug")`);
    await q.query(`ALTER TABLE "campaigns" ADD "observance_id" uuid`);
    await q.query(`ALTER TABLE "campaigns" ADD "observance_year" integer`);
    await q.query(`CREATE INDEX "ix_campaigns_org_observance" ON "campaigns" ("org_id", "observance_id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_campaigns_org_observance"`);
    await q.query(`ALTER TABLE "campaigns" DROP COLUMN "observance_year"`);
    await q.query(`ALTER TABLE "campaigns" DROP COLUMN "observance_id"`);
    await q.query(`DROP TABLE "observances"`);
    await q.query(`DROP TABLE "observance_catalogue"`);
  }
}
