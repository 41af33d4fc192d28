import { arrayLiteral, columnLiteral } from './event-writer.js';

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

describe('columnLiteral', () => {
  it.each([
    [['a', 'b'], '{"a","b"}'],
    [['say "hi"', 'back\\slash', 'plain'], '{"say \\"hi\\"","back\\\\slash","plain"}'],
    [['a,b', '{x}', ' spaced ', ''], '{"a,b","{x}"," spaced ",""}'],
    [[1, 42, -3, 0, 2.5], '{1,42,-3,0,2.5}'],
    [['1', 2], '{"1","2"}'],
    [[], '{}'],
  ])('%j → %s, as arrayLiteral gives it', (values: (string | number)[], literal: string) => {
    expect(columnLiteral(values)).toBe(literal);
    expect(columnLiteral(values)).toBe(
      arrayLiteral(values, (v) => (values.some((x) => typeof x === 'string') ? String(v) : v)),
    );
  });
});
