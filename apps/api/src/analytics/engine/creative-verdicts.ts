import { holmAdjust, probabilityToBeBest, twoProportionZTest, wilsonInterval } from '@resonance/analytics';
import type { CreativeVerdict } from '@resonance/contracts';

/**
 * Minimum sample per arm (creative in a segment) before it is compared at all: 1,000 impressions
 * and 30 engagements. Below that an engagement rate of a few percent has a 95 % interval wider than
 * the differences creatives usually show, the normal approximation behind the z-test is poor, and a
 * "winner" would mostly be noise. The organisation's suppression threshold raises both if higher.
 */
export const MINIMUM_IMPRESSIONS = 1000;
export const MINIMUM_ENGAGEMENTS = 30;
export const ALPHA = 0.05;
export const PROBABILITY_TO_BE_BEST_THRESHOLD = 0.95;

/**
 * P(best) is integrated numerically over every contender, which grows with the number of arms. Arms
 * whose 99.99 % Wilson interval lies wholly below another arm's are not contenders (their P(best) is
 * below 1e-4 and is reported as 0). With more than MAX_CONTENDERS contenders no creative can credibly be
 * "best" and P(best) is not computed (null; verdicts stay "no clear difference").
 */
export const MAX_CONTENDERS = 12;
const CONTENDER_CONFIDENCE = 0.9999;

function contenders(arms: readonly { successes: number; trials: number }[]): boolean[] {
  const bounds = arms.map((a) => wilsonInterval(a.successes, a.trials, CONTENDER_CONFIDENCE));
  const bestLower = Math.max(...bounds.map((b) => b.lower ?? 0));
  return bounds.map((b) => (b.upper ?? 0) >= bestLower);
}

export interface Arm {
  successes: number;
  trials: number;
  /** Enough data and visible (not suppressed): takes part in the comparison. */
  eligible: boolean;
}

export interface ArmJudgement {
  probabilityToBeBest: number | null;
  rawPValue: number | null;
  /** Holm-adjusted across every comparison on the view. For the leader: the largest of its comparisons. */
  pValue: number | null;
  verdict: CreativeVerdict;
  isObservedLeader: boolean;
}

export function hasEnoughData(impressions: number, engagements: number, threshold: number): boolean {
  return (
    impressions >= Math.max(MINIMUM_IMPRESSIONS, threshold) && engagements >= Math.max(MINIMUM_ENGAGEMENTS, threshold)
  );
}

/**
 * Judges every segment (a list of arms) of one view. Within a segment the observed leader (highest
 * rate among eligible arms) is tested against each other eligible arm with a two-proportion z-test;
 * all those p-values on the view form one Holm family. The leader's verdict is `leader` only when every
 * adjusted p < ALPHA and its Beta-Binomial probability to be best ≥ 0.95; another eligible arm is
 * `clearly behind` when its own adjusted p < ALPHA (the leader beats it beyond chance), otherwise
 * `no clear difference`; arms below the minimum sample get `not enough data`.
 */
export function judgeView(segments: readonly (readonly Arm[])[]): ArmJudgement[][] {
  const out: ArmJudgement[][] = segments.map((arms) =>
    arms.map(() => ({
      probabilityToBeBest: null,
      rawPValue: null,
      pValue: null,
      verdict: 'not enough data',
      isObservedLeader: false,
    })),
  );
  const family: { segment: number; arm: number; raw: number }[] = [];
  const leaders: (number | null)[] = [];

  segments.forEach((arms, s) => {
    const eligible = arms
      .map((a, i) => ({ ...a, i, successes: Math.min(a.successes, a.trials) }))
      .filter((a) => a.eligible);
    const results = out[s] ?? [];
    for (const a of eligible) {
      const r = results[a.i];
      if (r) r.verdict = 'no clear difference';
    }
    if (eligible.length < 2) {
      leaders.push(null);
      return;
    }
    const leader = eligible.reduce((best, a) => (a.successes / a.trials > best.successes / best.trials ? a : best));
    leaders.push(leader.i);
    const isContender = contenders(eligible);
    const field = eligible.filter((_, k) => isContender[k]);
    const pBest =
      field.length <= MAX_CONTENDERS
        ? probabilityToBeBest(field.map((a) => ({ successes: a.successes, trials: a.trials })))
        : null;
    eligible.forEach((a, k) => {
      const r = results[a.i];
      if (!r || !pBest) return;
      r.probabilityToBeBest = isContender[k] ? (pBest[field.indexOf(a)] ?? null) : 0;
    });
    const leaderResult = results[leader.i];
    if (leaderResult) leaderResult.isObservedLeader = true;
    for (const a of eligible) {
      if (a.i === leader.i) continue;
      family.push({
        segment: s,
        arm: a.i,
        raw: twoProportionZTest(leader.successes, leader.trials, a.successes, a.trials).pValue,
      });
    }
  });

  const adjusted = family.length > 0 ? holmAdjust(family.map((f) => f.raw)) : [];
  family.forEach((f, k) => {
    const r = out[f.segment]?.[f.arm];
    if (r) {
      r.rawPValue = f.raw;
      r.pValue = adjusted[k] ?? 1;
      // The observed leader beats it beyond chance: saying "no clear difference" would contradict its P(best).
      if (r.pValue < ALPHA) r.verdict = 'clearly behind';
    }
  });

  leaders.forEach((leader, s) => {
    if (leader === null) return;
    const results = out[s] ?? [];
    const others = family.map((f, k) => ({ f, adj: adjusted[k] ?? 1 })).filter(({ f }) => f.segment === s);
    const leaderResult = results[leader];
    if (!leaderResult) return;
    leaderResult.pValue = Math.max(...others.map((o) => o.adj));
    leaderResult.rawPValue = Math.max(...others.map((o) => o.f.raw));
    const clear =
      others.every((o) => o.adj < ALPHA) && (leaderResult.probabilityToBeBest ?? 0) >= PROBABILITY_TO_BE_BEST_THRESHOLD;
    leaderResult.verdict = clear ? 'leader' : 'no clear difference';
  });
  return out;
}
