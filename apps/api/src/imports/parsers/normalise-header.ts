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
