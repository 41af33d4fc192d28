import {
  MAX_DURATION_DAYS,
  MAX_OFFSET_DAYS,
  OBSERVANCE_RULE_KINDS,
  OBSERVANCE_SLUG_PATTERN,
  type ObservanceRule,
  type ObservanceRuleKind,
} from './observance-rule.js';
import { MONTH_NAMES } from './names.js';

export type ObservanceRuleValidation = { ok: true; rule: ObservanceRule } | { ok: false; errors: string[] };

// Longest each month can be, so 29 February is accepted (it falls on 28 Feb in common years).
const MAX_DAY_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

const FIELDS: Record<ObservanceRuleKind, readonly string[]> = {
  fixed_day: ['month', 'day'],
  fixed_range: ['startMonth', 'startDay', 'endMonth', 'endDay'],
  whole_month: ['month'],
  nth_weekday: ['month', 'weekday', 'n', 'durationDays'],
  first_full_week: ['month', 'weekStartsOn'],
  week_containing: ['month', 'day', 'weekStartsOn'],
  relative: ['to', 'offsetDays', 'durationDays'],
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isKind(value: unknown): value is ObservanceRuleKind {
  return typeof value === 'string' && (OBSERVANCE_RULE_KINDS as readonly string[]).includes(value);
}

/** Collects every problem rather than stopping at the first, so a form can show them all. */
class Checker {
  readonly errors: string[] = [];
  constructor(private readonly input: Record<string, unknown>) {}

  int(field: string, min: number, max: number, hint = ''): number {
    const value = this.input[field];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      // "-366–366" reads badly, so negative bounds get words.
      const bounds = min < 0 ? `${min} to ${max}` : `${min}–${max}`;
      this.errors.push(`rule.${field} must be an integer ${bounds}${hint}`);
      return min;
    }
    return value;
  }

  oneOf<T extends number>(field: string, allowed: readonly T[], wording: string): T {
    const value = this.input[field];
    const found = allowed.find((candidate) => candidate === value);
    if (found === undefined) this.errors.push(`rule.${field} must be ${wording}`);
    return found ?? (allowed[0] as T);
  }

  month(field: string): number {
    return this.int(field, 1, 12);
  }

  /** Checks the day against its month once the month itself is known to be valid. */
  dayOf(field: string, month: number): number {
    const max = MAX_DAY_IN_MONTH[month - 1] ?? 31;
    const name = MONTH_NAMES[month - 1];
    const hint = max < 31 && name ? ` (${name} has at most ${max} days)` : '';
    return this.int(field, 1, max, hint);
  }
}

const WEEK_STARTS = [0, 1] as const;
const ORDINALS = [1, 2, 3, 4, 5, -1] as const;

/**
 * Checks untrusted input (an API body, a jsonb value) and returns a clean copy of
 * the rule. Unknown fields are rejected so nothing unexpected is stored.
 */
export function validateObservanceRule(input: unknown): ObservanceRuleValidation {
  if (!isRecord(input)) return { ok: false, errors: ['rule must be an object'] };
  const { kind } = input;
  if (!isKind(kind)) {
    return { ok: false, errors: [`rule.kind must be one of ${OBSERVANCE_RULE_KINDS.join(', ')}`] };
  }

  const check = new Checker(input);
  const allowed = FIELDS[kind];
  for (const key of Object.keys(input)) {
    if (key !== 'kind' && !allowed.includes(key)) {
      check.errors.push(`rule.${key} is not a field of a ${kind} rule (allowed: ${allowed.join(', ')})`);
    }
  }

  const weekStart = (): 0 | 1 => check.oneOf('weekStartsOn', WEEK_STARTS, '0 (Sunday) or 1 (Monday)');
  const duration = (): number => check.int('durationDays', 1, MAX_DURATION_DAYS);
  let rule: ObservanceRule;
  switch (kind) {
    case 'fixed_day': {
      const month = check.month('month');
      rule = { kind, month, day: check.dayOf('day', month) };
      break;
    }
    case 'fixed_range': {
      const startMonth = check.month('startMonth');
      const startDay = check.dayOf('startDay', startMonth);
      const endMonth = check.month('endMonth');
      rule = { kind, startMonth, startDay, endMonth, endDay: check.dayOf('endDay', endMonth) };
      break;
    }
    case 'whole_month':
      rule = { kind, month: check.month('month') };
      break;
    case 'nth_weekday': {
      rule = {
        kind,
        month: check.month('month'),
        weekday: check.oneOf('weekday', [0, 1, 2, 3, 4, 5, 6] as const, 'an integer 0–6 (0 = Sunday, 6 = Saturday)'),
        n: check.oneOf('n', ORDINALS, 'one of 1, 2, 3, 4, 5 or -1 (last)'),
      };
      if (input['durationDays'] !== undefined) rule.durationDays = duration();
      break;
    }
    case 'first_full_week':
      rule = { kind, month: check.month('month'), weekStartsOn: weekStart() };
      break;
    case 'week_containing': {
      const month = check.month('month');
      rule = { kind, month, day: check.dayOf('day', month), weekStartsOn: weekStart() };
      break;
    }
    case 'relative': {
      const to = input['to'];
      if (typeof to !== 'string' || !OBSERVANCE_SLUG_PATTERN.test(to)) {
        check.errors.push('rule.to must be an observance slug (lower-case letters, digits and single hyphens)');
      }
      rule = {
        kind,
        to: typeof to === 'string' ? to : '',
        offsetDays: check.int('offsetDays', -MAX_OFFSET_DAYS, MAX_OFFSET_DAYS),
        durationDays: duration(),
      };
      break;
    }
  }
  return check.errors.length > 0 ? { ok: false, errors: check.errors } : { ok: true, rule };
}
