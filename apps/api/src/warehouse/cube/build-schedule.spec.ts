import { BuildSchedule, MAX_WAIT_MS, OVERDUE_MS, SETTLE_MS } from './build-schedule.js';

describe('BuildSchedule', () => {
  it('builds a marked day once its writes have paused, not while they go on', () => {
    const schedule = new BuildSchedule();
    const t0 = 1_000_000;
    expect(schedule.due([{ key: 'a', idleMs: 100 }], t0)).toEqual(new Set());
    expect(schedule.due([{ key: 'a', idleMs: SETTLE_MS - 1 }], t0 + 2_000)).toEqual(new Set());
    expect(schedule.due([{ key: 'a', idleMs: SETTLE_MS }], t0 + 4_000)).toEqual(new Set(['a']));
  });

  it('builds a day written without pause once it has waited MAX_WAIT_MS, then again MAX_WAIT_MS after that build', () => {
    const schedule = new BuildSchedule();
    const t0 = 1_000_000;
    for (let t = t0; t < t0 + MAX_WAIT_MS; t += 2_000) {
      expect(schedule.due([{ key: 'today', idleMs: 50 }], t)).toEqual(new Set());
    }
    expect(schedule.due([{ key: 'today', idleMs: 50 }], t0 + MAX_WAIT_MS)).toEqual(new Set(['today']));
    schedule.built('today', t0 + MAX_WAIT_MS + 500);
    expect(schedule.due([{ key: 'today', idleMs: 50 }], t0 + MAX_WAIT_MS + 2_000)).toEqual(new Set());
    expect(schedule.due([{ key: 'today', idleMs: 50 }], t0 + 2 * MAX_WAIT_MS + 500)).toEqual(new Set(['today']));
  });

  it('forgets a day that is no longer marked: marked again later, it waits from then', () => {
    const schedule = new BuildSchedule();
    const t0 = 1_000_000;
    schedule.due([{ key: 'a', idleMs: 0 }], t0);
    schedule.due([], t0 + 5_000); // built elsewhere (refreshAll, another process): no longer pending
    expect(schedule.due([{ key: 'a', idleMs: 0 }], t0 + MAX_WAIT_MS + 1)).toEqual(new Set());
    expect(schedule.due([{ key: 'a', idleMs: 0 }], t0 + 5_000 + 2 * MAX_WAIT_MS)).toEqual(new Set(['a']));
  });

  it('judges each day on its own', () => {
    const schedule = new BuildSchedule();
    expect(
      schedule.due(
        [
          { key: 'busy', idleMs: 10 },
          { key: 'done', idleMs: 60_000 },
        ],
        5_000,
      ),
    ).toEqual(new Set(['done']));
  });

  it('counts how long a pending day has waited for its build, from when first seen or last built', () => {
    const schedule = new BuildSchedule();
    const t0 = 1_000_000;
    expect(schedule.waitedMs('a', t0)).toBe(0); // never seen pending
    schedule.due([{ key: 'a', idleMs: 0 }], t0);
    // Due after SETTLE_MS, but not built (the builds are busy): still waiting, overdue at OVERDUE_MS.
    schedule.due([{ key: 'a', idleMs: SETTLE_MS }], t0 + 5_000);
    expect(schedule.waitedMs('a', t0 + OVERDUE_MS - 1)).toBeLessThan(OVERDUE_MS);
    expect(schedule.waitedMs('a', t0 + OVERDUE_MS)).toBe(OVERDUE_MS);
    schedule.built('a', t0 + OVERDUE_MS + 100);
    expect(schedule.waitedMs('a', t0 + OVERDUE_MS + 1_100)).toBe(1_000);
    schedule.due([], t0 + OVERDUE_MS + 2_000); // no longer pending: forgotten
    expect(schedule.waitedMs('a', t0 + 10 * OVERDUE_MS)).toBe(0);
  });
});
