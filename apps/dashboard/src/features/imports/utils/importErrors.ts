import type { ImportRecord, ImportRowError } from '@resonance/contracts';
import { toCsv } from '../../../shared/components/DataTable';

/** Per-row errors as CSV (row, column, value, problem), to fix the file in a spreadsheet. */
export function importErrorsCsv(errors: readonly ImportRowError[]): string {
  return toCsv(
    ['Row', 'Column', 'Value', 'Problem'],
    errors.map((e) => [e.rowNumber, e.field, e.value ?? '', e.message]),
  );
}

export const IMPORT_FORMAT_LABELS: Record<string, string> = {
  meta_ads: 'Meta Ads Manager export',
  instagram_content: 'Instagram content export (Meta Business Suite)',
  tiktok_ads: 'TikTok Ads Manager export',
  x_post_analytics: 'X post analytics export',
};

/** "Meta Ads Manager export" for a format id; the id itself for one we don't know. */
export function formatLabel(format: string): string {
  return IMPORT_FORMAT_LABELS[format] ?? format;
}

/** Preview rows' counts as "1,040 impressions · 48 likes". */
export function countsSummary(counts: Partial<Record<string, number>>): string {
  const f = new Intl.NumberFormat();
  return Object.entries(counts)
    .filter(([, v]) => typeof v === 'number' && v > 0)
    .map(([k, v]) => {
      const words = EVENT_WORDS[k] ?? k.replace(/_/g, ' ');
      return `${f.format(v ?? 0)} ${v === 1 ? words.replace(/s$/, '') : words}`;
    })
    .join(' · ');
}

/** "rows 2, 3, 4 and 522 more": where a collapsed problem occurs. */
export function rowsText(rows: readonly number[], count: number): string {
  const f = new Intl.NumberFormat();
  const listed = rows.map((r) => f.format(r)).join(', ');
  const more = count - rows.length;
  return `row${count === 1 ? '' : 's'} ${listed}${more > 0 ? ` and ${f.format(more)} more` : ''}`;
}

/** "+120 impressions · −14 likes · +50.00 USD spend": the change a re-import made to stored totals. */
export function revisionSummary(revision: ImportRecord['revision']): string {
  if (!revision) return '';
  const f = new Intl.NumberFormat(undefined, { signDisplay: 'exceptZero' });
  const money = new Intl.NumberFormat(undefined, {
    signDisplay: 'exceptZero',
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  const parts = Object.entries(revision.counts)
    .filter(([, v]) => typeof v === 'number' && v !== 0)
    .map(([type, v]) => `${f.format(v ?? 0)} ${EVENT_WORDS[type] ?? type}`);
  for (const [currency, delta] of Object.entries(revision.spend))
    parts.push(`${money.format(delta)} ${currency} spend`);
  if (revision.reachFigures > 0) {
    parts.push(`${revision.reachFigures} platform reach figure${revision.reachFigures === 1 ? '' : 's'} replaced`);
  }
  return parts.join(' · ');
}

/** Event types in the dashboard's words. */
export const EVENT_WORDS: Record<string, string> = {
  impression: 'impressions',
  view: 'views',
  like: 'likes',
  comment: 'comments',
  share: 'shares',
  save: 'saves',
  click: 'clicks',
  video_view: 'video views',
  video_complete: 'video completions',
  follow: 'follows',
  resource_click: 'resource clicks',
};
