import type { ImportRowError } from '@resonance/contracts';
import { isDailyRow, type ResolvedRow } from './import-plan.js';
import {
  newCreativeFor,
  type CampaignDirectory,
  type CampaignRef,
  type CreativeDirectory,
  type CreativeRef,
  type NewCreative,
} from './import-targets.js';
import { unknownCampaignMessage } from './import-presentation.js';
import type { ParsedRow, RowError } from './parsers/index.js';

/**
 * Campaign and creative for each parsed row, batch by batch. `forced` (the request's campaign)
 * sends every row to that campaign; otherwise the row's campaign must exist (by key or name).
 * Creatives a file names repeatedly are matched once per import (a memo), so the cost per row
 * does not grow with the number of creatives. Unknown creatives are registered when `register`
 * is given, else only listed.
 */
export class RowResolver {
  /** `campaignId|key` → name of each creative the file names that the campaign does not have. */
  readonly newCreatives = new Map<string, string>();
  private readonly memo = new Map<string, CreativeRef | null>();

  constructor(
    private readonly options: {
      campaigns: CampaignDirectory;
      creatives: CreativeDirectory;
      forced: CampaignRef | null;
      /** The file's header for the campaign column, named in errors. */
      campaignField: string;
      register: ((creative: NewCreative) => Promise<CreativeRef>) | null;
    },
  ) {}

  get forcedCampaign(): CampaignRef | null {
    return this.options.forced;
  }

  async resolve(
    rows: readonly ParsedRow[],
    parseErrors: readonly RowError[],
  ): Promise<{
    rows: ResolvedRow[];
    errors: ImportRowError[];
  }> {
    const { campaigns, creatives, forced, campaignField, register } = this.options;
    const errors: ImportRowError[] = [...parseErrors];
    const resolved: ResolvedRow[] = [];
    for (const row of rows) {
      const campaign = forced ?? (row.campaign === null ? null : campaigns.find(row.campaign));
      if (!campaign) {
        errors.push({
          rowNumber: row.rowNumber,
          field: campaignField,
          message: unknownCampaignMessage(row.campaign ?? ''),
          ...(row.campaign === null ? {} : { value: row.campaign }),
        });
        continue;
      }
      if (row.creative === null && !isDailyRow(row)) {
        resolved.push({ row, campaignId: campaign.id, creativeId: null });
        continue;
      }
      const hint = { creative: row.creative, creativeName: row.creativeName, externalId: row.externalId };
      const memoKey = `${campaign.id}\u0000${hint.creative ?? ''}\u0000${hint.creativeName ?? ''}\u0000${hint.externalId ?? ''}\u0000${row.platform}`;
      let creative = this.memo.has(memoKey) ? (this.memo.get(memoKey) ?? null) : creatives.match(campaign.id, hint);
      if (!creative) {
        const wanted = newCreativeFor(campaign.id, row.platform, hint);
        this.newCreatives.set(`${campaign.id}|${wanted.key}`, wanted.name);
        if (register) {
          creative = await register(wanted);
          creatives.add(creative);
        }
      }
      this.memo.set(memoKey, creative);
      resolved.push({ row, campaignId: campaign.id, creativeId: creative?.id ?? null });
    }
    return { rows: resolved, errors };
  }
}
