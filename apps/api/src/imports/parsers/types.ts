/** Shapes shared by the export parsers. Pure data: no Nest, no database. */
import type { AgeBand, EventType, Gender, Platform } from '@resonance/contracts';

export const EXPORT_FORMATS = ['meta_ads', 'instagram_content', 'tiktok_ads', 'x_post_analytics'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

// The domain's own enums: an export row maps onto the same event types and dimensions as the API.
export { EVENT_TYPES } from '@resonance/contracts';
export type { AgeBand, EventType, Gender, Platform } from '@resonance/contracts';
/** A file read into cells. `rows[i]` is spreadsheet row `i + 2` (the header is row 1); interior blank rows are kept so the numbering holds. */
export interface Table {
  headers: string[];
  rows: string[][];
}

export interface ParsedRow {
  /** 1-based row number as a spreadsheet shows it, header = 1. */
  rowNumber: number;
  periodStart: string;
  /** Inclusive; a multi-day row stays one period. */
  periodEnd: string;
  campaign: string | null;
  creative: string | null;
  creativeName: string | null;
  platform: Platform;
  externalId: string | null;
  /** null when the file has no age breakdown. */
  ageBand: AgeBand | null;
  gender: Gender | null;
  region: string | null;
  counts: Partial<Record<EventType, number>>;
  /** Platform-reported reach at this row's grain; never summed here. null when not reported. */
  reach: number | null;
  /** Money spent on this row, with its currency; null when the file has no spend column. */
  spend: ParsedSpend | null;
  /** e.g. 'day|ad|age|gender' or 'lifetime|post'. */
  grain: string;
}

export interface ParsedSpend {
  /** Millionths of the currency unit (12.34 USD → 12 340 000). */
  micros: number;
  /** ISO 4217; XXX when the file does not say. */
  currency: string;
}

/** A column of the file that is not imported, and why. */
export interface IgnoredColumn {
  header: string;
  reason: string;
}

export interface RowError {
  rowNumber: number;
  /** The file's column header (or 'campaign' when no column supplies one). */
  field: string;
  message: string;
  value?: string;
}

export interface DetectedFormat {
  format: ExportFormat;
  /** Our field → their header as written in the file ('Reposts + Shares' when summed). */
  mapping: Record<string, string>;
  /** Columns of the file no field reads, with the reason. */
  ignored: IgnoredColumn[];
}

export interface ParseOptions {
  /** Campaign for files without a campaign column (Instagram content, X post analytics). */
  campaignKey?: string;
  /** Overrides the per-file day/month detection for slash dates. */
  dateOrder?: DateOrder;
}

export type DateOrder = 'mdy' | 'dmy';

export interface ParseResult extends DetectedFormat {
  rows: ParsedRow[];
  errors: RowError[];
  /** Data rows read: accepted plus rejected; blank and footer rows are not counted. */
  rowsRead: number;
}
