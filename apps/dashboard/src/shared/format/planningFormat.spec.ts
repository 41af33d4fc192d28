import {
  asSentence,
  describeRate,
  formatCount,
  formatDateRange,
  formatPercent,
  formatPValue,
  formatSignedPercent,
  isSuppressed,
} from './planningFormat';

const L = 'en-GB';

describe('format', () => {
  it.each([
    [0.0234, '2.34%'],
    [0.05, '5%'],
    [0.123456, '12.3%'],
    [0.0001234, '0.0123%'],
  ])('formatPercent(%p) = %s', (value, text) => {
    expect(formatPercent(value, L)).toBe(text);
  });

  it.each([
    [0.012, '+1.2%'],
    [-0.004, '-0.4%'],
    [0, '0%'],
  ])('formatSignedPercent(%p) = %s', (value, text) => {
    expect(formatSignedPercent(value, L)).toBe(text);
  });

  it.each([
    [0.0004, '< 0.001'],
    [0.0312, '0.031'],
    [0.5, '0.5'],
  ])('formatPValue(%p) = %s', (value, text) => {
    expect(formatPValue(value, L)).toBe(text);
  });

  it.each([
    [12345, '12,345'],
    [{ suppressed: true as const }, '<11'],
  ])('formatCount(%p) = %s', (value, text) => {
    expect(formatCount(value, 11, L)).toBe(text);
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
    expect(isSuppressed({ suppressed: true })).toBe(true);
    expect(isSuppressed(0)).toBe(false);
    expect(isSuppressed(null)).toBe(false);
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
