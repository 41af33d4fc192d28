import { deliveryId, nextRunAt } from './digest-timing.js';

describe('nextRunAt', () => {
  it.each([
    // 2026-06-10 is a Wednesday: next Monday 15 June, 08:00 Berlin (CEST, UTC+2).
    ['weekly', 'Europe/Berlin', '2026-06-10T12:00:00Z', '2026-06-15T06:00:00.000Z'],
    // On Monday before 08:00 local, today's digest is still ahead.
    ['weekly', 'Europe/Berlin', '2026-06-15T05:59:00Z', '2026-06-15T06:00:00.000Z'],
    ['weekly', 'Europe/Berlin', '2026-06-15T06:00:00Z', '2026-06-22T06:00:00.000Z'],
    ['monthly', 'UTC', '2026-06-10T12:00:00Z', '2026-07-01T08:00:00.000Z'],
    // Winter time in New York (UTC−5).
    ['monthly', 'America/New_York', '2026-11-15T12:00:00Z', '2026-12-01T13:00:00.000Z'],
  ] as const)('%s in %s after %s is %s', (frequency, tz, after, expected) => {
    expect(nextRunAt(frequency, tz, new Date(after)).toISOString()).toBe(expected);
  });
});

describe('deliveryId', () => {
  it('is a stable uuid per schedule and due time', () => {
    const due = new Date('2026-06-15T06:00:00Z');
    const id = deliveryId('s1', due);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(deliveryId('s1', due)).toBe(id);
    expect(deliveryId('s2', due)).not.toBe(id);
    expect(deliveryId('s1', new Date('2026-06-22T06:00:00Z'))).not.toBe(id);
  });
});
