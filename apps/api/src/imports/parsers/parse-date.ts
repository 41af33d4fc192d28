import type { DateOrder } from './types.js';

const MONTHS: Record<string, number> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};

// An optional time after the date; the calendar date is taken as written (no time-zone shift).
const TIME = String.raw`(?:[T\s]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[ap]\.?m\.?)?\s*(?:z|utc|gmt|[+-]\d{2}:?\d{2})?)?`;
const WEEKDAY = String.raw`(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?`;

const ISO = new RegExp(String.raw`^(\d{4})[-/](\d{1,2})[-/](\d{1,2})${TIME}$`, 'i');
const SLASH = new RegExp(String.raw`^(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})${TIME}$`, 'i');
const DOTTED = new RegExp(String.raw`^(\d{1,2})\.(\d{1,2})\.(\d{4})${TIME}$`, 'i');
const MONTH_FIRST = new RegExp(
  String.raw`^${WEEKDAY}([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})${TIME}$`,
  'i',
);
const DAY_FIRST = new RegExp(
  String.raw`^${WEEKDAY}(\d{1,2})(?:st|nd|rd|th)?[\s-]+([a-z]{3,9})\.?,?[\s-]+(\d{4})${TIME}$`,
  'i',
);
// Excel day serials for 1954–2119; a CSV saved from Excel can carry them too.
const EXCEL_SERIAL = /^(\d{5})(?:\.\d+)?$/;
export const SLASH_PARTS = /^\s*(\d{1,2})\/(\d{1,2})\/(?:\d{4}|\d{2})\b/;

function isoDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || year < 1900 || year > 2200) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/**
 * Reads an export's date as 'YYYY-MM-DD', or null. `order` settles `01/05/2026`:
 * 'mdy' (US, what Meta, TikTok, Instagram and X write in English) or 'dmy'.
 * `31.12.2026` (dots) is always day-first.
 */
export function parseDate(raw: string, order: DateOrder): string | null {
  // An export repeats a few hundred dates over its rows: each is read once.
  const memo = order === 'mdy' ? MDY_MEMO : DMY_MEMO;
  let date = memo.get(raw);
  if (date === undefined) {
    date = readDate(raw, order);
    if (memo.size >= MEMO_SIZE) memo.clear();
    memo.set(raw, date);
  }
  return date;
}

const MEMO_SIZE = 10_000;
const MDY_MEMO = new Map<string, string | null>();
const DMY_MEMO = new Map<string, string | null>();

function readDate(raw: string, order: DateOrder): string | null {
  const text = raw.trim().replace(/\s+/g, ' ');
  let m = ISO.exec(text);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = SLASH.exec(text);
  if (m) {
    const [a, b] = [Number(m[1]), Number(m[2])];
    const year = m[3]?.length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
    return order === 'mdy' ? isoDate(year, a, b) : isoDate(year, b, a);
  }
  m = DOTTED.exec(text);
  if (m) return isoDate(Number(m[3]), Number(m[2]), Number(m[1]));
  m = MONTH_FIRST.exec(text);
  if (m) {
    const month = MONTHS[(m[1] ?? '').toLowerCase()];
    return month ? isoDate(Number(m[3]), month, Number(m[2])) : null;
  }
  m = DAY_FIRST.exec(text);
  if (m) {
    const month = MONTHS[(m[2] ?? '').toLowerCase()];
    return month ? isoDate(Number(m[3]), month, Number(m[1])) : null;
  }
  m = EXCEL_SERIAL.exec(text);
  if (m) {
    const serial = Number(m[1]);
    if (serial < 20000 || serial > 80000) return null;
    // Excel's day 0 is 1899-12-30 once its 1900 leap-year bug is accounted for.
    return new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000).toISOString().slice(0, 10);
  }
  return null;
}

/**
 * Day/month order for a file's slash dates, decided once per file: day-first only when some
 * value's first part is over 12 and none has a second part over 12; otherwise US month-first.
 * A file whose every day is ≤ 12 cannot be told apart and is read month-first.
 */
export function detectDateOrder(values: Iterable<string>): DateOrder {
  let firstOver12 = false;
  let secondOver12 = false;
  for (const value of values) {
    const m = SLASH_PARTS.exec(value);
    if (!m) continue;
    if (Number(m[1]) > 12) firstOver12 = true;
    if (Number(m[2]) > 12) secondOver12 = true;
  }
  return firstOver12 && !secondOver12 ? 'dmy' : 'mdy';
}
