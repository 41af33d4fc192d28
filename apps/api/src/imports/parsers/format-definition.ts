import type { EventType, ExportFormat, Platform } from './types.js';

/** Our fields a column can feed. Event types are counts; the rest describe the row. */
export type FieldKey =
  | EventType
  | 'reach'
  | 'spend'
  | 'currency'
  | 'periodStart'
  | 'periodEnd'
  | 'day'
  | 'publishTime'
  | 'exportDate'
  | 'campaign'
  | 'adSet'
  | 'creativeName'
  | 'externalId'
  | 'age'
  | 'gender'
  | 'region'
  | 'platform'
  | 'placement';

export interface ColumnSpec {
  field: FieldKey;
  /** Normalised header spellings in priority order: the first present wins, unless `sum`. */
  headers: readonly string[];
  /** Add every present column (X: Reposts + Shares are different actions, both shares). */
  sum?: boolean;
}

/** Cells of one row as the format needs them; errors for bad values are recorded by the reader. */
export interface RowCells {
  has(field: FieldKey): boolean;
  text(field: FieldKey): string | null;
  /** A required date: records a row error when blank or unreadable. */
  date(field: FieldKey): string | null;
  /** An optional date: null when blank or not a date, no error. */
  tryDate(field: FieldKey): string | null;
}

export interface Period {
  start: string;
  end: string;
}

export interface FormatDefinition {
  format: ExportFormat;
  /** Shown to users when a file is not recognised. */
  label: string;
  columns: readonly ColumnSpec[];
  /** Each group needs at least one of its fields present. */
  required: readonly (readonly FieldKey[])[];
  /** Normalised headers only this platform writes; at least one must be present. */
  signature: readonly string[];
  /** Columns holding dates, looked at together to settle day/month order. */
  dateFields: readonly FieldKey[];
  /** Lifetime figures of a post rather than activity within the period. */
  lifetime: boolean;
  /** Which identifies a creative: the ad/post name (ads) or the post id (organic posts). */
  creativeKey: 'name' | 'id';
  period(cells: RowCells): Period | null;
  platform(cells: RowCells): Platform;
  /** The entity a row is about, e.g. 'ad', 'adset', 'post'. */
  level(has: (field: FieldKey) => boolean): string;
  /** Why columns this format writes are not imported (normalised header → reason); others get a generic reason. */
  ignoredReasons: Readonly<Record<string, string>>;
}

/** The reason given for a column no format field reads and no format lists. */
export const UNKNOWN_COLUMN_REASON = 'Not a figure Resonance imports from this export.';
const DESCRIPTIVE = 'Descriptive: not a figure, and not needed to place the row.';
/** Reasons shared by several formats. */
export const COMMON_IGNORED_REASONS: Readonly<Record<string, string>> = {
  'account id': DESCRIPTIVE,
  'account username': DESCRIPTIVE,
  'account name': DESCRIPTIVE,
  permalink: DESCRIPTIVE,
  'post link': DESCRIPTIVE,
  'post type': DESCRIPTIVE,
  'duration (sec)': DESCRIPTIVE,
  'data comment': DESCRIPTIVE,
  'ad set id': DESCRIPTIVE,
  'ad group id': DESCRIPTIVE,
  'campaign id': DESCRIPTIVE,
  'profile visits': 'Visits to the profile: navigation, not engagement with the message.',
};

/** Breakdown columns, in the order they appear in a grain description. */
export const BREAKDOWN_FIELDS = [
  'age',
  'gender',
  'region',
  'platform',
  'placement',
] as const satisfies readonly FieldKey[];
