import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Saved views (a named page with its filters), read-only share links to them, and each opening of
 * a link. Tokens are stored as SHA-256 hashes only; a link's password as an argon2 hash.
 */
export class CreateSavedViewsAndShareLinks1764800000200 implements MigrationInterface {
  name = 'CreateSavedViewsAndShareLinks1764800000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "saved_views" (
        "org_id" uuid NOT NULL,
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "name" text NOT NULL,
        "page" text NOT NULL,
        "filters" jsonb NOT NULL,
        "created_by" uuid,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_saved_views" PRIMARY KEY ("org_id", "id"),
        CONSTRAINT "fk_saved_views_organization" FOREIGN KEY ("org_id") REFERENCES "organizations" ("id") ON DELETE CASCADE
      )`);
    await q.query(`CREATE UNIQUE INDEX "uq_saved_views_org_name" ON "saved_views" ("org_id", "name")`);
    await q.query(`
      CREATE TABLE "share_links" (
        "org_id" uuid NOT NULL,
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "saved_view_id" uuid NOT NULL,
        "token_hash" text NOT NULL,
        "password_hash" text,
        "expires_at" timestamptz NOT NULL,
        "revoked_at" timestamptz,
        "created_by" uuid,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "open_count" integer NOT NULL DEFAULT 0,
        "last_opened_at" timestamptz,
        CONSTRAINT "pk_share_links" PRIMARY KEY ("org_id", "id"),
        CONSTRAINT "fk_share_links_saved_view" FOREIGN KEY ("org_id", "saved_view_id")
          REFERENCES "saved_views" ("org_id", "id") ON DELETE CASCADE
      )`);
    // Looked up by token before the organisation is known, like API keys.
    await q.query(`CREATE UNIQUE INDEX "uq_share_links_token_hash" ON "share_links" ("token_hash")`);
    await q.query(`CREATE INDEX "ix_share_links_org_view" ON "share_links" ("org_id", "saved_view_id")`);
    await q.query(`
      CREATE TABLE "share_link_openings" (
        "org_id" uuid NOT NULL,
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "share_link_id" uuid NOT NULL,
        "opened_at" timestamptz NOT NULL DEFAULT now(),
        "ip" inet,
        "access_hash" text NOT NULL,
        "expires_at" timestamptz NOT NULL,
        CONSTRAINT "pk_share_link_openings" PRIMARY KEY ("org_id", "id"),
        CONSTRAINT "fk_share_link_openings_link" FOREIGN KEY ("org_id", "share_link_id")
          REFERENCES "share_links" ("org_id", "id") ON DELETE CASCADE
      )`);
    await q.query(`CREATE UNIQUE INDEX "uq_share_link_openings_access_hash" ON "share_link_openings" ("access_hash")`);
    await q.query(
      `CREATE INDEX "ix_share_link_openings_org_link" ON "share_link_openings" ("org_id", "share_link_id")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "share_link_openings"`);
    await q.query(`DROP TABLE "share_links"`);
    await q.query(`DROP TABLE "saved_views"`);
  }
}
