import { validateEvent } from './event-validator.js';

const good = {
  eventId: 'evt-1',
  occurredAt: '2026-05-01T10:00:00Z',
  campaign: 'mham-2026',
  creative: 'ad-1',
  platform: 'tiktok',
  type: 'view',
};

describe('validateEvent', () => {
  it('fills defaults for the optional dimensions', () => {
    expect(validateEvent(good)).toEqual({
      event: {
        ...good,
        instantMs: Date.parse(good.occurredAt),
        memberId: null,
        ageBand: 'unknown',
        gender: 'unknown',
        region: 'unknown',
        language: 'unknown',
        count: 1,
      },
    });
  });

  it.each([
    ['2026-05-01T10:00:00Z', true],
    ['2026-05-01T10:00:00.123Z', true],
    ['2026-05-01T12:00:00+02:00', true],
    ['2026-05-01T12:00:00-0530', true],
    ['2026-05-01T10:00:00', false],
    ['2026-05-01', false],
    ['2026-02-29T10:00:00Z', false],
    ['2028-02-29T10:00:00Z', true],
    ['2026-05-01T24:00:00Z', false],
    ['1 May 2026 10:00 GMT', false],
    ['2026-05-01T10:00:00+14:00', true],
    ['2026-05-01T10:00:00-12:00', true],
    ['2026-05-01T10:00:00+16:00', false],
    ['2026-05-01T10:00:00+18:00', false],
    ['2026-05-01T10:00:00-1500', false],
  ])('occurredAt %s valid: %s', (occurredAt, valid) => {
    const nowMs = Date.parse('2030-01-01T00:00:00Z');
    expect('event' in validateEvent({ ...good, occurredAt }, { nowMs })).toBe(valid);
  });

  it.each([
    ['GB', 'GB'],
    ['GB-ENG', 'GB-ENG'],
    ['us-ca', 'US-CA'],
    ['FR-75', 'FR-75'],
    ['England', null],
    ['G', null],
  ])('region %s → %s', (region, stored) => {
    const result = validateEvent({ ...good, region });
    expect('event' in result ? result.event.region : null).toBe(stored);
  });

  it.each([
    ['en', 'en'],
    ['pt-BR', 'pt-BR'],
    ['PT-br', 'pt-BR'],
    ['zh-Hant-TW', 'zh-Hant-TW'],
    ['es-419', 'es-419'],
    ['english', null],
    ['e', null],
    ['en_GB', null],
  ])('language %s → %s', (language, stored) => {
    const result = validateEvent({ ...good, language });
    expect('event' in result ? result.event.language : null).toBe(stored);
  });

  it.each(['13-17', '18-24', '25-34', '35-44', '45-54', '55-64', '65+', '55+', 'unknown'])(
    'accepts age band %s',
    (ageBand) => {
      expect('event' in validateEvent({ ...good, ageBand })).toBe(true);
    },
  );

  it('lists every problem of a row, unknown fields included', () => {
    const result = validateEvent({ eventId: '', occurredAt: 'now', type: 'poke', count: -1, extra: true });
    expect('errors' in result ? result.errors.map((e) => e.field) : []).toEqual([
      'extra',
      'eventId',
      'occurredAt',
      'campaign',
      'creative',
      'platform',
      'type',
      'count',
    ]);
  });

  it.each([[null], [[1, 2]], ['text'], [42]])('refuses %j as a whole row', (raw) => {
    expect(validateEvent(raw)).toEqual({ errors: [{ field: null, message: 'each event must be a JSON object' }] });
  });
});

describe('validateEvent reserved ids', () => {
  it('refuses an id in the prefix Resonance keeps for rows past the retention period, naming it', () => {
    const result = validateEvent({
      eventId: '~kept:abc',
      occurredAt: '2026-05-01T12:00:00Z',
      campaign: 'c',
      creative: 'k',
      platform: 'tiktok',
      type: 'impression',
    });
    expect(result).toEqual({
      errors: [
        {
          field: 'eventId',
          message:
            "eventId must not start with '~kept:' (reserved for the rows Resonance keeps past the retention period)",
        },
      ],
    });
  });
});

describe('validateEvent retention window', () => {
  const base = { eventId: 'e1', campaign: 'c', creative: 'k', platform: 'tiktok', type: 'impression' };
  const window = { oldestAcceptedMs: Date.parse('2026-01-01T00:00:00Z'), retentionDays: 400 };

  it('refuses an event older than the retention period, naming the limit', () => {
    const result = validateEvent({ ...base, occurredAt: '2025-12-31T23:59:59Z' }, window);
    expect(result).toEqual({
      errors: [
        {
          field: 'occurredAt',
          message:
            "occurredAt is older than the 400 day retention period (earliest accepted: 2026-01-01T00:00:00.000Z); events that old can't be deduplicated",
        },
      ],
    });
  });

  it('accepts an event inside the period', () => {
    expect('event' in validateEvent({ ...base, occurredAt: '2026-01-01T00:00:00Z' }, window)).toBe(true);
  });
});

describe('validateEvent hostile values', () => {
  const base = {
    eventId: 'e1',
    occurredAt: '2026-05-01T10:00:00Z',
    campaign: 'c',
    creative: 'k',
    platform: 'tiktok',
    type: 'impression',
  };
  const nowMs = Date.parse('2026-06-01T00:00:00Z');

  it.each(['eventId', 'memberId', 'region', 'language', 'campaign'])('names a NUL byte in %s', (field) => {
    const result = validateEvent({ ...base, [field]: 'ab\u0000c' }, { nowMs });
    expect(result).toEqual({
      errors: [{ field, message: `${field} contains a control character (U+0000) at position 2` }],
    });
  });

  it('refuses a future occurredAt beyond the clock-skew allowance, stating the allowance', () => {
    for (const occurredAt of ['2999-01-01T00:00:00Z', '2028-06-01T00:00:00Z', '2026-06-01T00:10:01Z']) {
      const result = validateEvent({ ...base, occurredAt }, { nowMs });
      expect(result).toEqual({
        errors: [
          { field: 'occurredAt', message: expect.stringContaining('at most 10 minutes ahead of the server clock') },
        ],
      });
    }
    expect('event' in validateEvent({ ...base, occurredAt: '2026-06-01T00:10:00Z' }, { nowMs })).toBe(true);
  });

  it('refuses an offset PostgreSQL cannot store, naming the field', () => {
    const result = validateEvent({ ...base, occurredAt: '2026-05-01T10:00:00+16:00' }, { nowMs });
    expect(result).toEqual({ errors: [{ field: 'occurredAt', message: expect.stringContaining('±14:00') }] });
  });
});
