import type { FieldKey, RowCells } from './format-definition.js';
import type { ResolvedColumn } from './detect-format.js';
import { CLOCK_SKEW_RULE, latestAcceptedDay } from '../../common/time/clock-skew.js';
import { currencyCode, currencyOfHeader } from './normalise-header.js';
import { parseCount, parseMoney } from './normalise-values.js';
import { parseDate } from './parse-date.js';
import type { DateOrder, ParsedSpend, RowError } from './types.js';

/** ISO 4217's code for "no currency": spend whose currency the file does not state. */
export const NO_CURRENCY = 'XXX';

/** latestAcceptedDay(), computed once a second rather than once a date cell. */
let latest = { at: 0, day: '' };
function latestDay(): string {
  const now = Date.now();
  if (Math.abs(now - latest.at) > 1_000) latest = { at: now, day: latestAcceptedDay(now) };
  return latest.day;
}

const headerCurrencies = new Map<string, string | null>();
function headerCurrency(header: string): string | null {
  let currency = headerCurrencies.get(header);
  if (currency === undefined) {
    currency = currencyOfHeader(header);
    if (headerCurrencies.size < 1_000) headerCurrencies.set(header, currency);
  }
  return currency;
}

/** One row's cells by field; bad values become RowErrors naming the file's column. */
export class RowReader implements RowCells {
  readonly errors: RowError[] = [];

  constructor(
    private readonly cells: readonly string[],
    private readonly columns: ReadonlyMap<FieldKey, ResolvedColumn>,
    readonly rowNumber: number,
    private readonly dateOrder: DateOrder,
  ) {}

  has(field: FieldKey): boolean {
    return this.columns.has(field);
  }

  header(field: FieldKey): string {
    return this.columns.get(field)?.headers.join(' + ') ?? field;
  }

  private raw(field: FieldKey, which = 0): string {
    const index = this.columns.get(field)?.indexes[which];
    return index === undefined ? '' : (this.cells[index] ?? '').trim();
  }

  text(field: FieldKey): string | null {
    const value = this.raw(field);
    return value === '' || value === '-' || value === '--' ? null : value;
  }

  fail(field: string, message: string, value?: string): void {
    this.errors.push({ rowNumber: this.rowNumber, field, message, ...(value === undefined ? {} : { value }) });
  }

  date(field: FieldKey): string | null {
    const value = this.raw(field);
    const header = this.header(field);
    if (value === '') {
      this.fail(header, `"${header}" is empty; a date is needed.`);
      return null;
    }
    const date = parseDate(value, this.dateOrder);
    if (!date) this.fail(header, `"${header}" is not a date we can read: "${value}".`, value);
    else if (date > latestDay()) {
      this.fail(header, `"${header}" is in the future: "${value}" (dates must be ${CLOCK_SKEW_RULE}).`, value);
      return null;
    }
    return date;
  }

  tryDate(field: FieldKey): string | null {
    const value = this.raw(field);
    return value === '' ? null : parseDate(value, this.dateOrder);
  }

  /** Sum of the field's columns; blank/'-'/'--' read as 0. `null` (with errors) when a value is bad. */
  count(field: FieldKey): number | null {
    const column = this.columns.get(field);
    if (!column) return null;
    let total = 0;
    let ok = true;
    column.indexes.forEach((_, which) => {
      const value = this.raw(field, which);
      const header = column.headers[which] ?? field;
      const result = parseCount(value);
      if (result.ok) total += result.value;
      else {
        ok = false;
        const reason = result.reason === 'negative' ? 'must not be negative' : 'must be a whole number';
        this.fail(header, `"${header}" ${reason}: "${value}".`, value);
      }
    });
    return ok ? total : null;
  }

  /** Reach: null when blank (not reported), unlike counts where blank means 0. */
  reach(): number | null {
    if (!this.has('reach') || this.text('reach') === null) return null;
    return this.count('reach');
  }

  /**
   * Spend with its currency: the Currency column's code, else the one in the spend header
   * ("Amount spent (INR)"), else XXX (not stated). null when the file has no spend column.
   */
  spend(): ParsedSpend | null {
    const column = this.columns.get('spend');
    if (!column) return null;
    const header = column.headers[0] ?? 'spend';
    const value = this.raw('spend');
    const result = parseMoney(value);
    if (!result.ok) {
      const reason = result.reason === 'negative' ? 'must not be negative' : 'must be an amount such as 12.34';
      this.fail(header, `"${header}" ${reason}: "${value}".`, value);
      return null;
    }
    let currency = headerCurrency(header);
    if (this.has('currency')) {
      const cell = this.text('currency');
      if (cell !== null) {
        const code = currencyCode(cell);
        if (code === null) {
          const name = this.header('currency');
          this.fail(name, `"${name}" is not a currency code such as USD or INR: "${cell}".`, cell);
          return null;
        }
        currency = code;
      }
    }
    return { micros: result.micros, currency: currency ?? NO_CURRENCY };
  }
}
