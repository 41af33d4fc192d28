import {
  DEFAULT_PLANNER_INPUTS,
  parseDecimal,
  parsePlannerInputs,
  parseWhole,
  toPercentInput,
  type PlannerInputs,
} from './plannerForm';

describe('parseDecimal and parseWhole', () => {
  it.each([
    ['2', 2],
    [' 2.5 ', 2.5],
    ['2,5', 2.5],
    ['.5', 0.5],
    ['1e-3', 0.001],
    ['', Number.NaN],
    ['abc', Number.NaN],
    ['2.5%', Number.NaN],
  ])('parseDecimal(%j) = %p', (text, value) => {
    expect(parseDecimal(text)).toBe(value);
  });

  it.each([
    ['50000', 50000],
    ['50,000', 50000],
    ['1 000 000', 1000000],
    ['1_000', 1000],
    ['12.5', Number.NaN],
    ['-3', Number.NaN],
    ['', Number.NaN],
  ])('parseWhole(%j) = %p', (text, value) => {
    expect(parseWhole(text)).toBe(value);
  });
});

describe('parsePlannerInputs', () => {
  it('turns the defaults into both queries, percentages as fractions', () => {
    const parsed = parsePlannerInputs(DEFAULT_PLANNER_INPUTS);
    expect(parsed.errors).toEqual({});
    expect(parsed.sampleSizeQuery).toEqual({
      baselineRate: 0.02,
      minRelativeLift: 0.1,
      alpha: 0.05,
      power: 0.8,
      arms: 2,
    });
    expect(parsed.inverseQuery).toEqual({
      baselineRate: 0.02,
      impressionsPerArm: 50000,
      alpha: 0.05,
      power: 0.8,
      arms: 2,
    });
  });

  it('removes binary noise from percent conversion', () => {
    const parsed = parsePlannerInputs({ ...DEFAULT_PLANNER_INPUTS, baselinePercent: '2.3', liftPercent: '7' });
    expect(parsed.sampleSizeQuery?.baselineRate).toBe(0.023);
    expect(parsed.sampleSizeQuery?.minRelativeLift).toBe(0.07);
  });

  it.each<[string, Partial<PlannerInputs>, keyof PlannerInputs, boolean, boolean]>([
    ['a zero baseline', { baselinePercent: '0' }, 'baselinePercent', false, false],
    ['a baseline of 100%', { baselinePercent: '100' }, 'baselinePercent', false, false],
    ['an empty lift', { liftPercent: '' }, 'liftPercent', false, true],
    ['a negative lift', { liftPercent: '-5' }, 'liftPercent', false, true],
    ['a lift past 100%', { baselinePercent: '60', liftPercent: '70' }, 'liftPercent', false, true],
    ['alpha of 1', { alpha: '1' }, 'alpha', false, false],
    ['power of 0', { power: '0' }, 'power', false, false],
    ['one arm', { arms: '1' }, 'arms', false, false],
    ['21 arms', { arms: '21' }, 'arms', false, false],
    ['fractional arms', { arms: '2.5' }, 'arms', false, false],
    ['zero planned impressions', { plannedImpressions: '0' }, 'plannedImpressions', true, false],
    ['fractional planned impressions', { plannedImpressions: '10.5' }, 'plannedImpressions', true, false],
  ])('%s: names the field and holds back the queries it breaks', (_label, change, field, forward, inverse) => {
    const parsed = parsePlannerInputs({ ...DEFAULT_PLANNER_INPUTS, ...change });
    expect(Object.keys(parsed.errors)).toEqual([field]);
    expect(parsed.sampleSizeQuery !== null).toBe(forward);
    expect(parsed.inverseQuery !== null).toBe(inverse);
  });

  it('says how high the lift may go for the baseline', () => {
    const parsed = parsePlannerInputs({ ...DEFAULT_PLANNER_INPUTS, baselinePercent: '50', liftPercent: '100' });
    expect(parsed.errors.liftPercent).toContain('less than 100%');
  });

  it('accepts more arms and planned impressions with separators', () => {
    const parsed = parsePlannerInputs({ ...DEFAULT_PLANNER_INPUTS, arms: '4', plannedImpressions: '120,000' });
    expect(parsed.inverseQuery).toMatchObject({ arms: 4, impressionsPerArm: 120000 });
  });
});

describe('toPercentInput', () => {
  it.each([
    [0.04237, '4.24'],
    [0.02, '2'],
    [0.0012345, '0.123'],
    [0.5, '50'],
  ])('%p → %s', (fraction, text) => {
    expect(toPercentInput(fraction)).toBe(text);
    expect(parsePlannerInputs({ ...DEFAULT_PLANNER_INPUTS, baselinePercent: text }).errors).toEqual({});
  });
});
