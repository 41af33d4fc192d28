import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Saved audience segments: named rules over the audience dimensions (AND across, OR within).
 * Presets are not stored: they are virtual, read-only and the same for every organisation
 * (see apps/api/src/segments/segment-presets.ts).
 */
export class CreateSegments1764500000000 implements MigrationInterface {
  name = 'CreateSegments1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "segments" (
        "org_id" uuid NOT NULL,
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "name" text NOT NULL,
        "description" text,
        "rules" jsonb NOT NULL,
        "is_preset" boolean NOT NULL DEFAULT false,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_segments" PRIMARY KEY ("org_id", "id"),
        CONSTRAINT "fk_segments_organization" FOREIGN KEY ("org_id") REFERENCES "organizations" ("id") ON DELETE CASCADE
      )`);
    await q.query(`CREATE UNIQUE INDEX "uq_segments_org_name" ON "segments" ("org_id", "name")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "segments"`);
  }
}
