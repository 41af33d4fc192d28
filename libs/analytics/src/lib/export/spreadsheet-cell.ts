/**
 * The one rule for text cells in CSV files a spreadsheet will open (API exports and the
 * dashboard's own downloads): a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return
 * is run as a formula by Excel, LibreOffice and Google Sheets (OWASP "CSV injection"), so it is
 * written with a leading `'`, which spreadsheets show as plain text. A number written as text
 * (`-12`, `+3.5`, `1e-3`) is not a formula and is left alone, so it stays a number.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export function isFormulaLike(text: string): boolean {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text);
}

/** `text` made safe to open in a spreadsheet (see above); other text is returned unchanged. */
export function neutralizeFormula(text: string): string {
  return isFormulaLike(text) ? `'${text}` : text;
}
