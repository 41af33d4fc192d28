import { currencyCode, currencyOfHeader, normaliseHeader } from './normalise-header.js';
import { parseAgeBand, parseCount, parseGender, parseMetaPlatform, parseMoney } from './normalise-values.js';

describe('parseMoney', () => {
  it.each([
    ['1.69', 1_690_000],
    ['0.1', 100_000],
    ['1,250.40', 1_250_400_000],
    ['310.00', 310_000_000],
    ['12', 12_000_000],
    ['$4.10', 4_100_000],
    ['0.123456', 123_456],
    ['', 0],
    ['-', 0],
  ])('%p → %p millionths', (raw, micros) => {
    expect(parseMoney(raw)).toEqual({ ok: true, micros });
  });

  it.each([
    ['-1.00', 'negative'],
    ['(3.50)', 'negative'],
    ['1.2345678', 'not_a_number'],
    ['abc', 'not_a_number'],
    ['1,23.00', 'not_a_number'],
  ])('%p is refused (%s)', (raw, reason) => {
    expect(parseMoney(raw)).toEqual({ ok: false, reason });
  });
});

describe('currency of a header or a cell', () => {
  it.each([
    ['Amount spent (INR)', 'INR'],
    ['Amount spent (usd)', 'USD'],
    ['Cost (€)', 'EUR'],
    ['Cost ($)', null],
    ['Cost', null],
    ['Clicks (all)', null],
  ])('%p → %p', (header, code) => {
    expect(currencyOfHeader(header)).toBe(code);
  });

  it('reads ISO codes from a Currency cell and refuses anything else', () => {
    expect(currencyCode(' usd ')).toBe('USD');
    expect(currencyCode('Dollars')).toBeNull();
    expect(currencyCode('ZZZ')).toBeNull();
  });
});

describe('parseCount', () => {
  it.each([
    ['1234', 1234],
    ['1,234', 1234],
    ['1,234,567', 1_234_567],
    ['1 234', 1234],
    ['1\u00a0234', 1234],
    ['1\u202f234 567', 1_234_567],
    ['1.234.567', 1_234_567],
    ['12.0', 12],
    ['1,234.00', 1234],
    [' 42 ', 42],
    ['0', 0],
    // No activity: platforms leave the cell blank or write a dash.
    ['', 0],
    ['-', 0],
    ['--', 0],
  ])('reads %j as %d', (raw, value) => {
    expect(parseCount(raw)).toEqual({ ok: true, value });
  });

  it.each([
    ['-5', 'negative'],
    ['(12)', 'negative'],
    ['12.5', 'not_a_number'],
    ['1.234', 'not_a_number'],
    ['12,34', 'not_a_number'],
    ['abc', 'not_a_number'],
    ['1e3', 'not_a_number'],
    ['N/A', 'not_a_number'],
  ])('refuses %j as %s', (raw, reason) => {
    expect(parseCount(raw)).toEqual({ ok: false, reason });
  });
});

describe('parseAgeBand', () => {
  it.each([
    ['13-17', '13-17'],
    ['18-24', '18-24'],
    ['AGE_18_24', '18-24'],
    ['age_25_34', '25-34'],
    ['35 – 44', '35-44'],
    ['45-54', '45-54'],
    ['55-64', '55-64'],
    ['65+', '65+'],
    ['AGE_65_100', '65+'],
    ['55+', '55+'],
    ['AGE_55_100', '55+'],
    ['Unknown', 'unknown'],
    ['NONE', 'unknown'],
    ['', 'unknown'],
    ['All', null],
    ['12-17', undefined],
    ['adults', undefined],
  ])('reads %j as %j', (raw, band) => {
    expect(parseAgeBand(raw)).toBe(band);
  });
});

describe('parseGender', () => {
  it.each([
    ['FEMALE', 'female'],
    ['female', 'female'],
    ['Female', 'female'],
    ['F', 'female'],
    ['MALE', 'male'],
    ['m', 'male'],
    ['Non-binary', 'non_binary'],
    ['unknown', 'unknown'],
    ['NONE', 'unknown'],
    ['', 'unknown'],
    ['All', null],
    ['x', undefined],
  ])('reads %j as %j', (raw, gender) => {
    expect(parseGender(raw)).toBe(gender);
  });
});

describe('parseMetaPlatform', () => {
  it.each([
    ['facebook', 'facebook'],
    ['Instagram', 'instagram'],
    ['audience_network', 'other'],
    ['messenger', 'other'],
    ['threads', 'other'],
  ])('reads %j as %j', (raw, platform) => {
    expect(parseMetaPlatform(raw)).toBe(platform);
  });
});

describe('normaliseHeader', () => {
  it.each([
    ['Impressions', 'impressions'],
    ['\uFEFF  Reporting   starts ', 'reporting starts'],
    ['Amount spent (INR)', 'amount spent'],
    ['Amount spent (usd)', 'amount spent'],
    ['Cost (USD)', 'cost'],
    ['Cost [EUR]', 'cost'],
    ['Amount spent (€)', 'amount spent'],
    // Not currencies: these suffixes are part of the metric's name.
    ['Clicks (all)', 'clicks (all)'],
    ['Duration (sec)', 'duration (sec)'],
    ['Clicks (destination)', 'clicks (destination)'],
    ['VIDEO VIEWS AT 100%', 'video views at 100%'],
  ])('normalises %j to %j', (raw, header) => {
    expect(normaliseHeader(raw)).toBe(header);
  });
});
