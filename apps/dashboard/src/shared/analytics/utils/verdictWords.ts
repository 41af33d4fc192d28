import type { CreativeVerdict } from '@resonance/contracts';

/** "96%", ">99%", "<1%": probabilities as people read them. */
export function chanceText(p: number): string {
  if (p >= 0.995) return '>99%';
  if (p < 0.01) return '<1%';
  return `${Math.round(p * 100)}%`;
}

/** How sure, in words, for a probability to be best. */
export function likelihoodWord(p: number): string {
  if (p >= 0.95) return 'very likely';
  if (p >= 0.8) return 'likely';
  if (p >= 0.5) return 'probably';
  return 'possibly';
}

/** Impressions rounded up to a figure that does not pretend to precision: 1,234 → 1,300. */
export function roundUpNicely(n: number): number {
  if (n <= 0) return 0;
  if (n < 100) return Math.ceil(n / 10) * 10;
  const magnitude = 10 ** (Math.floor(Math.log10(n)) - 1);
  return Math.ceil(n / magnitude) * magnitude;
}

const count = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });

export interface SegmentHeadlineInput {
  segmentName: string;
  /** The best creative by observed rate among those with enough data, with its P(best). */
  leader: { name: string; probabilityToBeBest: number | null } | null;
  /** Whether the leader's verdict is `leader` (the evidence holds). */
  hasLeader: boolean;
  /** Creatives in the segment with enough data. */
  armsWithEnoughData: number;
  /** More impressions needed before every creative has enough data. */
  impressionsNeeded: number;
  /** A creative without enough data shows a higher rate than the leader: say the leader leads among the rest. */
  thinDataAhead?: boolean;
}

/**
 * One sentence a non-statistician can act on:
 * "Personal story is very likely the best for 18–24 (96% chance)."
 */
export function segmentHeadline(input: SegmentHeadlineInput): string {
  const { segmentName, leader, hasLeader, armsWithEnoughData, impressionsNeeded, thinDataAhead = false } = input;
  const among = thinDataAhead ? ' among creatives with enough data' : '';
  if (hasLeader && leader) {
    const p = leader.probabilityToBeBest;
    return p === null
      ? `${leader.name} is the best for ${segmentName}${among}.`
      : `${leader.name} is ${likelihoodWord(p)} the best for ${segmentName}${among} (${chanceText(p)} chance).`;
  }
  if (armsWithEnoughData < 2) {
    return impressionsNeeded > 0
      ? `Not enough data yet for ${segmentName} — about ${count.format(roundUpNicely(impressionsNeeded))} more impressions needed.`
      : `Not enough data yet for ${segmentName}.`;
  }
  if (leader && leader.probabilityToBeBest !== null) {
    return `No clear winner for ${segmentName} yet: ${leader.name} is ahead${among}, but with a ${chanceText(leader.probabilityToBeBest)} chance of being the best the gap could still be chance.`;
  }
  return `No clear difference between the creatives for ${segmentName}.`;
}

export interface CreativeVerdictInput {
  verdict: CreativeVerdict;
  probabilityToBeBest: number | null;
  impressionsNeeded: number;
  /** Whether some creative in the segment is a declared leader. */
  segmentHasLeader: boolean;
  /** Whether this creative has the highest observed rate among those with enough data. */
  isObservedLeader: boolean;
}

/** The per-creative line under the chart. */
export function creativeVerdictText(input: CreativeVerdictInput): string {
  const { verdict, probabilityToBeBest: p, impressionsNeeded, segmentHasLeader, isObservedLeader } = input;
  const chance = p === null ? null : `${chanceText(p)} chance of being the best`;
  switch (verdict) {
    case 'leader':
      return chance ? `The best here: ${chance}.` : 'The best here.';
    case 'no clear difference':
      if (segmentHasLeader) return chance ? `Behind the leader: ${chance}.` : 'Behind the leader.';
      if (isObservedLeader) return chance ? `Ahead, but not clearly: ${chance}.` : 'Ahead, but not clearly.';
      return chance
        ? `${chance} — not clearly different from the one ahead.`
        : 'Not clearly different from the one ahead.';
    case 'clearly behind':
      return chance ? `Clearly behind the one ahead: ${chance}.` : 'Clearly behind the one ahead.';
    case 'not enough data':
      return impressionsNeeded > 0
        ? `Not enough data yet — about ${count.format(roundUpNicely(impressionsNeeded))} more impressions needed.`
        : 'Not enough data yet.';
  }
}

export const VERDICT_LABELS: Record<CreativeVerdict, string> = {
  leader: 'Leader',
  'no clear difference': 'No clear difference',
  'clearly behind': 'Clearly behind',
  'not enough data': 'Not enough data',
};
