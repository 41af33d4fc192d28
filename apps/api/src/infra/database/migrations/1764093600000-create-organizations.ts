import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateOrganizations1764093600000 implements MigrationInterface {
  name = 'CreateOrganizations1764093600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "organizations" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "name" text NOT NULL,
        "suppression_threshold" integer NOT NULL DEFAULT 11,
        "member_key_secret" bytea NOT NULL,
        "is_demo" boolean NOT NULL DEFAULT false,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_organizations" PRIMARY KEY ("id"),
        CONSTRAINT "chk_organizations_suppression_threshold" CHECK ("suppression_threshold" >= 11)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "organizations"`);
  }
}
