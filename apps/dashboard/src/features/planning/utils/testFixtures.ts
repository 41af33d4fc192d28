import type { ObservanceOccurrence } from '@resonance/contracts';

/** An occurrence with only what a test cares about. */
export function occurrence(
  partial: Partial<ObservanceOccurrence> & Pick<ObservanceOccurrence, 'startsOn' | 'endsOn'>,
): ObservanceOccurrence {
  return {
    id: partial.id ?? `id-${partial.startsOn}`,
    slug: 'slug',
    name: partial.name ?? `Observance ${partial.startsOn}`,
    region: 'global',
    rule: { kind: 'fixed_day', month: 1, day: 1 },
    ruleDescription: 'rule',
    organiser: null,
    url: null,
    description: null,
    source: 'catalogue',
    year: Number(partial.startsOn.slice(0, 4)),
    ...partial,
  };
}
