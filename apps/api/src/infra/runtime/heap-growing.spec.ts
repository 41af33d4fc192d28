import { DEFAULT_HEAP_GROWING_PERCENT, heapGrowingPercent } from './heap-growing.js';

describe('heapGrowingPercent (RESONANCE_HEAP_GROWING_PERCENT)', () => {
  it('defaults to 50 (the heap may grow 1.5× past what was live) when unset or blank', () => {
    expect(DEFAULT_HEAP_GROWING_PERCENT).toBe(50);
    expect(heapGrowingPercent(undefined)).toBe(50);
    expect(heapGrowingPercent(' ')).toBe(50);
  });

  it('takes an integer from 0 (V8 decides) to 300', () => {
    expect(heapGrowingPercent('0')).toBe(0);
    expect(heapGrowingPercent('100')).toBe(100);
    expect(heapGrowingPercent('300')).toBe(300);
  });

  it('refuses anything else, naming the variable', () => {
    for (const bad of ['-1', '301', '1.5', 'fast']) {
      expect(() => heapGrowingPercent(bad)).toThrow(/RESONANCE_HEAP_GROWING_PERCENT/);
    }
  });
});
