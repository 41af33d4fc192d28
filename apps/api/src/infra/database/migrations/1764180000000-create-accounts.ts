import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Users, sessions and API keys. Each leads its primary key with org_id. The three are looked
 * up before the organisation is known (sign-in by email, a session cookie, a bearer key), so
 * they also carry one global unique index each; under Citus they are small reference tables.
 */
export class CreateAccounts1764180000000 implements MigrationInterface {
  name = 'CreateAccounts1764180000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "users" (
        "org_id" uuid NOT NULL,
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "email" text NOT NULL,
        "password_hash" text NOT NULL,
        "role" text NOT NULL,
        "failed_login_count" integer NOT NULL DEFAULT 0,
        "locked_until" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_users" PRIMARY KEY ("org_id", "id"),
        CONSTRAINT "chk_users_role" CHECK ("role" IN ('owner', 'manager', 'analyst', 'viewer')),
        CONSTRAINT "chk_users_email_lower_case" CHECK ("email" = lower("email")),
        CONSTRAINT "fk_users_organization" FOREIGN KEY ("org_id") REFERENCES "organizations" ("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_users_email" ON "users" ("email")`);

    await queryRunner.query(`
      CREATE TABLE "sessions" (
        "org_id" uuid NOT NULL,
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "user_id" uuid NOT NULL,
        "token_hash" text NOT NULL,
        "csrf_token" text NOT NULL,
        "expires_at" timestamptz NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "last_seen_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_sessions" PRIMARY KEY ("org_id", "id"),
        CONSTRAINT "fk_sessions_user" FOREIGN KEY ("org_id", "user_id") REFERENCES "users" ("org_id", "id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_sessions_token_hash" ON "sessions" ("token_hash")`);
    await queryRunner.query(`CREATE INDEX "ix_sessions_org_user" ON "sessions" ("org_id", "user_id")`);

    await queryRunner.query(`
      CREATE TABLE "api_keys" (
        "org_id" uuid NOT NULL,
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "name" text NOT NULL,
        "prefix" text NOT NULL,
        "key_hash" text NOT NULL,
        "scopes" text array NOT NULL,
        "created_by" uuid,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "last_used_at" timestamptz,
        "revoked_at" timestamptz,
        CONSTRAINT "pk_api_keys" PRIMARY KEY ("org_id", "id"),
        CONSTRAINT "chk_api_keys_scopes" CHECK (cardinality("scopes") > 0 AND "scopes" <@ ARRAY['ingest', 'read']::text[]),
        CONSTRAINT "fk_api_keys_organization" FOREIGN KEY ("org_id") REFERENCES "organizations" ("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_api_keys_key_hash" ON "api_keys" ("key_hash")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "api_keys"`);
    await queryRunner.query(`DROP TABLE "sessions"`);
    await queryRunner.query(`DROP TABLE "users"`);
  }
}
