import type {
  CreativeMatrixResponse,
  CreativeVerdict,
  RateInterval,
  SuppressedValue,
  SuppressibleCount,
  SuppressibleRate,
} from '@resonance/contracts';

/** One cell of the matrix as a flat table row (the full matrix view and its CSV). */
export interface MatrixRow {
  id: string;
  segment: string;
  creative: string;
  platform: string;
  impressions: SuppressibleCount;
  engagements: SuppressibleCount;
  engagementRate: SuppressibleRate;
  interval: RateInterval | null | SuppressedValue;
  lift: number | null | SuppressedValue;
  probabilityToBeBest: number | null;
  pValue: number | null;
  verdict: CreativeVerdict;
}

export function toMatrixRows(response: CreativeMatrixResponse): MatrixRow[] {
  const creatives = new Map(response.creatives.map((c) => [c.id, c]));
  const segments = new Map(response.segments.map((s) => [s.segment.id, s.segment.name]));
  return response.cells.map((cell) => {
    const creative = creatives.get(cell.creativeId);
    return {
      id: `${cell.segmentId}|${cell.creativeId}`,
      segment: segments.get(cell.segmentId) ?? cell.segmentId,
      creative: creative?.name ?? cell.creativeId,
      platform: creative?.platform ?? '',
      impressions: cell.impressions,
      engagements: cell.engagements,
      engagementRate: cell.engagementRate,
      interval: cell.interval,
      lift: cell.lift,
      probabilityToBeBest: cell.probabilityToBeBest,
      pValue: cell.pValue,
      verdict: cell.verdict,
    };
  });
}
