import type { ImportPreviewRow } from '@resonance/contracts';

/** First and last day the file's rows cover, or null without rows. */
export function rowsRange(
  rows: readonly Pick<ImportPreviewRow, 'periodStart' | 'periodEnd'>[],
): { from: string; to: string } | null {
  if (rows.length === 0) return null;
  let from = rows[0]!.periodStart.slice(0, 10);
  let to = rows[0]!.periodEnd.slice(0, 10);
  for (const r of rows) {
    if (r.periodStart.slice(0, 10) < from) from = r.periodStart.slice(0, 10);
    if (r.periodEnd.slice(0, 10) > to) to = r.periodEnd.slice(0, 10);
  }
  return { from, to };
}

export interface CampaignOption {
  id: string;
  key: string;
  name: string;
  startsOn?: string | null;
  endsOn?: string | null;
}

/**
 * The overview filtered to what a file brought in: its campaign (chosen, or named in the file and
 * matched by key or name) over the campaign's dates, or the days the previewed rows cover.
 */
export function overviewHrefFor(
  rows: readonly Pick<ImportPreviewRow, 'periodStart' | 'periodEnd' | 'campaign'>[],
  campaigns: readonly CampaignOption[],
  chosenCampaign: string | null,
): string {
  const params = new URLSearchParams();
  const text = (chosenCampaign || rows.find((r) => r.campaign)?.campaign || '').toLowerCase();
  const match = text
    ? campaigns.find((c) => c.id === chosenCampaign || c.key.toLowerCase() === text || c.name.toLowerCase() === text)
    : undefined;
  const range = match?.startsOn && match.endsOn ? { from: match.startsOn, to: match.endsOn } : rowsRange(rows);
  if (range) {
    params.set('range', 'custom');
    params.set('from', range.from);
    params.set('to', range.to);
  }
  if (match) params.set('campaign', match.id);
  const search = params.toString();
  return search ? `/?${search}` : '/';
}
