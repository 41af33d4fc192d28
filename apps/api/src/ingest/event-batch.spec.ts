import { INGEST_JSON_MAX_EVENTS } from '@resonance/contracts';
import {
  BodyRefused,
  EventBatch,
  LocalDays,
  creativeNeedKey,
  eventsOfJson,
  parseBatch,
  type BatchOwner,
  type CatalogIds,
} from './event-batch.js';
import { eventCopyRows, type EventCopy } from '../warehouse/events/event-copy.js';
import { memberHash } from './member-key.js';

const WINDOW = { oldestAcceptedMs: Date.parse('2026-01-01T00:00:00Z'), retentionDays: 400 };
const SECRET = Buffer.alloc(32, 7);
const OWNER: BatchOwner = {
  orgId: '00000000-0000-4000-8000-000000000001',
  timeZone: 'America/New_York',
  memberKeySecret: SECRET,
  importId: null,
};
const CAMPAIGN_ID = '00000000-0000-4000-8000-00000000000c';
const CREATIVE_ID = '00000000-0000-4000-8000-0000000000c1';

const event = (eventId: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  eventId,
  occurredAt: '2026-05-01T02:30:00Z',
  campaign: 'spring',
  creative: 'a',
  platform: 'instagram',
  type: 'impression',
  memberId: 'member-1',
  ...extra,
});
const known = (creatives: [campaign: string, creative: string][] = [['spring', 'a']]): CatalogIds => ({
  campaigns: new Map([
    ['spring', CAMPAIGN_ID],
    ['gone', null],
  ]),
  creatives: new Map(creatives.map(([c, k]) => [creativeNeedKey(c, k), CREATIVE_ID])),
});
const VERSION_SLOT = '0';
const CONTEXT = { window: WINDOW, known: null, owner: null };
/** Each day's COPY rows as their values (version last, still its zero slot). */
const copyRows = (copy: EventCopy | null | undefined): (string | null)[][][] =>
  (copy ? eventCopyRows(copy) : []).map(({ rows }) => rows);

describe('eventsOfJson', () => {
  const refusal = (text: string): unknown => {
    try {
      eventsOfJson(text);
    } catch (error) {
      if (error instanceof BodyRefused) return error.refusal;
      throw error;
    }
    return null;
  };

  it('takes an array of events or { events: [...] }', () => {
    expect(eventsOfJson('[{"a":1},{"b":2}]')).toEqual([{ a: 1 }, { b: 2 }]);
    expect(eventsOfJson('{"events":[{"a":1}]}')).toEqual([{ a: 1 }]);
  });

  it('refuses a body that is not JSON, not a list of events, or too long, saying which and the limit', () => {
    expect(refusal('[{"eventId": "a",')).toMatchObject({
      code: 'malformed_json',
      message: expect.stringMatching(/^Request body is not valid JSON: /),
    });
    for (const body of ['{"rows":[]}', '{"events":[],"more":1}', '"events"', 'null', '{"events":{}}']) {
      expect(refusal(body)).toMatchObject({ code: 'invalid_body' });
    }
    const many = JSON.stringify(Array.from({ length: INGEST_JSON_MAX_EVENTS + 1 }, () => ({})));
    expect(refusal(many)).toEqual({
      code: 'too_many_events',
      message: expect.stringContaining(`got ${(INGEST_JSON_MAX_EVENTS + 1).toLocaleString('en')}`),
      details: { limit: INGEST_JSON_MAX_EVENTS, received: INGEST_JSON_MAX_EVENTS + 1 },
    });
  });
});

describe('EventBatch', () => {
  it('refuses lines that are not JSON or not valid events by their line numbers, and names what the rest need', () => {
    // Lines 3–9: a CRLF line, a broken one, an invalid event, a blank line, a line of spaces.
    const text = [
      `${JSON.stringify(event('e1'))}\r`,
      '{"eventId": ',
      JSON.stringify(event('e2', { platform: 'myspace' })),
      JSON.stringify(event('e3', { creative: 'b' })),
      '',
      '   ',
      JSON.stringify(event('e4', { platform: 'myspace' })),
    ].join('\n');
    const batch = EventBatch.ofNdjson(Buffer.from(`${text}\n`), 3, CONTEXT);
    expect(batch.errors.rejectedRows).toBe(3);
    expect(batch.errors.listed).toEqual([
      { index: 4, field: null, message: expect.stringMatching(/^line 4 is not valid JSON/) },
      { index: 5, field: 'platform', message: expect.stringMatching(/^platform must be one of/) },
      { index: 9, field: 'platform', message: expect.stringMatching(/^platform must be one of/) },
    ]);
    expect(batch.needs).toEqual([
      { campaign: 'spring', creative: 'a', platform: 'instagram' },
      { campaign: 'spring', creative: 'b', platform: 'instagram' },
    ]);
  });

  it('lists the first 100 errors and counts the rest', () => {
    const batch = EventBatch.ofNdjson(Buffer.from('not json\n'.repeat(150)), 1, CONTEXT);
    expect(batch.errors).toMatchObject({ rejectedRows: 150, truncated: 50 });
    expect(batch.errors.listed).toHaveLength(100);
  });

  it("lays out the resolved rows for COPY: ids, the organisation's day, the keyed member hash; unknown campaigns refused", () => {
    const batch = EventBatch.ofValues(
      [
        event('e2'),
        event('e1', { occurredAt: '2026-05-01T05:00:00Z', memberId: null, count: 3, region: 'us-ny' }),
        event('e2', { occurredAt: '2026-05-01T09:00:00Z' }), // repeated in the batch: the first counts
        event('e3', { campaign: 'gone' }),
      ],
      CONTEXT,
    );
    const prepared = batch.finish(known(), OWNER);
    expect(prepared.events).toBe(3);
    expect(prepared.errors.listed).toEqual([
      { index: 3, field: 'campaign', message: "unknown campaign 'gone' — create it first" },
    ]);
    // 02:30Z is the evening before in New York (UTC-4 in May); 05:00Z is 01:00 that day.
    expect(prepared.copy?.rows).toBe(2);
    expect(prepared.copy?.days.map((d) => d.day)).toEqual(['2026-04-30', '2026-05-01']);
    expect(prepared.copy?.days.map((d) => d.rows)).toEqual([1, 1]);
    const [evening, morning] = copyRows(prepared.copy);
    expect(evening).toEqual([
      [
        OWNER.orgId,
        'e2',
        '2026-05-01T02:30:00.000000Z',
        '2026-04-30',
        CAMPAIGN_ID,
        CREATIVE_ID,
        'instagram',
        'impression',
        memberHash(SECRET, 'member-1'),
        'unknown',
        'unknown',
        'unknown',
        'unknown',
        '1',
        null,
        VERSION_SLOT,
      ],
    ]);
    expect(morning?.[0]).toEqual(expect.arrayContaining(['e1', '2026-05-01', null, 'US-NY', '3']));
  });

  it('keeps event ids byte for byte, whatever characters they hold', () => {
    const ids = ['tab\there', 'back\\slash\nline', 'naïve ✓', '\\N'];
    const batch = EventBatch.ofValues(
      ids.map((id) => event(id)),
      CONTEXT,
    );
    const copy = batch.finish(known(), OWNER).copy;
    const [rows] = copyRows(copy);
    expect(rows?.map((r) => r[1])).toEqual(ids);
    // Each row's end is where the batch says, multi-byte characters and all (its version slot just before it).
    const ends = [...(copy?.rowEnds ?? [])];
    expect(ends).toHaveLength(4);
    expect(ends[3]).toBe(copy?.data.length);
    for (const end of ends) expect(Buffer.from(copy?.data ?? []).readInt32BE(end - 12)).toBe(8);
  });

  it('lays rows out as they are read while their keys are known, and holds every row from the first that is not', () => {
    const B_ID = '00000000-0000-4000-8000-0000000000c2';
    const source = {
      json: Buffer.from(
        JSON.stringify([
          event('e1'),
          event('e2', { creative: 'b' }), // not known: held, and every row after it
          event('e1', { creative: 'b' }), // a repeat of e1: the first one counts
          event('e3'),
        ]),
      ),
    };
    const { batch, prepared } = parseBatch(source, { window: WINDOW, known: known(), owner: OWNER });
    expect(prepared).toBeNull();
    expect(batch.needs).toEqual([
      { campaign: 'spring', creative: 'b', platform: 'instagram' },
      { campaign: 'spring', creative: 'a', platform: 'instagram' },
    ]);
    const ids = known([['spring', 'a']]);
    ids.creatives.set(creativeNeedKey('spring', 'b'), B_ID);
    const finished = batch.finish(ids, OWNER);
    expect(finished.events).toBe(4);
    const [rows] = copyRows(finished.copy);
    expect(rows?.map((r) => [r[1], r[5]])).toEqual([
      ['e1', CREATIVE_ID],
      ['e2', B_ID],
      ['e3', CREATIVE_ID],
    ]);
  });

  it('is prepared in one step only when what is known resolves every key it names', () => {
    const source = { json: Buffer.from(JSON.stringify([event('e1'), event('e2', { creative: 'b' })])) };
    expect(parseBatch(source, { window: WINDOW, known: known(), owner: OWNER }).prepared).toBeNull();
    const both = known([
      ['spring', 'a'],
      ['spring', 'b'],
    ]);
    expect(parseBatch(source, { window: WINDOW, known: both, owner: OWNER }).prepared?.events).toBe(2);
    expect(parseBatch(source, { window: WINDOW, known: both, owner: null }).prepared).toBeNull();
    // A campaign known to be missing resolves too: its rows are refused.
    const gone = { json: Buffer.from(JSON.stringify([event('e1', { campaign: 'gone' })])) };
    const prepared = parseBatch(gone, { window: WINDOW, known: known(), owner: OWNER }).prepared;
    expect(prepared).toMatchObject({ events: 0, copy: null, errors: { rejectedRows: 1 } });
  });
});

describe('LocalDays', () => {
  it('gives the calendar day in the zone across its offset changes', () => {
    const ny = new LocalDays('America/New_York');
    // Spring forward on 2026-03-08 at 07:00Z (02:00 EST → 03:00 EDT).
    expect(ny.of(Date.parse('2026-03-08T04:59:59Z'))).toBe('2026-03-07');
    expect(ny.of(Date.parse('2026-03-08T05:00:00Z'))).toBe('2026-03-08');
    expect(ny.of(Date.parse('2026-03-09T03:59:59Z'))).toBe('2026-03-08');
    expect(ny.of(Date.parse('2026-03-09T04:00:00Z'))).toBe('2026-03-09');
    const kathmandu = new LocalDays('Asia/Kathmandu'); // +05:45
    expect(kathmandu.of(Date.parse('2026-05-01T18:14:59Z'))).toBe('2026-05-01');
    expect(kathmandu.of(Date.parse('2026-05-01T18:15:00Z'))).toBe('2026-05-02');
  });
});
