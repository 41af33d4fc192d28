import {
  chanceText,
  creativeVerdictText,
  likelihoodWord,
  roundUpNicely,
  segmentHeadline,
  VERDICT_LABELS,
} from './verdictWords';

describe('verdict wording', () => {
  it.each([
    [0.96, '96%'],
    [0.999, '>99%'],
    [0.004, '<1%'],
    [0.5, '50%'],
  ])('chanceText(%d) = %s', (p, text) => {
    expect(chanceText(p)).toBe(text);
  });

  it.each([
    [0.99, 'very likely'],
    [0.95, 'very likely'],
    [0.85, 'likely'],
    [0.6, 'probably'],
    [0.3, 'possibly'],
  ])('likelihoodWord(%d) = %s', (p, word) => {
    expect(likelihoodWord(p)).toBe(word);
  });

  it.each([
    [0, 0],
    [7, 10],
    [1234, 1300],
    [5980, 6000],
    [12_001, 13_000],
  ])('roundUpNicely(%i) = %i', (n, expected) => {
    expect(roundUpNicely(n)).toBe(expected);
  });

  it.each([
    {
      name: 'a leader',
      input: {
        segmentName: '18–24',
        leader: { name: 'Personal story', probabilityToBeBest: 0.96 },
        hasLeader: true,
        armsWithEnoughData: 3,
        impressionsNeeded: 0,
      },
      text: 'Personal story is very likely the best for 18–24 (96% chance).',
    },
    {
      name: 'not enough data',
      input: {
        segmentName: 'Teens 13–17',
        leader: null,
        hasLeader: false,
        armsWithEnoughData: 0,
        impressionsNeeded: 5_940,
      },
      text: 'Not enough data yet for Teens 13–17 — about 6,000 more impressions needed.',
    },
    {
      name: 'one arm with enough data is still not a comparison',
      input: {
        segmentName: '55+',
        leader: { name: 'Reel', probabilityToBeBest: null },
        hasLeader: false,
        armsWithEnoughData: 1,
        impressionsNeeded: 800,
      },
      text: 'Not enough data yet for 55+ — about 800 more impressions needed.',
    },
    {
      name: 'no clear winner',
      input: {
        segmentName: 'Adults',
        leader: { name: 'Talking to your GP', probabilityToBeBest: 0.54 },
        hasLeader: false,
        armsWithEnoughData: 4,
        impressionsNeeded: 0,
      },
      text: 'No clear winner for Adults yet: Talking to your GP is ahead, but with a 54% chance of being the best the gap could still be chance.',
    },
  ])('segment headline: $name', ({ input, text }) => {
    expect(segmentHeadline(input)).toBe(text);
  });

  it.each([
    [
      {
        verdict: 'leader',
        probabilityToBeBest: 0.97,
        impressionsNeeded: 0,
        segmentHasLeader: true,
        isObservedLeader: true,
      },
      'The best here: 97% chance of being the best.',
    ],
    [
      {
        verdict: 'no clear difference',
        probabilityToBeBest: 0.02,
        impressionsNeeded: 0,
        segmentHasLeader: true,
        isObservedLeader: false,
      },
      'Behind the leader: 2% chance of being the best.',
    ],
    [
      {
        verdict: 'no clear difference',
        probabilityToBeBest: 0.6,
        impressionsNeeded: 0,
        segmentHasLeader: false,
        isObservedLeader: true,
      },
      'Ahead, but not clearly: 60% chance of being the best.',
    ],
    [
      {
        verdict: 'no clear difference',
        probabilityToBeBest: 0.4,
        impressionsNeeded: 0,
        segmentHasLeader: false,
        isObservedLeader: false,
      },
      '40% chance of being the best — not clearly different from the one ahead.',
    ],
    [
      {
        verdict: 'not enough data',
        probabilityToBeBest: null,
        impressionsNeeded: 640,
        segmentHasLeader: false,
        isObservedLeader: false,
      },
      'Not enough data yet — about 640 more impressions needed.',
    ],
    [
      {
        verdict: 'not enough data',
        probabilityToBeBest: null,
        impressionsNeeded: 0,
        segmentHasLeader: false,
        isObservedLeader: false,
      },
      'Not enough data yet.',
    ],
  ] as const)('creative line %j', (input, text) => {
    expect(creativeVerdictText(input)).toBe(text);
  });
});

describe('words that never contradict the figures', () => {
  it('badges a creative the leader beats beyond chance "Clearly behind", beside its <1% chance', () => {
    expect(VERDICT_LABELS['clearly behind']).toBe('Clearly behind');
    expect(
      creativeVerdictText({
        verdict: 'clearly behind',
        probabilityToBeBest: 0.001,
        impressionsNeeded: 0,
        segmentHasLeader: false,
        isObservedLeader: false,
      }),
    ).toBe('Clearly behind the one ahead: <1% chance of being the best.');
  });

  it('says the leader leads among creatives with enough data when a thin one shows a higher rate', () => {
    const text = segmentHeadline({
      segmentName: 'Teens 13–17',
      leader: { name: 'Story A', probabilityToBeBest: 0.64 },
      hasLeader: false,
      armsWithEnoughData: 2,
      impressionsNeeded: 300,
      thinDataAhead: true,
    });
    expect(text).toBe(
      'No clear winner for Teens 13–17 yet: Story A is ahead among creatives with enough data, but with a 64% chance of being the best the gap could still be chance.',
    );
  });
});
