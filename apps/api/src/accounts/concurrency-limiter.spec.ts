import { ConcurrencyLimiter } from './concurrency-limiter.js';

describe('ConcurrencyLimiter', () => {
  it('never runs more than the limit at once, runs every queued task, and refuses past the queue', async () => {
    const limiter = new ConcurrencyLimiter(2, 3);
    let peak = 0;
    const gates: (() => void)[] = [];
    const task = () =>
      new Promise<number>((resolve) => {
        peak = Math.max(peak, limiter.active);
        gates.push(() => resolve(1));
      });
    const results = Array.from({ length: 6 }, () => limiter.run(task));
    // 2 running + 3 queued; the sixth is refused without running.
    await expect(results[5]).resolves.toBeNull();
    while (gates.length > 0 || limiter.active > 0) {
      gates.shift()?.();
      await new Promise((r) => setImmediate(r));
    }
    const settled = await Promise.all(results.slice(0, 5));
    expect(settled).toEqual(Array.from({ length: 5 }, () => ({ value: 1 })));
    expect(peak).toBe(2);
    expect(limiter.active).toBe(0);
  });

  it('frees the slot when a task throws', async () => {
    const limiter = new ConcurrencyLimiter(1, 0);
    await expect(limiter.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limiter.run(() => Promise.resolve('ok'))).resolves.toEqual({ value: 'ok' });
  });
});
