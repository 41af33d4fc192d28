import type { ImportErrorAction, ImportErrorGroup, ImportMappedColumn, ImportRowError } from '@resonance/contracts';

/**
 * How an import speaks to a campaign manager: the columns it reads in the dashboard's words, and
 * row errors collapsed into one message per problem with a count and what to do.
 */

/** Our field → what it becomes, as the dashboard names it. */
const FIELD_LABELS: Record<string, string> = {
  impression: 'Impressions',
  view: 'Views (not impressions: Instagram counted both)',
  like: 'Likes (part of engagements)',
  comment: 'Comments (part of engagements)',
  share: 'Shares (part of engagements)',
  save: 'Saves (part of engagements)',
  click: 'Clicks (part of engagements)',
  video_view: 'Video views',
  video_complete: 'Video completions',
  follow: 'Follows',
  resource_click: 'Resource clicks',
  reach: "Reach, as the platform reported it (shown beside Resonance's de-duplicated reach, never added to it)",
  spend: 'Spend (for CPM and cost per click, engagement and resource click)',
  currency: 'Currency of the spend',
  periodStart: 'Start of the reporting period',
  periodEnd: 'End of the reporting period',
  day: 'Day',
  publishTime: 'Post published (start of its lifetime figures)',
  exportDate: 'End of the lifetime figures, when the file gives a date',
  campaign: 'Campaign',
  adSet: 'Ad set (not stored)',
  creativeName: 'Creative (ad or post name)',
  externalId: "Creative's id on the platform",
  age: 'Age band',
  gender: 'Gender',
  region: 'Region',
  platform: 'Platform',
  placement: 'Placement (rows are added up per creative and day)',
};

/** The file's columns that are read, in file order of fields, with their meaning. */
export function describeColumns(mapping: Readonly<Record<string, string>>): ImportMappedColumn[] {
  return Object.entries(mapping).map(([field, header]) => ({
    header,
    field,
    label: FIELD_LABELS[field] ?? field,
  }));
}

/** The row error for a campaign the organisation does not have; collapsed with an action below. */
export function unknownCampaignMessage(campaign: string): string {
  return `This file's campaign '${campaign}' doesn't exist yet — create it, or import the whole file into an existing campaign.`;
}

const UNKNOWN_CAMPAIGN = /^This file's campaign '/;
const ROWS_SHOWN = 10;
const MAX_GROUPS = 100;

/** Counts row errors by message; keeps the first rows of each and the action that fixes it. */
export class ErrorGroups {
  private readonly groups = new Map<string, ImportErrorGroup>();
  private dropped = 0;

  add(errors: readonly ImportRowError[]): void {
    for (const error of errors) {
      const key = `${error.field}\u0000${error.message}`;
      let group = this.groups.get(key);
      if (!group) {
        if (this.groups.size >= MAX_GROUPS) {
          this.dropped += 1;
          continue;
        }
        group = { field: error.field, message: error.message, count: 0, rows: [] };
        const action = actionFor(error);
        if (action) group.action = action;
        this.groups.set(key, group);
      }
      group.count += 1;
      if (group.rows.length < ROWS_SHOWN) group.rows.push(error.rowNumber);
    }
  }

  /** Most frequent first; the first rows of each in row order. */
  result(): ImportErrorGroup[] {
    const list = [...this.groups.values()].map((g) => ({ ...g, rows: [...g.rows].sort((a, b) => a - b) }));
    list.sort((a, b) => b.count - a.count || (a.rows[0] ?? 0) - (b.rows[0] ?? 0));
    if (this.dropped > 0) {
      list.push({
        field: '',
        message: `${this.dropped} more row errors of other kinds are not grouped here.`,
        count: this.dropped,
        rows: [],
      });
    }
    return list;
  }
}

function actionFor(error: ImportRowError): ImportErrorAction | undefined {
  if (UNKNOWN_CAMPAIGN.test(error.message) && error.value !== undefined) {
    return {
      kind: 'create_campaign',
      campaign: error.value,
      label: 'Create it, or import the whole file into an existing campaign.',
    };
  }
  return undefined;
}
