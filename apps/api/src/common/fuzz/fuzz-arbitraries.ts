import fc from 'fast-check';

/** One seed for every property: a failure names its counterexample and reproduces on every run. */
export const FUZZ_SEED = 20_261_201;

/** Strings that broke something once, or are known to break something somewhere. */
const NASTY = [
  '\u0000',
  'a\u0000b',
  '\u0000'.repeat(3),
  '\u001b[31mred',
  '\u007f',
  '\u0085',
  '\uFEFFbom',
  '\ud800',
  '\udfff\ud800',
  '=HYPERLINK("http://evil.example","x")',
  "+cmd|' /C calc'!A0",
  '@SUM(1+1)',
  "-2+3+cmd|' /C calc'!A0",
  '\t=1+1',
  '\r=1+1',
  "'; DROP TABLE users; --",
  '%00',
  '../../etc/passwd',
  '',
  ' ',
  '\r\n',
  '"',
  '""',
  ',',
  'null',
  'NaN',
  '-0',
  '1e309',
  '9'.repeat(400),
  'ø'.repeat(300),
  '👩‍👩‍👧‍👦'.repeat(50),
];

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 2_000, maxLength: 20_000 }) },
  { weight: 1, arbitrary: fc.constant('x'.repeat(70_000)) },
);

/**
 * For query strings: no 20k-character values, which Node's HTTP parser refuses with a bare 431
 * before the app sees the request (any proxy would too).
 */
export const hostileQueryValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', minLength: 200, maxLength: 1_000 }) },
);

/** Timestamps that are valid ISO-8601 but not storable or not plausible. */
export const hostileTimestamp: fc.Arbitrary<string> = fc.constantFrom(
  '2026-05-01T10:00:00+16:00',
  '2026-05-01T10:00:00+18:00',
  '2026-05-01T10:00:00-18:00',
  '2026-05-01T10:00:00+15:59',
  '2999-01-01T00:00:00Z',
  `${new Date().getUTCFullYear() + 2}-01-01T00:00:00Z`,
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '2026-02-30T00:00:00Z',
  '2026-05-01T10:00:00.1234567891Z',
);

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 1, arbitrary: hostileTimestamp },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.constantFrom(-1, 0, 2 ** 53, 1e308)) },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}) },
  { weight: 1, arbitrary: fc.array(hostileString, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }) },
);

/** Every 4xx names what was wrong: a code and a message a user can act on. */
export function expectNamedError(status: number, body: unknown, context: string): void {
  if (status >= 500) throw new Error(`${context}: ${status} ${JSON.stringify(body).slice(0, 500)}`);
  if (status >= 400) {
    const b = body as { code?: unknown; message?: unknown };
    if (typeof b?.code !== 'string' || typeof b.message !== 'string' || b.message.length === 0) {
      throw new Error(`${context}: ${status} without code and message: ${JSON.stringify(body).slice(0, 500)}`);
    }
  }
}
