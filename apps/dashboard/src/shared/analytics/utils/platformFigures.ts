import { describeReportedGrain, type ReportedReach, type SpendFigures } from '@resonance/contracts';
import { ageBandLabel, formatDay, GENDER_LABELS, platformLabel } from '../../format';

/**
 * Words for figures a platform reported itself: its reach at the grain it gave, and the period a
 * post's lifetime figures cover. Pure, so the cards stay thin.
 */

/** The grain a figure was reported at (one wording for the screen and the exports: contracts). */
export const describeGrain = describeReportedGrain;

/** "1 May 2026" or "1 May – 7 May 2026": the window a reported figure covers. */
export function describePeriod(start: string, end: string): string {
  return start === end ? formatDay(start) : `${formatDay(start)} – ${formatDay(end)}`;
}

/** "18–24 · Female", or "" when the figure has no audience breakdown. */
export function describeCell(cell: {
  ageBand?: string | null;
  gender?: string | null;
  region?: string | null;
}): string {
  return [
    cell.ageBand ? ageBandLabel(cell.ageBand) : null,
    cell.gender ? (GENDER_LABELS[cell.gender] ?? cell.gender) : null,
    cell.region ?? null,
  ]
    .filter((p): p is string => p !== null)
    .join(' · ');
}

export interface PlatformReachRow {
  key: string;
  platform: string;
  creative: string;
  period: string;
  cell: string;
  grain: string;
  reach: ReportedReach['reach'];
}

/** Platform-reported reach as table rows, in the server's order (every key column), names resolved. */
export function toPlatformReachRows(
  reported: readonly ReportedReach[],
  creativeNames: ReadonlyMap<string, string> = new Map(),
): PlatformReachRow[] {
  return reported.map((r, i) => ({
    key: `${i}`,
    platform: platformLabel(r.platform),
    creative: r.creativeId ? (creativeNames.get(r.creativeId) ?? 'A creative') : 'Whole campaign',
    period: describePeriod(r.periodStart, r.periodEnd),
    cell: describeCell(r),
    grain: describeGrain(r.grain),
    reach: r.reach,
  }));
}

/** The currencies of spend lists, in code order: each is shown on its own, never added to another. */
export function currenciesOf(lists: readonly (readonly SpendFigures[])[]): string[] {
  return [...new Set(lists.flatMap((list) => list.map((s) => s.currency)))].sort();
}
