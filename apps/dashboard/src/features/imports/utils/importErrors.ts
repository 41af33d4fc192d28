import type { ImportRowError } from '@resonance/contracts';
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
    .map(([k, v]) => `${f.format(v ?? 0)} ${k.replace(/_/g, ' ')}${k.endsWith('s') || v === 1 ? '' : 's'}`)
    .join(' · ');
}
