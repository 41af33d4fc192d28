/**
 * Platform export parsing: file → table → recognised format → aggregated event rows.
 * Pure code, no database; the import service decides what to store.
 */
export { readTable } from './read-table.js';
export { detectFormat, RECOGNISED_FORMATS } from './detect-format.js';
export { parseExport } from './parse-export.js';
export { ImportFileError, MAX_DATA_ROWS, type ImportFileErrorCode } from './import-file-error.js';
export {
  EVENT_TYPES,
  EXPORT_FORMATS,
  type AgeBand,
  type DateOrder,
  type DetectedFormat,
  type EventType,
  type ExportFormat,
  type Gender,
  type IgnoredColumn,
  type ParsedSpend,
  type ParsedRow,
  type ParseOptions,
  type ParseResult,
  type Platform,
  type RowError,
  type Table,
} from './types.js';
