import type { SegmentRules } from '@resonance/contracts';

export type RuleDimension = keyof SegmentRules;

/** Adds or removes one value of a dimension; an emptied dimension is dropped (it then matches everyone). */
export function toggleRuleValue(rules: SegmentRules, dimension: RuleDimension, value: string): SegmentRules {
  const current = (rules[dimension] ?? []) as string[];
  const nextValues = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  const next = { ...rules } as Record<RuleDimension, string[] | undefined>;
  if (nextValues.length === 0) delete next[dimension];
  else next[dimension] = nextValues;
  return next as SegmentRules;
}

/** Same rules, values sorted: a stable query key however the user clicked. */
export function normaliseRules(rules: SegmentRules): SegmentRules {
  const out: Record<string, string[]> = {};
  for (const key of Object.keys(rules).sort()) {
    const values = (rules as Record<string, string[] | undefined>)[key];
    if (values && values.length > 0) out[key] = [...values].sort();
  }
  return out as SegmentRules;
}

export function isEmptyRules(rules: SegmentRules): boolean {
  return Object.values(rules).every((v) => !v || (v as unknown[]).length === 0);
}
