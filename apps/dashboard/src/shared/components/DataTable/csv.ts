/** CSV building and download: what a DataTable has on screen, as a file a spreadsheet opens cleanly. */
import { neutralizeFormula } from '@resonance/analytics';

export type CsvCell = string | number | null | undefined;

/** A text cell a spreadsheet would run as a formula is prefixed with `'` (the shared rule in libs/analytics). */
function escapeCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = neutralizeFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV with CRLF line ends. */
export function toCsv(headers: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [headers, ...rows].map((row) => row.map(escapeCell).join(',')).join('\r\n') + '\r\n';
}

/** Default export text for a cell value: numbers raw, suppressed as "<threshold", lists joined. */
export function exportCellValue(value: unknown, threshold: number): CsvCell {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.map((v) => String(v)).join('; ');
  if (typeof value === 'object' && (value as { suppressed?: unknown }).suppressed === true) return `<${threshold}`;
  return String(value);
}

/**
 * A file name that is safe on every OS, named by today (`campaigns-2026-11-25.csv`). Figures for a
 * period come from the server's exports, which name their files by the period.
 */
export function exportFileName(base: string, extension: string, today = new Date()): string {
  const slug =
    base
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'export';
  return `${slug}-${today.toISOString().slice(0, 10)}.${extension}`;
}

/** Starts a browser download of `text` (with a BOM so Excel reads UTF-8). */
export function downloadText(fileName: string, text: string, mime = 'text/csv;charset=utf-8'): void {
  const blob = new Blob(['\ufeff', text], { type: mime });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
