import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One-time password resets issued by an owner. Looked up by token before the organisation is
 * known (like sessions), hence the global unique index on the token's hash.
 */
export class CreatePasswordResets1764800000100 implements MigrationInterface {
  name = 'CreatePasswordResets1764800000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "password_resets" (
        "org_id" uuid NOT NULL,
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "user_id" uuid NOT NULL,
        "token_hash" text NOT NULL,
        "created_by" uuid,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "expires_at" timestamptz NOT NULL,
        "used_at" timestamptz,
        CONSTRAINT "pk_password_resets" PRIMARY KEY ("org_id", "id"),
        CONSTRAINT "fk_password_resets_user" FOREIGN KEY ("org_id", "user_id") REFERENCES "users" ("org_id", "id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_password_resets_token_hash" ON "password_resets" ("token_hash")`);
    await queryRunner.query(`CREATE INDEX "ix_password_resets_org_user" ON "password_resets" ("org_id", "user_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "password_resets"`);
  }
}
