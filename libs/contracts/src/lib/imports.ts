import type { AgeBand, EventType, Gender, ListResponse, Platform } from './domain.js';

/** Platform exports `POST /api/v1/imports` recognises by their headers. */
export const IMPORT_FORMATS = ['meta_ads', 'instagram_content', 'tiktok_ads', 'x_post_analytics'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** Most per-row errors an import answer or record lists; `errorsOmitted` counts the rest. */
export const IMPORT_MAX_LISTED_ERRORS = 1000;

/** Why one row of a file was refused. `rowNumber` is the row as a spreadsheet shows it (header = 1). */
export interface ImportRowError {
  rowNumber: number;
  /** The file's column header, or `campaign` when the campaign came from the request. */
  field: string;
  message: string;
  value?: string;
}

/** The stored record of an import (`GET /api/v1/imports/:id`, and the answer to a real import). */
export interface ImportRecord {
  id: string;
  format: ImportFormat;
  fileName: string;
  /** SHA-256 of the uploaded bytes, hex. */
  checksum: string;
  /** `running` while the file is read and written (see `progress`); `failed` with `failure` set. */
  status: ImportStatus;
  /** Data rows read (blank and footer rows are not counted); while running, rows read so far. */
  rowsRead: number;
  /** How far a running import has got; a finished one shows its whole file. */
  progress: ImportProgress;
  /** Why a failed import stopped: the same code and message a waiting request gets. */
  failure: ImportFailure | null;
  /** Rows that added or changed figures (rowsNew + rowsRevised). */
  rowsAccepted: number;
  /** Rows whose figures were not stored before. */
  rowsNew: number;
  /**
   * Rows that replaced figures an earlier import stored for the same key (campaign, creative/post,
   * day or period, audience cell, metric): the latest export wins.
   */
  rowsRevised: number;
  /** How the revised rows changed the stored totals (null when none were revised). */
  revision: ImportRevision | null;
  /** Rows whose figures were already stored by an earlier import (nothing changed). */
  rowsDuplicate: number;
  rowsRejected: number;
  /** Creatives registered from this file (needs details). */
  creativesRegistered: number;
  errors: ImportRowError[];
  errorsOmitted: number;
  /** Row errors collapsed: one entry per distinct message, with how many rows had it. */
  errorGroups: ImportErrorGroup[];
  /** Our field → the file's header. */
  mapping: Record<string, string>;
  /** The campaign chosen for the whole file, when one was. */
  campaignId: string | null;
  createdBy: string | null;
  createdAt: string;
}

export const IMPORT_STATUSES = ['running', 'completed', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export interface ImportProgress {
  /** Data rows read and staged so far. */
  rowsDone: number;
  /** Bytes of the uploaded file read so far, and its size: `bytesDone / bytesTotal` is the fraction read. */
  bytesDone: number;
  bytesTotal: number;
  /** `reading` while rows stream in; `writing` once the whole file is read and its figures are being stored. */
  phase: 'reading' | 'writing' | 'done';
}

export interface ImportFailure {
  statusCode: number;
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

/** The change a re-import made to stored figures, summed over the revised keys (new − old). */
export interface ImportRevision {
  /** Event type → change (e.g. impression: +120). Only types that changed. */
  counts: Partial<Record<EventType, number>>;
  /** Currency → change in spend, in currency units. */
  spend: Record<string, number>;
  /** Platform-reported reach figures replaced. */
  reachFigures: number;
}

/** Identical row errors, collapsed: what went wrong, how often, and what to do about it. */
export interface ImportErrorGroup {
  field: string;
  message: string;
  /** Rows with this error. */
  count: number;
  /** The first few rows (as a spreadsheet numbers them). */
  rows: number[];
  /** What the user can do, when there is something to do. */
  action?: ImportErrorAction;
}

export interface ImportErrorAction {
  /** create_campaign: the file names a campaign the organisation does not have. */
  kind: 'create_campaign';
  /** The campaign as the file names it. */
  campaign: string;
  /** "Create it, or import the whole file into an existing campaign." */
  label: string;
}

/** One column of the file and what Resonance reads it as, in the dashboard's words. */
export interface ImportMappedColumn {
  /** The file's header as written. */
  header: string;
  /** Internal field id (e.g. `impression`, `periodStart`). */
  field: string;
  /** What it becomes, as the dashboard says it ("Impressions", "Start of the reporting period"). */
  label: string;
}

/** A column of the file Resonance does not import, and why. */
export interface ImportIgnoredColumn {
  header: string;
  reason: string;
}

/** A list item: the record without its row errors. */
export type ImportSummary = Omit<ImportRecord, 'errors' | 'errorsOmitted' | 'errorGroups'>;
export type ImportListResponse = ListResponse<ImportSummary>;

/** One parsed row as the preview shows it. */
export interface ImportPreviewRow {
  rowNumber: number;
  periodStart: string;
  periodEnd: string;
  campaign: string | null;
  creative: string | null;
  creativeName: string | null;
  platform: Platform;
  externalId: string | null;
  ageBand: AgeBand | null;
  gender: Gender | null;
  region: string | null;
  counts: Partial<Record<EventType, number>>;
  reach: number | null;
  grain: string;
  /** Spend on the row, in currency units, with its currency; null when the file has no spend. */
  spend: { amount: number; currency: string } | null;
  /** How the row would be stored: daily events, or a reported period (multi-day or lifetime figures). */
  storedAs: 'daily_events' | 'reported_period';
  /** The creative is new to the campaign and would be registered (needs details). */
  newCreative: boolean;
}

/** `POST /api/v1/imports?dryRun=true`: what an import would do. Nothing is written. */
export interface ImportPreview {
  dryRun: true;
  format: ImportFormat;
  fileName: string;
  checksum: string;
  mapping: Record<string, string>;
  /** The columns read, in the platform's and the dashboard's words. */
  columns: ImportMappedColumn[];
  /** Columns of the file that are not imported, each with why. */
  ignoredColumns: ImportIgnoredColumn[];
  rowsRead: number;
  /** Rows that would be imported (new or already stored). */
  rowsValid: number;
  rowsRejected: number;
  /** The first 20 valid rows. */
  rows: ImportPreviewRow[];
  errors: ImportRowError[];
  errorsOmitted: number;
  /** Row errors collapsed: one entry per distinct message, with a count and an action. */
  errorGroups: ImportErrorGroup[];
  /** Creative names/ids that would be registered. */
  newCreatives: string[];
}

/** Optional multipart fields next to `file`. */
export interface ImportRequestFields {
  /** Campaign key or name: every row of the file goes to it (needed for files that name no campaign). */
  campaign?: string;
  /** How to read slash dates such as 05/01/2026 when the file does not make it clear. */
  dateOrder?: 'mdy' | 'dmy';
}

/** Whole-file refusal details for 422 `unrecognised_format`. */
export interface UnrecognisedFormatDetails {
  headers: string[];
  recognisedFormats: { format: ImportFormat; label: string }[];
}
