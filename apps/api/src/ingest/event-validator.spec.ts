import { utcInstantFast, validateEvent } from './event-validator.js';

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

describe('occurredAt read without a regular expression (utcInstantFast)', () => {
  it("gives Date.parse's instant for the toISOString shapes, and NaN for every other shape", () => {
    const iso = [
      '2026-05-01T10:00:00Z',
      '2026-05-01T10:00:00.123Z',
      '2024-02-29T23:59:59.999Z',
      '2000-02-29T00:00:00Z',
      '1970-01-01T00:00:00.000Z',
      '9999-12-31T23:59:59Z',
    ];
    for (const value of iso) expect(utcInstantFast(value)).toBe(Date.parse(value));
    const other = [
      '2026-05-01T10:00:00+02:00', // an offset: the regular expression's way
      '2026-05-01T10:00:00.1Z',
      '2026-05-01T10:00:00.123456Z',
      '2026-05-01 10:00:00Z',
      '2026-05-01T10:00Z',
      '0099-05-01T10:00:00Z', // Date.UTC would read 1999
      '2026-13-01T10:00:00Z',
      '2025-02-29T10:00:00Z',
      '1900-02-29T10:00:00Z',
      '2026-04-31T10:00:00Z',
      '2026-05-01T24:00:00Z',
      '2026-05-01T10:60:00Z',
      '2026-05-01T10:00:60Z',
      '2026-05-00T10:00:00Z',
      '2026-0a-01T10:00:00Z',
      '2026-05-01T10:00:00.12aZ',
      '+02026-05-01T10:00:0Z',
      '2026-05-01T10:00:00z',
    ];
    for (const value of other) expect([value, utcInstantFast(value)]).toEqual([value, NaN]);
  });

  it('validates every shape as before: the same instant through either way, the same refusals', () => {
    const nowMs = Date.parse('2026-06-01T00:00:00Z');
    const event = (occurredAt: string): unknown => validateEvent({ ...good, occurredAt }, { nowMs });
    expect(event('2026-05-01T10:00:00.250Z')).toMatchObject({
      event: { instantMs: Date.parse('2026-05-01T10:00:00.250Z') },
    });
    expect(event('2026-05-01T12:00:00.250+02:00')).toMatchObject({
      event: { instantMs: Date.parse('2026-05-01T10:00:00.250Z') },
    });
    for (const bad of ['2025-02-29T10:00:00Z', '2026-05-01T24:00:00Z', '2026-05-01T10:00:00.12aZ']) {
      expect(event(bad)).toEqual({
        errors: [
          { field: 'occurredAt', message: expect.stringContaining('must be an ISO-8601 date-time with an offset') },
        ],
      });
    }
  });

  it('stores region codes in upper case, and refuses one that is not a code however often it comes', () => {
    for (let i = 0; i < 2; i++) {
      expect(validateEvent({ ...good, region: 'gb-eng' })).toMatchObject({ event: { region: 'GB-ENG' } });
      expect(validateEvent({ ...good, region: 'England' })).toEqual({
        errors: [{ field: 'region', message: expect.stringContaining('ISO 3166') }],
      });
    }
    expect(validateEvent({ ...good, region: null })).toMatchObject({ event: { region: 'unknown' } });
  });
});
