import { UNKNOWN_COLUMN_REASON, type FieldKey, type FormatDefinition } from './format-definition.js';
import { instagramContentFormat } from './instagram-content.parser.js';
import { metaAdsFormat } from './meta-ads.parser.js';
import { normaliseHeader } from './normalise-header.js';
import { tiktokAdsFormat } from './tiktok-ads.parser.js';
import type { DetectedFormat, IgnoredColumn } from './types.js';
import { xPostAnalyticsFormat } from './x-post-analytics.parser.js';

export const FORMAT_DEFINITIONS: readonly FormatDefinition[] = [
  metaAdsFormat,
  tiktokAdsFormat,
  instagramContentFormat,
  xPostAnalyticsFormat,
];

/** What a user can be told when a file is not recognised. */
export const RECOGNISED_FORMATS = FORMAT_DEFINITIONS.map(({ format, label }) => ({ format, label }));

/** Column positions feeding one field, with the headers as the file writes them. */
export interface ResolvedColumn {
  indexes: number[];
  headers: string[];
}

/**
 * Matches a format's columns to a file's headers, ignoring order, case, whitespace, BOM and
 * currency suffixes. A column feeds at most one field (first spec wins), so nothing is counted twice;
 * a header that appears twice is read from its first occurrence.
 */
export function resolveColumns(
  headers: readonly string[],
  definition: FormatDefinition,
): Map<FieldKey, ResolvedColumn> {
  const positions = new Map<string, number>();
  headers.forEach((header, index) => {
    const key = normaliseHeader(header);
    if (key !== '' && !positions.has(key)) positions.set(key, index);
  });
  const claimed = new Set<number>();
  const resolved = new Map<FieldKey, ResolvedColumn>();
  for (const spec of definition.columns) {
    const indexes: number[] = [];
    for (const name of spec.headers) {
      const index = positions.get(name);
      if (index === undefined || claimed.has(index)) continue;
      indexes.push(index);
      if (!spec.sum) break;
    }
    if (indexes.length === 0) continue;
    indexes.forEach((index) => claimed.add(index));
    resolved.set(spec.field, {
      indexes,
      headers: indexes.map((index) => (headers[index] ?? '').replace(/^\uFEFF/, '').trim()),
    });
  }
  return resolved;
}

export interface Detection extends DetectedFormat {
  definition: FormatDefinition;
  columns: Map<FieldKey, ResolvedColumn>;
}

/** The best-matching format with its columns, or null when no format's required columns are all there. */
export function detectFormatDefinition(headers: readonly string[]): Detection | null {
  const present = new Set(headers.map(normaliseHeader));
  let best: { detection: Detection; score: number } | null = null;
  for (const definition of FORMAT_DEFINITIONS) {
    const columns = resolveColumns(headers, definition);
    const complete = definition.required.every((group) => group.some((field) => columns.has(field)));
    const signatureHits = definition.signature.filter((header) => present.has(header)).length;
    if (!complete || signatureHits === 0) continue;
    const score = columns.size + signatureHits;
    if (best && best.score >= score) continue;
    const mapping: Record<string, string> = {};
    for (const [field, column] of columns) mapping[field] = column.headers.join(' + ');
    const ignored = ignoredColumns(headers, definition, columns);
    best = { detection: { format: definition.format, mapping, ignored, definition, columns }, score };
  }
  return best?.detection ?? null;
}

/** Non-blank columns no field reads (a repeated header's later copies included), each with why. */
function ignoredColumns(
  headers: readonly string[],
  definition: FormatDefinition,
  columns: ReadonlyMap<FieldKey, ResolvedColumn>,
): IgnoredColumn[] {
  const read = new Set([...columns.values()].flatMap((c) => c.indexes));
  const out: IgnoredColumn[] = [];
  headers.forEach((raw, index) => {
    const header = raw.replace(/^\uFEFF/, '').trim();
    if (header === '' || read.has(index)) return;
    const key = normaliseHeader(header);
    const repeated = headers.findIndex((h) => normaliseHeader(h) === key) !== index;
    const reason = repeated
      ? 'A second column with the same name: the first one is read.'
      : (definition.ignoredReasons[key] ?? UNKNOWN_COLUMN_REASON);
    out.push({ header, reason });
  });
  return out;
}

/** Recognises an export by its headers: the format and our field → their header, or null. */
export function detectFormat(headers: string[]): DetectedFormat | null {
  const detection = detectFormatDefinition(headers);
  return detection ? { format: detection.format, mapping: detection.mapping, ignored: detection.ignored } : null;
}
