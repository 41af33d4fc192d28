import type { BreakdownResponse, BreakdownRow } from '@resonance/contracts';
import { meta, metricSet } from '../../../shared/analytics/__fixtures__/analytics';
import { toTopCreatives } from './topCreatives';

const S = { suppressed: true } as const;

function row(id: string, name: string, impressions: number | typeof S, engagements: number | typeof S): BreakdownRow {
  return {
    key: [{ dimension: 'creative', value: id, label: name }],
    current: metricSet({ impressions, engagements }),
    shareOfTotal: { impressions: null, engagements: null, reach: null },
  };
}

describe('toTopCreatives', () => {
  const response: BreakdownResponse = {
    meta: meta(),
    by: ['creative'],
    rows: [
      row('a', 'A', 1000, 50),
      row('b', 'B', 900, 80),
      row('c', 'C', 2000, 50),
      row('d', 'D', S, S),
      row('e', 'E', 10, 1),
    ],
    total: { current: metricSet() },
    reachNote: '',
  };

  it.each([
    [2, ['b', 'c']],
    [5, ['b', 'c', 'a', 'e', 'd']],
  ])('top %i by engagements, ties broken by impressions, hidden last', (limit, ids) => {
    expect(toTopCreatives(response, limit).map((r) => r.id)).toEqual(ids);
  });
});
