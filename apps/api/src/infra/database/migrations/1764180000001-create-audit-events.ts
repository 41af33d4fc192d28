import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The audit log. No foreign keys to users or keys: entries outlive the people and keys they name. */
export class CreateAuditEvents1764180000001 implements MigrationInterface {
  name = 'CreateAuditEvents1764180000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "audit_events" (
        "org_id" uuid NOT NULL,
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "at" timestamptz NOT NULL DEFAULT now(),
        "actor_user_id" uuid,
        "actor_api_key_id" uuid,
        "action" text NOT NULL,
        "target_type" text,
        "target_id" text,
        "ip" inet,
        "details" jsonb NOT NULL DEFAULT '{}',
        CONSTRAINT "pk_audit_events" PRIMARY KEY ("org_id", "id"),
        CONSTRAINT "fk_audit_events_organization" FOREIGN KEY ("org_id") REFERENCES "organizations" ("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX "ix_audit_events_org_at" ON "audit_events" ("org_id", "at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "audit_events"`);
  }
}
