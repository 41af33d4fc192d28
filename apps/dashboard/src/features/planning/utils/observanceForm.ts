import {
  describeRule,
  OBSERVANCE_SLUG_PATTERN,
  resolveObservance,
  validateObservanceRule,
  type ObservanceRule,
} from '@resonance/analytics';
import { OBSERVANCE_REGION_PATTERN, type CreateObservanceRequest, type ObservanceRuleJson } from '@resonance/contracts';

/** Rule kinds the form offers (a rule relative to another observance is left to the API). */
export const FORM_RULE_KINDS = [
  { id: 'fixed_day', label: 'A fixed day (e.g. 10 October)' },
  { id: 'fixed_range', label: 'A fixed range of dates' },
  { id: 'whole_month', label: 'A whole month' },
  { id: 'nth_weekday', label: 'The nth weekday of a month (e.g. third Monday)' },
  { id: 'first_full_week', label: 'The first full week of a month' },
  { id: 'week_containing', label: 'The week containing a date' },
] as const;
export type FormRuleKind = (typeof FORM_RULE_KINDS)[number]['id'];

/** The form as typed: every value a string, as inputs and selects give them. */
export interface ObservanceDraft {
  name: string;
  slug: string;
  region: string;
  kind: FormRuleKind;
  month: string;
  day: string;
  endMonth: string;
  endDay: string;
  weekday: string;
  n: string;
  durationDays: string;
  weekStartsOn: string;
  organiser: string;
  url: string;
  description: string;
}

export const EMPTY_OBSERVANCE_DRAFT: ObservanceDraft = {
  name: '',
  slug: '',
  region: 'global',
  kind: 'fixed_day',
  month: '1',
  day: '1',
  endMonth: '1',
  endDay: '7',
  weekday: '1',
  n: '1',
  durationDays: '1',
  weekStartsOn: '1',
  organiser: '',
  url: '',
  description: '',
};

type DraftField = keyof ObservanceDraft;

/** "Our Helpline Day!" → "our-helpline-day". */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}

function toInt(text: string): number {
  return /^-?\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
}

/** The rule JSON for the chosen kind, with only that kind's fields. */
export function draftToRule(d: ObservanceDraft): Record<string, unknown> {
  const month = toInt(d.month);
  switch (d.kind) {
    case 'fixed_day':
      return { kind: d.kind, month, day: toInt(d.day) };
    case 'fixed_range':
      return {
        kind: d.kind,
        startMonth: month,
        startDay: toInt(d.day),
        endMonth: toInt(d.endMonth),
        endDay: toInt(d.endDay),
      };
    case 'whole_month':
      return { kind: d.kind, month };
    case 'nth_weekday': {
      const duration = toInt(d.durationDays);
      const rule = { kind: d.kind, month, weekday: toInt(d.weekday), n: toInt(d.n) };
      return duration > 1 ? { ...rule, durationDays: duration } : rule;
    }
    case 'first_full_week':
      return { kind: d.kind, month, weekStartsOn: toInt(d.weekStartsOn) };
    case 'week_containing':
      return { kind: d.kind, month, day: toInt(d.day), weekStartsOn: toInt(d.weekStartsOn) };
  }
}

export interface ObservancePreview {
  /** The rule in words, as the calendar will show it. */
  description: string;
  occurrences: { year: number; startsOn: string; endsOn: string }[];
}

export type BuiltObservance =
  | { ok: true; request: CreateObservanceRequest; preview: ObservancePreview }
  | { ok: false; errors: Partial<Record<DraftField, string>>; ruleErrors: string[] };

/** Validates the draft with the same rule checks as the API, and previews the dates it gives. */
export function buildObservanceRequest(d: ObservanceDraft, thisYear: number): BuiltObservance {
  const errors: Partial<Record<DraftField, string>> = {};
  const name = d.name.trim();
  if (!name) errors.name = 'Enter a name.';
  else if (name.length > 200) errors.name = 'Keep the name to 200 characters.';
  const slug = d.slug.trim();
  if (!OBSERVANCE_SLUG_PATTERN.test(slug) || slug.length > 80) {
    errors.slug = 'Use lower-case letters, digits and single hyphens, e.g. our-helpline-day.';
  }
  const region = d.region.trim();
  if (!OBSERVANCE_REGION_PATTERN.test(region))
    errors.region = "Use 'global' or a two-letter upper-case code such as UK.";
  const url = d.url.trim();
  if (url && !/^https?:\/\/\S+$/.test(url)) errors.url = 'Enter a web address starting with https://.';

  const checked = validateObservanceRule(draftToRule(d));
  const ruleErrors = checked.ok ? [] : checked.errors;
  if (!checked.ok || Object.keys(errors).length > 0) return { ok: false, errors, ruleErrors };

  const rule: ObservanceRule = checked.rule;
  const optional = (text: string) => (text.trim() ? text.trim() : null);
  return {
    ok: true,
    request: {
      slug,
      name,
      region,
      rule: rule as ObservanceRuleJson,
      organiser: optional(d.organiser),
      url: optional(url),
      description: optional(d.description),
    },
    preview: {
      description: describeRule(rule),
      occurrences: [thisYear, thisYear + 1].map((year) => ({ year, ...resolveObservance(rule, year) })),
    },
  };
}
