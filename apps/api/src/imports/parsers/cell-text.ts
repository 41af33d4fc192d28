import type ExcelJS from 'exceljs';

/** Cell values as text: numbers unformatted, dates as ISO dates (ISO datetimes when they carry a time). */
export function cellToString(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return dateToIso(value);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : '';
  if ('formula' in value || 'sharedFormula' in value) {
    const result = value.result;
    return result === undefined || (typeof result === 'object' && !(result instanceof Date))
      ? ''
      : cellToString(result);
  }
  // An error cell (#N/A, #REF!…) carries no figure.
  return '';
}

function dateToIso(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  const iso = date.toISOString();
  // exceljs reads spreadsheet dates as UTC; a midnight value is a plain date.
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}
