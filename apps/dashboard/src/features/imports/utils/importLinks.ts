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

/**
 * The overview filtered to what a file brought in: its campaign (chosen, or named in the file and
 * matched by key or name) and the days its rows cover.
 */
export function overviewHrefFor(
  rows: readonly Pick<ImportPreviewRow, 'periodStart' | 'periodEnd' | 'campaign'>[],
  campaigns: readonly { id: string; key: string; name: string }[],
  chosenCampaign: string | null,
): string {
  const params = new URLSearchParams();
  const range = rowsRange(rows);
  if (range) {
    params.set('range', 'custom');
    params.set('from', range.from);
    params.set('to', range.to);
  }
  const text = (chosenCampaign || rows.find((r) => r.campaign)?.campaign || '').toLowerCase();
  const match = text
    ? campaigns.find((c) => c.id === chosenCampaign || c.key.toLowerCase() === text || c.name.toLowerCase() === text)
    : undefined;
  if (match) params.set('campaign', match.id);
  const search = params.toString();
  return search ? `/?${search}` : '/';
}
