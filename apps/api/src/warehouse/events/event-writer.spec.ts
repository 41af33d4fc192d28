import { arrayLiteral } from './event-writer.js';

describe('arrayLiteral', () => {
  it.each([
    [['a', 'b'], '{"a","b"}'],
    [[null, 'NULL'], '{NULL,"NULL"}'],
    [['say "hi"', 'back\\slash'], '{"say \\"hi\\"","back\\\\slash"}'],
    [['a,b', '{x}', ' spaced '], '{"a,b","{x}"," spaced "}'],
    [[1, 42, -3, 0], '{1,42,-3,0}'],
    [['1', 2], '{"1",2}'],
    [[], '{}'],
  ])('%j → %s', (values: (string | number | null)[], literal: string) => {
    expect(arrayLiteral(values, (v) => v)).toBe(literal);
  });
});
