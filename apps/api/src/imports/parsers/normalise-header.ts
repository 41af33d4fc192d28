// 'ALL' is the Albanian lek but far more often Meta's "Clicks (all)".
const CURRENCY_CODES = new Set(Intl.supportedValuesOf('currency').filter((code) => code !== 'ALL'));
const SUFFIX = /\s*[([]\s*([A-Za-z]{3}|[$€£¥₹₦₱₩])\s*[)\]]$/u;

/**
 * The comparable form of a header: BOM, surrounding and repeated whitespace, case and a
 * currency suffix (`Amount spent (INR)`, `Cost (USD)`) removed.
 */
export function normaliseHeader(header: string): string {
  let text = header
    .replace(/^\uFEFF/, '')
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .trim();
  const suffix = SUFFIX.exec(text);
  const code = suffix?.[1];
  if (suffix && code && (code.length === 1 || CURRENCY_CODES.has(code.toUpperCase()))) {
    text = text.slice(0, suffix.index).trim();
  }
  return text.toLowerCase();
}

/** Currency symbols that name one currency; '$' and '¥' do not (USD, CAD, AUD …; JPY, CNY). */
const SYMBOLS: Record<string, string> = { '€': 'EUR', '£': 'GBP', '₹': 'INR', '₦': 'NGN', '₱': 'PHP', '₩': 'KRW' };

/** The currency a header names (`Amount spent (INR)` → INR, `Cost (€)` → EUR), or null. */
export function currencyOfHeader(header: string): string | null {
  const text = header.replace(/^\uFEFF/, '').trim();
  const code = SUFFIX.exec(text)?.[1];
  if (!code) return null;
  if (code.length === 1) return SYMBOLS[code] ?? null;
  const upper = code.toUpperCase();
  return CURRENCY_CODES.has(upper) ? upper : null;
}

/** An ISO 4217 code from a Currency cell (`usd` → USD), or null when it is not one. */
export function currencyCode(raw: string): string | null {
  const upper = raw.trim().toUpperCase();
  return /^[A-Z]{3}$/.test(upper) && (CURRENCY_CODES.has(upper) || upper === 'ALL') ? upper : null;
}
