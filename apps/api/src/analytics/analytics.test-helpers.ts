import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { withPgTransaction } from '../infra/database/pg-transaction.js';
import { writeEvents, type StoredEvent } from '../warehouse/events/event-writer.js';

/** Test data for analytics specs: campaigns and creatives straight in SQL, events through the real writer. */
export interface Seeder {
  campaign(key: string): Promise<string>;
  creative(
    campaignId: string,
    key: string,
    fields: { platform: string; format?: string; theme?: string; name?: string },
  ): Promise<string>;
  events(events: StoredEvent[], timeZone?: string): Promise<{ inserted: number; duplicates: number }>;
}

export function seeder(app: NestExpressApplication, orgId: string): Seeder {
  const db = app.get(DataSource);
  return {
    async campaign(key) {
      const [row] = await db.query(
        `INSERT INTO campaigns (org_id, key, name) VALUES ($1, $2, $3) RETURNING id::text AS id`,
        [orgId, key, `Campaign ${key}`],
      );
      return row.id as string;
    },
    async creative(campaignId, key, fields) {
      const [row] = await db.query(
        `INSERT INTO creatives (org_id, campaign_id, key, name, platform, format, theme)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id::text AS id`,
        [
          orgId,
          campaignId,
          key,
          fields.name ?? `Creative ${key}`,
          fields.platform,
          fields.format ?? 'other',
          fields.theme ?? null,
        ],
      );
      return row.id as string;
    },
    events(events, timeZone = 'UTC') {
      return withPgTransaction(db, (client) => writeEvents(client, { orgId, timeZone, events }));
    },
  };
}

let sequence = 0;

/** One stored event with defaults; `count` > 1 makes an aggregated row. */
export function event(
  fields: Partial<StoredEvent> & Pick<StoredEvent, 'occurredAt' | 'campaignId' | 'creativeId' | 'type'>,
): StoredEvent {
  sequence += 1;
  return {
    eventId: `e-${sequence}-${Math.random().toString(36).slice(2, 10)}`,
    platform: 'tiktok',
    memberHash: null,
    ageBand: 'unknown',
    gender: 'unknown',
    region: 'DE',
    language: 'de',
    count: 1,
    importId: null,
    ...fields,
  };
}
