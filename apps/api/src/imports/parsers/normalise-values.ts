import type { AgeBand, Gender, Platform } from './types.js';

export type CountResult = { ok: true; value: number } | { ok: false; reason: 'negative' | 'not_a_number' };

// Platforms write '-' or '--' (or nothing) where a metric had no activity in the row; that is 0.
const EMPTY_COUNT = /^(?:|-|--|—|–)$/;
const PLAIN = /^\d+(?:\.0+)?$/;
const COMMA_GROUPS = /^\d{1,3}(?:,\d{3})+(?:\.0+)?$/;
const SPACE_GROUPS = /^\d{1,3}(?:[ \u00a0\u202f']\d{3})+$/;
// '1.234' alone could be 1.234 or 1234; only two or more dot groups are unambiguous.
const DOT_GROUPS = /^\d{1,3}(?:\.\d{3}){2,}$/;

/** Plain digits, short enough to be a safe integer: most cells of an export. */
function isDigits(text: string): boolean {
  if (text.length === 0 || text.length > 15) return false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Reads a whole, non-negative count: `1234`, `1,234`, `1 234`, `1.234.567`, `12.0`; blank/`-`/`--` → 0. */
export function parseCount(raw: string): CountResult {
  if (isDigits(raw)) return { ok: true, value: Number(raw) };
  const text = raw.trim();
  if (EMPTY_COUNT.test(text)) return { ok: true, value: 0 };
  const negative = /^[-−]\s*\d/.test(text) || /^\(\s*\d[\d,. ]*\)$/.test(text);
  if (negative) return { ok: false, reason: 'negative' };
  let digits: string | null = null;
  if (PLAIN.test(text)) digits = text.replace(/\.0+$/, '');
  else if (COMMA_GROUPS.test(text)) digits = text.replace(/\.0+$/, '').replace(/,/g, '');
  else if (SPACE_GROUPS.test(text)) digits = text.replace(/[ \u00a0\u202f']/g, '');
  else if (DOT_GROUPS.test(text)) digits = text.replace(/\./g, '');
  if (digits === null) return { ok: false, reason: 'not_a_number' };
  const value = Number(digits);
  return Number.isSafeInteger(value) ? { ok: true, value } : { ok: false, reason: 'not_a_number' };
}

export type MoneyResult = { ok: true; micros: number } | { ok: false; reason: 'negative' | 'not_a_number' };

const MONEY_PLAIN = /^(\d+)(?:\.(\d{1,6}))?$/;
const MONEY_COMMA_GROUPS = /^(\d{1,3}(?:,\d{3})+)(?:\.(\d{1,6}))?$/;
const MONEY_SYMBOL = /^[$€£¥₹₦₱₩]\s*|\s*[$€£¥₹₦₱₩]$/gu;

/**
 * An amount of money in millionths (`12.34` → 12 340 000, `1,234.5` → 1 234 500 000), read from the
 * digits so no floating-point rounding creeps in; blank/`-`/`--` → 0. Up to 6 decimals.
 */
export function parseMoney(raw: string): MoneyResult {
  const text = raw.trim().replace(MONEY_SYMBOL, '');
  if (EMPTY_COUNT.test(text)) return { ok: true, micros: 0 };
  if (/^[-−(]/.test(text)) return { ok: false, reason: 'negative' };
  const m = MONEY_PLAIN.exec(text) ?? MONEY_COMMA_GROUPS.exec(text);
  if (!m) return { ok: false, reason: 'not_a_number' };
  const units = Number((m[1] ?? '0').replace(/,/g, ''));
  const micros = units * 1_000_000 + Number((m[2] ?? '').padEnd(6, '0'));
  return Number.isSafeInteger(micros) ? { ok: true, micros } : { ok: false, reason: 'not_a_number' };
}

const AGE_BANDS: Record<string, AgeBand> = {
  '13-17': '13-17',
  '18-24': '18-24',
  '25-34': '25-34',
  '35-44': '35-44',
  '45-54': '45-54',
  '55-64': '55-64',
  '65+': '65+',
  '65-100': '65+',
  '55+': '55+',
  '55-100': '55+',
  unknown: 'unknown',
  none: 'unknown',
  '': 'unknown',
};

/**
 * Age band as reported: `18-24`, `AGE_18_24`, `18 – 24`, `65+`, TikTok's `55+` / `AGE_55_100` stay 55+.
 * `undefined` = not a band we know (a row error); `null` = "All" (no breakdown).
 */
export function parseAgeBand(raw: string): AgeBand | null | undefined {
  const text = raw
    .trim()
    .toLowerCase()
    .replace(/^age[_\s]*/, '')
    .replace(/[_–—]/g, '-')
    .replace(/\s+/g, '');
  if (text === 'all') return null;
  return AGE_BANDS[text];
}

const GENDERS: Record<string, Gender> = {
  female: 'female',
  f: 'female',
  women: 'female',
  male: 'male',
  m: 'male',
  men: 'male',
  'non-binary': 'non_binary',
  non_binary: 'non_binary',
  nonbinary: 'non_binary',
  'non binary': 'non_binary',
  unknown: 'unknown',
  // TikTok's API writes NONE for an unknown gender.
  none: 'unknown',
  uncategorised: 'unknown',
  uncategorized: 'unknown',
  '': 'unknown',
};

/** `FEMALE`/`female`/`F` → female … ; `All` → null (no breakdown); `undefined` = unrecognised. */
export function parseGender(raw: string): Gender | null | undefined {
  const text = raw.trim().toLowerCase();
  if (text === 'all') return null;
  return GENDERS[text];
}

/** Meta's publisher platform breakdown; Messenger, Audience Network and Threads are 'other'. */
export function parseMetaPlatform(raw: string): Platform {
  const text = raw.trim().toLowerCase();
  if (text === 'facebook') return 'facebook';
  if (text === 'instagram') return 'instagram';
  return 'other';
}
