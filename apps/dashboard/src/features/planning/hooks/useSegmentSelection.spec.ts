import { DEFAULT_SEGMENTS, parseSegments } from './useSegmentSelection';

describe('parseSegments', () => {
  it.each([
    [null, [...DEFAULT_SEGMENTS]],
    ['', [...DEFAULT_SEGMENTS]],
    ['nonsense', [...DEFAULT_SEGMENTS]],
    ['age-25-34,all', ['all', 'age-25-34']],
    ['gen-z,gen-z,bogus', ['gen-z']],
    [
      'all,gen-z,age-18-34,age-13-17,age-18-24,age-25-34,age-35-44',
      ['all', 'gen-z', 'age-18-34', 'age-13-17', 'age-18-24', 'age-25-34'],
    ],
  ])('%j → %p', (text, ids) => {
    expect(parseSegments(text)).toEqual(ids);
  });
});
