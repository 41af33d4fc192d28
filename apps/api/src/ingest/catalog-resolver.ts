import type { Platform } from '@resonance/contracts';
import type { DataSource } from 'typeorm';
import { creativeNeedKey, type CatalogIds, type CatalogNeed } from './event-batch.js';

/** Past this many campaigns and creatives, batches are resolved key by key (CatalogResolver.known). */
const KNOWN_LIMIT = 5_000;

/**
 * Turns campaign and creative keys into ids for one request, with a cache: a stream names the
 * same few campaigns and creatives over and over. Unknown campaigns resolve to null (the row is
 * refused); unknown creatives of a known campaign are registered, marked `needs_details`.
 */
export class CatalogResolver {
  private readonly campaigns = new Map<string, string | null>();
  /** `${campaignId}\u0000${creativeKey}` → creative id. */
  private readonly creatives = new Map<string, string>();
  /** `${campaignKey}\u0000${creativeKey}` (creativeNeedKey) → creative id. */
  private readonly creativesByKey = new Map<string, string>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly orgId: string,
  ) {}

  campaignId(key: string): string | null | undefined {
    return this.campaigns.get(key);
  }

  creativeId(campaignId: string, key: string): string | undefined {
    return this.creatives.get(`${campaignId}\u0000${key}`);
  }

  /**
   * Everything resolved so far (campaigns known to be missing included), for batches to be prepared
   * without asking first; null once it is too large to send with every batch.
   */
  known(): CatalogIds | null {
    if (this.campaigns.size + this.creativesByKey.size > KNOWN_LIMIT) return null;
    return { campaigns: new Map(this.campaigns), creatives: new Map(this.creativesByKey) };
  }

  /**
   * Loads the organisation's whole catalogue when it has at most KNOWN_LIMIT campaigns and creatives
   * (one query), so that a request's first batch can be prepared in one step, laid out as it is read
   * (EventBatch). Keys it does not hold are resolved as before (`load`): a campaign missing, a creative
   * registered. Returns whether it loaded.
   */
  async preload(): Promise<boolean> {
    const rows = await this.dataSource.query<
      { campaign: string; campaign_id: string; creative: string | null; creative_id: string | null }[]
    >(
      `SELECT c.key AS campaign, c.id AS campaign_id, k.key AS creative, k.id AS creative_id
         FROM campaigns c LEFT JOIN creatives k ON k.org_id = c.org_id AND k.campaign_id = c.id
        WHERE c.org_id = $1
        LIMIT ${KNOWN_LIMIT + 1}`,
      [this.orgId],
    );
    if (rows.length > KNOWN_LIMIT) return false;
    for (const row of rows) {
      this.campaigns.set(row.campaign, row.campaign_id);
      if (row.creative === null || row.creative_id === null) continue;
      this.creatives.set(`${row.campaign_id}\u0000${row.creative}`, row.creative_id);
      this.creativesByKey.set(creativeNeedKey(row.campaign, row.creative), row.creative_id);
    }
    return true;
  }

  /** The ids of `needs` (loaded first): what an EventBatch is finished with. */
  ids(needs: readonly CatalogNeed[]): CatalogIds {
    const ids: CatalogIds = { campaigns: new Map(), creatives: new Map() };
    for (const { campaign, creative } of needs) {
      const campaignId = this.campaigns.get(campaign) ?? null;
      ids.campaigns.set(campaign, campaignId);
      const creativeId = campaignId === null ? undefined : this.creativeId(campaignId, creative);
      if (creativeId !== undefined) ids.creatives.set(creativeNeedKey(campaign, creative), creativeId);
    }
    return ids;
  }

  /** Loads every campaign and creative the rows name that is not cached yet. */
  async load(rows: readonly { campaign: string; creative: string; platform: Platform }[]): Promise<void> {
    const campaignKeys = new Set<string>();
    for (const row of rows) if (!this.campaigns.has(row.campaign)) campaignKeys.add(row.campaign);
    if (campaignKeys.size > 0) {
      const found = await this.dataSource.query<{ id: string; key: string }[]>(
        'SELECT id, key FROM campaigns WHERE org_id = $1 AND key = ANY($2::text[])',
        [this.orgId, [...campaignKeys]],
      );
      for (const key of campaignKeys) this.campaigns.set(key, null);
      for (const { id, key } of found) this.campaigns.set(key, id);
    }

    const missing = new Map<string, { campaignId: string; key: string; platform: Platform }>();
    for (const row of rows) {
      const campaignId = this.campaigns.get(row.campaign);
      if (!campaignId) continue;
      const cacheKey = `${campaignId}\u0000${row.creative}`;
      if (!this.creatives.has(cacheKey) && !missing.has(cacheKey)) {
        missing.set(cacheKey, { campaignId, key: row.creative, platform: row.platform });
      }
    }
    if (missing.size === 0) return;
    const wanted = [...missing.values()];
    const campaignIds = wanted.map((w) => w.campaignId);
    const keys = wanted.map((w) => w.key);
    // Registered outside the events transaction (autocommit), so a long ingest never holds
    // locks other requests naming the same new creative would wait on.
    await this.dataSource.query(
      `INSERT INTO creatives (org_id, campaign_id, key, name, platform, needs_details)
       SELECT $1, campaign_id, key, key, platform, true
         FROM unnest($2::uuid[], $3::text[], $4::text[]) AS t(campaign_id, key, platform)
       ORDER BY campaign_id, key
       ON CONFLICT (org_id, campaign_id, key) DO NOTHING`,
      [this.orgId, campaignIds, keys, wanted.map((w) => w.platform)],
    );
    const found = await this.dataSource.query<{ id: string; campaign_id: string; key: string }[]>(
      `SELECT c.id, c.campaign_id, c.key FROM creatives c
         JOIN unnest($2::uuid[], $3::text[]) AS t(campaign_id, key) ON t.campaign_id = c.campaign_id AND t.key = c.key
        WHERE c.org_id = $1`,
      [this.orgId, campaignIds, keys],
    );
    const campaignKeyOf = new Map([...this.campaigns].map(([key, id]) => [id, key]));
    for (const row of found) {
      this.creatives.set(`${row.campaign_id}\u0000${row.key}`, row.id);
      const campaignKey = campaignKeyOf.get(row.campaign_id);
      if (campaignKey !== undefined) this.creativesByKey.set(creativeNeedKey(campaignKey, row.key), row.id);
    }
  }
}
