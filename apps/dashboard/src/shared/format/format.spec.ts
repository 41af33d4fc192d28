import {
  ageBandLabel,
  asSentence,
  describeRate,
  formatDateRange,
  formatPercent,
  formatPValue,
  isSuppressedValue,
  platformLabel,
  suppressedText,
  formatCount,
  formatDay,
  formatIntervalBounds,
  formatRate,
  formatRateWithInterval,
  formatSignedChange,
  formatSignedPercent,
} from '.';

const S = { suppressed: true } as const;

describe('number formatting', () => {
  it.each([
    [12345, '12,345'],
    [0, '0'],
    [S, '<11'],
    [null, '—'],
    [undefined, '—'],
  ])('formatCount(%j) = %s', (value, expected) => {
    expect(formatCount(value)).toBe(expected);
  });

  it('uses the organisation threshold for suppressed counts', () => {
    expect(formatCount(S, 20)).toBe('<20');
  });

  it.each([
    [0.0342, '3.4%'],
    [1, '100.0%'],
    [0, '0.0%'],
    [S, '<11'],
    [null, '—'],
  ])('formatRate(%j) = %s', (value, expected) => {
    expect(formatRate(value)).toBe(expected);
  });

  it.each([
    [0.125, '+12.5%'],
    [-0.5, '-50.0%'],
    [0, '0.0%'],
    [null, '—'],
  ])('formatSignedPercent(%j) = %s', (value, expected) => {
    expect(formatSignedPercent(value)).toBe(expected);
  });

  it.each([
    [1234, 'count', '+1,234'],
    [-5, 'count', '-5'],
    [0.004, 'rate', '+0.4 pts'],
    [-0.0125, 'rate', '-1.3 pts'],
    [S, 'rate', '<11'],
  ] as const)('formatSignedChange(%j, %s) = %s', (value, kind, expected) => {
    expect(formatSignedChange(value, kind)).toBe(expected);
  });

  it('writes a rate with its 95% interval, and leaves the interval out when hidden', () => {
    expect(formatIntervalBounds({ lower: 0.029, upper: 0.039 })).toBe('2.9–3.9%');
    expect(formatRateWithInterval(0.034, { lower: 0.029, upper: 0.039 })).toBe('3.4% (95% interval 2.9–3.9%)');
    expect(formatRateWithInterval(S, S)).toBe('<11');
    expect(formatRateWithInterval(0.034, null)).toBe('3.4%');
  });

  it.each([
    ['2026-05-01', 'May 1, 2026'],
    ['2026-12-31', 'Dec 31, 2026'],
  ])('formatDay(%s) has no time-zone drift', (iso, expected) => {
    expect(formatDay(iso)).toBe(expected);
  });

  it.each([
    ['18-24', '18–24'],
    ['65+', '65+'],
    ['unknown', 'Unknown'],
  ])('ageBandLabel(%s) = %s', (band, expected) => {
    expect(ageBandLabel(band)).toBe(expected);
  });
});

const L = 'en-GB';

describe('planning figures (significant digits, explicit locale)', () => {
  it.each([
    [0.0234, '2.34%'],
    [0.05, '5%'],
    [0.123456, '12.3%'],
    [0.0001234, '0.0123%'],
  ])('formatPercent(%p) = %s', (value, text) => {
    expect(formatPercent(value, L)).toBe(text);
  });

  it.each([
    [0.0004, '< 0.001'],
    [0.0312, '0.031'],
    [0.5, '0.5'],
  ])('formatPValue(%p) = %s', (value, text) => {
    expect(formatPValue(value, L)).toBe(text);
  });

  it.each([
    [
      { estimate: 0.05, lower: 0.04, upper: 0.0625 },
      { value: '5%', interval: '95% CI 4%–6.25%' },
    ],
    [
      { estimate: null, lower: null, upper: null },
      { value: 'no impressions', interval: null },
    ],
    [{ suppressed: true as const }, { value: 'hidden (small numbers)', interval: null }],
  ])('describeRate(%p)', (rate, text) => {
    expect(describeRate(rate, L)).toEqual(text);
  });

  it.each([
    ['2027-10-10', '2027-10-10', '10 Oct 2027'],
    ['2027-05-01', '2027-05-31', '1–31 May 2027'],
    ['2026-12-28', '2027-01-03', '28 Dec 2026–3 Jan 2027'],
  ])('formatDateRange(%s, %s) = %s (spacing around the dash varies by ICU version)', (a, b, text) => {
    expect(formatDateRange(a, b, L).replace(/\s*–\s*/g, '–')).toBe(text);
  });

  it('recognises the suppressed marker only', () => {
    expect(isSuppressedValue({ suppressed: true })).toBe(true);
    expect(isSuppressedValue(0)).toBe(false);
    expect(isSuppressedValue(null)).toBe(false);
  });
});

describe('asSentence', () => {
  it.each([
    ['Engagement rate = engagements / impressions', 'Engagement rate = engagements / impressions.'],
    ['Ends with a stop.', 'Ends with a stop.'],
    ['  spaced.  ', 'spaced.'],
  ])('%j → %j', (text, sentence) => {
    expect(asSentence(text)).toBe(sentence);
  });
});

/**
 * The dashboard had two formatSignedPercent and two formatCount (overview's and planning's). Where
 * they differed these tests pin the one kept: changes keep one decimal in every locale and size (a
 * column never mixes "+13%" and "+1.2%"), and a suppressed count writes its threshold like any count.
 */
describe('merged duplicates', () => {
  it.each([
    [0.012, '+1.2%'],
    [-0.004, '-0.4%'],
    [0.125, '+12.5%'],
    [0.2, '+20.0%'],
    [0, '0.0%'],
  ])('formatSignedPercent(%p) keeps one decimal: %s', (value, text) => {
    expect(formatSignedPercent(value, 11, L)).toBe(text);
  });

  it('formatSignedPercent takes the locale after the threshold', () => {
    expect(formatSignedPercent(0.125, 11, 'de-DE')).toBe('+12,5\u00a0%');
    expect(formatSignedPercent({ suppressed: true }, 20, L)).toBe('<20');
  });

  it.each([
    [12345, '12,345'],
    [{ suppressed: true as const }, '<11'],
    [null, '—'],
  ])('formatCount(%p) = %s', (value, text) => {
    expect(formatCount(value, 11, L)).toBe(text);
  });

  it('writes a large threshold like a count', () => {
    expect(suppressedText(1000, L)).toBe('<1,000');
    expect(formatCount({ suppressed: true }, 1000, L)).toBe('<1,000');
  });

  it('labels known platforms and passes unknown ones through', () => {
    expect(platformLabel('tiktok')).toBe('TikTok');
    expect(platformLabel('mastodon')).toBe('mastodon');
  });
});
