import { WriteWatch } from './event-packer.service.js';

describe('WriteWatch', () => {
  it('counts a changed insert counter as a write at the time it was read', () => {
    const watch = new WriteWatch();
    expect(watch.quietMs(1_000)).toBe(0);
    // The first reading cannot tell when the last write was: it counts as one now.
    watch.observe('500', 1_000);
    expect(watch.quietMs(4_000)).toBe(3_000);
    watch.observe('500', 4_000);
    expect(watch.quietMs(6_000)).toBe(5_000);
    watch.observe('501', 6_000);
    expect(watch.quietMs(6_000)).toBe(0);
    expect(watch.quietMs(7_500)).toBe(1_500);
  });
});
