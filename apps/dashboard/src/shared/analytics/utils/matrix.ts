import type {
  CreativeMatrixCell,
  CreativeMatrixResponse,
  CreativeRef,
  CreativeVerdict,
  SuppressibleCount,
  SuppressibleRate,
} from '@resonance/contracts';
import { isSuppressedValue, numberOrNull } from '../../format';
import { segmentHeadline } from './verdictWords';

export interface CreativeBar {
  creativeId: string;
  name: string;
  /** Engagement rate; null when suppressed or without impressions. */
  rate: number | null;
  lower: number | null;
  upper: number | null;
  /** [rate − lower, upper − rate] for an error bar. */
  errorBar: [number, number] | null;
  impressions: SuppressibleCount;
  engagements: SuppressibleCount;
  suppressed: boolean;
  probabilityToBeBest: number | null;
  verdict: CreativeVerdict;
  /** More impressions this creative needs before it can be judged. */
  impressionsNeeded: number;
}

export interface SegmentPanel {
  segmentId: string;
  segmentName: string;
  averageRate: SuppressibleRate;
  impressions: SuppressibleCount;
  bars: CreativeBar[];
  headline: string;
  hasLeader: boolean;
  leaderId: string | null;
}

/**
 * Impressions still needed before a cell has the minimum sample: enough impressions, and enough
 * expected engagements at the segment's average rate. A hidden (suppressed) count is taken as 0.
 */
export function impressionsNeededFor(
  cell: Pick<CreativeMatrixCell, 'impressions' | 'verdict'>,
  minimum: { impressions: number; engagements: number },
  segmentRate: number | null,
): number {
  if (cell.verdict !== 'not enough data') return 0;
  const have = numberOrNull(cell.impressions) ?? 0;
  const forEngagements = segmentRate && segmentRate > 0 ? Math.ceil(minimum.engagements / segmentRate) : 0;
  return Math.max(0, minimum.impressions - have, forEngagements - have);
}

function bar(cell: CreativeMatrixCell, creative: CreativeRef | undefined, needed: number): CreativeBar {
  const rate = numberOrNull(cell.engagementRate);
  const interval = cell.interval && !isSuppressedValue(cell.interval) ? cell.interval : null;
  return {
    creativeId: cell.creativeId,
    name: creative?.name ?? cell.creativeId,
    rate,
    lower: interval?.lower ?? null,
    upper: interval?.upper ?? null,
    errorBar:
      rate !== null && interval ? [Math.max(0, rate - interval.lower), Math.max(0, interval.upper - rate)] : null,
    impressions: cell.impressions,
    engagements: cell.engagements,
    suppressed: isSuppressedValue(cell.engagementRate) || isSuppressedValue(cell.impressions),
    probabilityToBeBest: cell.probabilityToBeBest,
    verdict: cell.verdict,
    impressionsNeeded: needed,
  };
}

/** Per segment: the creatives' rates with intervals (best first) and the verdict in one sentence. */
export function toSegmentPanels(response: CreativeMatrixResponse): SegmentPanel[] {
  const creatives = new Map(response.creatives.map((c) => [c.id, c]));
  const minimum = response.method.minimumSample;
  return response.segments.map((summary) => {
    const segmentRate = numberOrNull(summary.engagementRate);
    const cells = response.cells.filter((c) => c.segmentId === summary.segment.id);
    const bars = cells
      .map((cell) => bar(cell, creatives.get(cell.creativeId), impressionsNeededFor(cell, minimum, segmentRate)))
      .sort((a, b) => (b.rate ?? -1) - (a.rate ?? -1) || a.name.localeCompare(b.name));
    const leaderBar = bars.find((b) => b.creativeId === summary.leaderCreativeId) ?? null;
    const hasLeader = bars.some((b) => b.verdict === 'leader');
    const armsWithEnoughData = bars.filter((b) => b.verdict !== 'not enough data').length;
    const impressionsNeeded = bars.reduce((sum, b) => sum + b.impressionsNeeded, 0);
    return {
      segmentId: summary.segment.id,
      segmentName: summary.segment.name,
      averageRate: summary.engagementRate,
      impressions: summary.impressions,
      bars,
      hasLeader,
      leaderId: summary.leaderCreativeId,
      headline: segmentHeadline({
        segmentName: summary.segment.name,
        leader: leaderBar ? { name: leaderBar.name, probabilityToBeBest: leaderBar.probabilityToBeBest } : null,
        hasLeader,
        armsWithEnoughData,
        impressionsNeeded,
        thinDataAhead:
          leaderBar !== null &&
          bars.some((b) => b.verdict === 'not enough data' && (b.rate ?? -1) > (leaderBar.rate ?? -1)),
      }),
    };
  });
}
