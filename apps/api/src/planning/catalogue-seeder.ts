import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { OBSERVANCE_CATALOGUE } from '@resonance/analytics';
import { DataSource } from 'typeorm';
import { catalogueObservanceId } from './catalogue-ids.js';

/**
 * Keeps observance_catalogue in step with OBSERVANCE_CATALOGUE at every start (the app migrates
 * before it initialises its modules). An upsert by id: entries edited in code are updated,
 * entries removed from code stay, so campaigns linked to them keep their link.
 */
@Injectable()
export class CatalogueSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger(CatalogueSeeder.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.seed();
  }

  async seed(): Promise<number> {
    const rows = OBSERVANCE_CATALOGUE.map((entry) => ({
      id: catalogueObservanceId(entry.slug),
      slug: entry.slug,
      name: entry.name,
      region: entry.region,
      rule: entry.rule,
      organiser: entry.organiser,
      url: entry.url,
      description: entry.description,
    }));
    await this.dataSource.query(
      `INSERT INTO "observance_catalogue" ("id", "slug", "name", "region", "rule", "organiser", "url", "description", "updated_at")
       SELECT r."id", r."slug", r."name", r."region", r."rule", r."organiser", r."url", r."description", $2::timestamptz
       FROM jsonb_to_recordset($1::jsonb) AS r("id" uuid, "slug" text, "name" text, "region" text, "rule" jsonb,
                                               "organiser" text, "url" text, "description" text)
       ON CONFLICT ("id") DO UPDATE SET
         "slug" = EXCLUDED."slug", "name" = EXCLUDED."name", "region" = EXCLUDED."region",
         "rule" = EXCLUDED."rule", "organiser" = EXCLUDED."organiser", "url" = EXCLUDED."url",
         "description" = EXCLUDED."description", "updated_at" = EXCLUDED."updated_at"
       WHERE ("observance_catalogue"."slug", "observance_catalogue"."name", "observance_catalogue"."region",
              "observance_catalogue"."rule", "observance_catalogue"."organiser", "observance_catalogue"."url",
              "observance_catalogue"."description")
         IS DISTINCT FROM (EXCLUDED."slug", EXCLUDED."name", EXCLUDED."region", EXCLUDED."rule",
                           EXCLUDED."organiser", EXCLUDED."url", EXCLUDED."description")`,
      // The time is a parameter, not now(): Citus allows only immutable expressions in the DO UPDATE
      // SET of an upsert on a distributed or reference table (docs/scaling.md).
      [JSON.stringify(rows), new Date().toISOString()],
    );
    this.logger.log(`Observance catalogue: ${rows.length} entries checked`);
    return rows.length;
  }
}
