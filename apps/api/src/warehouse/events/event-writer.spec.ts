import { eventCopyRows, EventCopyBuilder, instantMicros, type EventCopy, type EventFacts } from './event-copy.js';
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

describe('EventCopyBuilder (day buffers reused from batch to batch)', () => {
  const ORG = '00000000-0000-4000-8000-000000000001';
  const CAMPAIGN = '00000000-0000-4000-8000-00000000000c';
  const CREATIVE = '00000000-0000-4000-8000-0000000000c1';
  const event = (id: string, occurredAt: string): EventFacts => ({
    eventId: id,
    occurredAt,
    platform: 'tiktok',
    type: 'view',
    ageBand: 'unknown',
    gender: 'unknown',
    region: 'unknown',
    language: 'unknown',
    count: 1,
  });
  /** A batch of `perDay` events on each of `days` days, with ids `prefix…`; its copy and its expected lines. */
  const batch = (prefix: string, days: number, perDay: number): { copy: EventCopy; ids: string[][] } => {
    const builder = new EventCopyBuilder(ORG);
    const ids: string[][] = [];
    for (let d = 0; d < days; d++) {
      ids.push([]);
      for (let i = 0; i < perDay; i++) {
        const id = `${prefix}-${d}-${i}-${'é'.repeat(i % 3)}`;
        ids[d]?.push(id);
        builder.add(
          event(id, `2026-05-${String(d + 10)}T10:00:00Z`),
          `2026-05-${String(d + 10)}`,
          CAMPAIGN,
          CREATIVE,
          null,
          null,
        );
      }
    }
    return { copy: builder.build(), ids };
  };
  const idsOf = (copy: EventCopy): string[][] => eventCopyRows(copy).map(({ rows }) => rows.map((r) => r[1] ?? ''));

  it('keeps each batch whole while the next reuses its buffers, a day past its first 64 KiB included', () => {
    // 600 rows a day of ≈ 150 bytes: each day's buffer grows past 64 KiB (and is handed on as it grows).
    const first = batch('a', 3, 600);
    const firstBytes = Uint8Array.from(first.copy.data);
    const second = batch('b', 4, 700);
    const third = batch('c', 2, 50);
    expect(idsOf(first.copy)).toEqual(first.ids);
    expect(first.copy.data).toEqual(firstBytes);
    expect(idsOf(second.copy)).toEqual(second.ids);
    expect(idsOf(third.copy)).toEqual(third.ids);
    for (const { copy } of [first, second, third]) {
      expect(copy.rowEnds.at(-1)).toBe(copy.data.length);
    }
  });
});

describe('instantMicros (an instant as PostgreSQL reads it, in microseconds)', () => {
  it.each([
    ['2026-05-01T12:00:00Z', 0],
    ['2026-05-01T12:00:00.5Z', 500_000],
    ['2026-05-01T12:00:00.123Z', 123_000],
    ['2026-05-01T12:00:00.123456Z', 123_456],
    ['2026-05-01T14:00:00.9996+02:00', 999_600],
    // Past microseconds PostgreSQL rounds rint(fraction × 10⁶): halves to even, as the double lands.
    ['2026-05-01T12:00:00.1234565Z', 123_456],
    ['2026-05-01T12:00:00.1234575Z', 123_458],
    ['2026-05-01T12:00:00.0000005Z', 0],
    ['2026-05-01T12:00:00.0000015Z', 2],
    ['2026-05-01T12:00:00.9999999Z', 1_000_000],
  ])('%s is %i µs past 12:00:00 UTC', (occurredAt: string, micros: number) => {
    const noon = Date.parse('2026-05-01T12:00:00Z') * 1000;
    expect(instantMicros(occurredAt, Date.parse(occurredAt)) - noon).toBe(micros);
  });
});
