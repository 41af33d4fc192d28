import { detectFormatDefinition, RECOGNISED_FORMATS, type Detection } from './detect-format.js';
import { BREAKDOWN_FIELDS } from './format-definition.js';
import { ImportFileError } from './import-file-error.js';
import { parseAgeBand, parseGender } from './normalise-values.js';
import { detectDateOrder } from './parse-date.js';
import { RowReader } from './row-reader.js';
import {
  EVENT_TYPES,
  type EventType,
  type ParsedRow,
  type ParseOptions,
  type ParseResult,
  type RowError,
  type Table,
} from './types.js';

// Footer rows platforms append: "Total of 378 results", "Total", "Summary", "Results from 12 rows".
const FOOTER = /^(?:totals?|grand total|summary|total of [\d,. ]+ (?:results?|rows?)|results? from [\d,. ]+ rows?)$/i;

export function isBlank(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === '');
}

export function isFooter(cells: readonly string[]): boolean {
  const first = cells.find((cell) => cell.trim() !== '');
  return first !== undefined && FOOTER.test(first.trim());
}

/** The grain's text after its time part, per detection (the same for every row of a file). */
const GRAIN_TAILS = new WeakMap<Detection, string>();

function describeGrain(detection: Detection, start: string, end: string): string {
  const { definition, columns } = detection;
  let tail = GRAIN_TAILS.get(detection);
  if (tail === undefined) {
    const has = (field: Parameters<typeof columns.has>[0]): boolean => columns.has(field);
    tail = [definition.level(has), ...BREAKDOWN_FIELDS.filter(has)].join('|');
    GRAIN_TAILS.set(detection, tail);
  }
  const time = definition.lifetime ? 'lifetime' : start === end ? 'day' : 'period';
  return `${time}|${tail}`;
}

export function parseRow(reader: RowReader, detection: Detection, options: ParseOptions): ParsedRow | null {
  const { definition } = detection;
  const period = definition.period(reader);
  if (period && period.end < period.start) {
    reader.fail(reader.header('periodEnd'), `The period ends (${period.end}) before it starts (${period.start}).`);
  }

  const campaign = reader.text('campaign') ?? options.campaignKey ?? null;
  if (campaign === null) {
    const field = reader.has('campaign') ? reader.header('campaign') : 'campaign';
    reader.fail(field, 'No campaign: the file names none for this row, and none was chosen for the import.');
  }

  let ageBand: ParsedRow['ageBand'] = null;
  if (reader.has('age')) {
    const raw = reader.text('age') ?? '';
    const band = parseAgeBand(raw);
    if (band === undefined)
      reader.fail(reader.header('age'), `"${reader.header('age')}" is not an age band we know: "${raw}".`, raw);
    else ageBand = band;
  }
  let gender: ParsedRow['gender'] = null;
  if (reader.has('gender')) {
    const raw = reader.text('gender') ?? '';
    const value = parseGender(raw);
    if (value === undefined)
      reader.fail(reader.header('gender'), `"${reader.header('gender')}" is not a gender we know: "${raw}".`, raw);
    else gender = value;
  }

  const counts: Partial<Record<EventType, number>> = {};
  for (const type of EVENT_TYPES) {
    const value = reader.count(type);
    if (value !== null) counts[type] = value;
  }
  const reach = reader.reach();
  const spend = reader.spend();

  if (reader.errors.length > 0 || !period || campaign === null) return null;
  const externalId = reader.text('externalId');
  const creativeName = reader.text('creativeName');
  return {
    rowNumber: reader.rowNumber,
    periodStart: period.start,
    periodEnd: period.end,
    campaign,
    creative: definition.creativeKey === 'name' ? (creativeName ?? externalId) : (externalId ?? creativeName),
    creativeName,
    platform: definition.platform(reader),
    externalId,
    ageBand,
    gender,
    region: reader.text('region'),
    counts,
    reach,
    spend,
    grain: describeGrain(detection, period.start, period.end),
  };
}

/**
 * Recognises a table's format and turns its rows into aggregated event rows. Bad rows become
 * RowErrors (all of a row's problems, each naming its column) and the other rows still parse;
 * blank and footer rows are skipped silently. Throws ImportFileError('unrecognised_format')
 * with the recognised formats when the headers match none.
 */
export function parseExport(table: Table, options: ParseOptions = {}): ParseResult {
  const detection = detectFormatDefinition(table.headers);
  if (!detection) {
    throw new ImportFileError('unrecognised_format', "The file's columns do not match an export we recognise.", {
      headers: table.headers,
      recognisedFormats: RECOGNISED_FORMATS,
    });
  }
  const { definition, columns } = detection;

  const dataRows = table.rows
    .map((cells, index) => ({ cells, rowNumber: index + 2 }))
    .filter(({ cells }) => !isBlank(cells) && !isFooter(cells));

  const dateIndexes = definition.dateFields.flatMap((field) => columns.get(field)?.indexes ?? []);
  const dateOrder =
    options.dateOrder ??
    detectDateOrder(dataRows.flatMap(({ cells }) => dateIndexes.map((index) => cells[index] ?? '')));

  const rows: ParsedRow[] = [];
  const errors: RowError[] = [];
  for (const { cells, rowNumber } of dataRows) {
    const reader = new RowReader(cells, columns, rowNumber, dateOrder);
    const row = parseRow(reader, detection, options);
    if (row) rows.push(row);
    errors.push(...reader.errors);
  }
  return {
    format: detection.format,
    mapping: detection.mapping,
    ignored: detection.ignored,
    rows,
    errors,
    rowsRead: dataRows.length,
  };
}
