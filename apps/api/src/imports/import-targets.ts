import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';

/**
 * Campaign and creative resolution for imports: plain SQL in this folder, so imports don't
 * depend on the campaigns service's internals.
 *
 * Campaigns: a file's campaign text (or the `campaign` field) matches a campaign by key, then by
 * name, case-insensitively. Unknown campaigns are never created from a file.
 * Creatives: within the campaign, by platform id (external_ids), then key, then the key a name
 * would get, then name. Unknown creatives are registered (needs_details = true).
 */

export interface CampaignRef {
  id: string;
  key: string;
  name: string;
}

export interface CreativeRef {
  id: string;
  campaignId: string;
  key: string;
  name: string;
  externalIds: string[];
}

/** Key for figures with no creative breakdown (a campaign-level Meta report, for instance). */
export const CAMPAIGN_LEVEL_CREATIVE_KEY = 'campaign-level';

/** The key a creative gets from a name or platform id: KEY_PATTERN-safe, stable. */
export function creativeKeyFor(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .replace(/-+$/, '');
  if (slug === '') return `creative-${createHash('sha256').update(text).digest('hex').slice(0, 12)}`;
  if (slug.length <= 128) return slug;
  return `${slug.slice(0, 115)}-${createHash('sha256').update(text).digest('hex').slice(0, 12)}`;
}

export class CampaignDirectory {
  private readonly byKey = new Map<string, CampaignRef>();
  private readonly byName = new Map<string, CampaignRef>();

  constructor(campaigns: readonly CampaignRef[]) {
    for (const c of campaigns) {
      this.byKey.set(c.key.toLowerCase(), c);
      if (!this.byName.has(c.name.toLowerCase())) this.byName.set(c.name.toLowerCase(), c);
    }
  }

  ids(): string[] {
    return [...new Set([...this.byKey.values()].map((c) => c.id))];
  }

  find(text: string): CampaignRef | null {
    const wanted = text.trim().toLowerCase();
    return this.byKey.get(wanted) ?? this.byName.get(wanted) ?? null;
  }
}

export async function loadCampaigns(em: EntityManager, orgId: string): Promise<CampaignDirectory> {
  const rows = await em.query<CampaignRef[]>(`SELECT id, key, name FROM campaigns WHERE org_id = $1`, [orgId]);
  return new CampaignDirectory(rows);
}

/** What a row says about its creative. */
export interface CreativeHint {
  creative: string | null;
  creativeName: string | null;
  externalId: string | null;
}

export class CreativeDirectory {
  private readonly byCampaign = new Map<string, CreativeRef[]>();

  constructor(creatives: readonly CreativeRef[]) {
    for (const c of creatives) this.add(c);
  }

  add(creative: CreativeRef): void {
    const list = this.byCampaign.get(creative.campaignId) ?? [];
    list.push(creative);
    this.byCampaign.set(creative.campaignId, list);
  }

  match(campaignId: string, hint: CreativeHint): CreativeRef | null {
    const list = this.byCampaign.get(campaignId) ?? [];
    const { externalId } = hint;
    if (externalId !== null) {
      const found = list.find((c) => c.externalIds.includes(externalId));
      if (found) return found;
    }
    const text = hint.creative ?? CAMPAIGN_LEVEL_CREATIVE_KEY;
    const lower = text.toLowerCase();
    const key = creativeKeyFor(text);
    const name = (hint.creativeName ?? text).toLowerCase();
    return (
      list.find((c) => c.key.toLowerCase() === lower) ??
      list.find((c) => c.key === key) ??
      list.find((c) => c.name.toLowerCase() === name) ??
      null
    );
  }
}

export async function loadCreatives(
  em: EntityManager,
  orgId: string,
  campaignIds: string[],
): Promise<CreativeDirectory> {
  if (campaignIds.length === 0) return new CreativeDirectory([]);
  const rows = await em.query<{ id: string; campaign_id: string; key: string; name: string; external_ids: string[] }[]>(
    `SELECT id, campaign_id, key, name, external_ids FROM creatives WHERE org_id = $1 AND campaign_id = ANY($2::uuid[])`,
    [orgId, campaignIds],
  );
  return new CreativeDirectory(
    rows.map((r) => ({ id: r.id, campaignId: r.campaign_id, key: r.key, name: r.name, externalIds: r.external_ids })),
  );
}

export interface NewCreative {
  campaignId: string;
  key: string;
  name: string;
  platform: string;
  externalIds: string[];
}

/** What a creative unknown to the campaign is registered as. */
export function newCreativeFor(campaignId: string, platform: string, hint: CreativeHint): NewCreative {
  if (hint.creative === null) {
    return {
      campaignId,
      key: CAMPAIGN_LEVEL_CREATIVE_KEY,
      name: 'Campaign-level figures (no creative breakdown)',
      platform,
      externalIds: [],
    };
  }
  return {
    campaignId,
    key: creativeKeyFor(hint.creative),
    name: hint.creativeName ?? hint.creative,
    platform,
    externalIds: hint.externalId === null ? [] : [hint.externalId],
  };
}

/**
 * Registers creatives first seen in a file, marked needs_details. A concurrent import that
 * registered the same key wins; its id is returned.
 */
export async function registerCreative(em: EntityManager, orgId: string, creative: NewCreative): Promise<CreativeRef> {
  const rows = await em.query<{ id: string }[]>(
    `INSERT INTO creatives (org_id, campaign_id, key, name, platform, format, external_ids, needs_details)
     VALUES ($1, $2, $3, $4, $5, 'other', $6::text[], true)
     ON CONFLICT (org_id, campaign_id, key) DO UPDATE SET key = EXCLUDED.key
     RETURNING id`,
    [orgId, creative.campaignId, creative.key, creative.name, creative.platform, creative.externalIds],
  );
  const id = rows[0]?.id;
  if (!id) throw new Error('registering a creative returned no id');
  return {
    id,
    campaignId: creative.campaignId,
    key: creative.key,
    name: creative.name,
    externalIds: creative.externalIds,
  };
}
