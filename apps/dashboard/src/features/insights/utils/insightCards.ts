import type { Insight, InsightsResponse } from '@resonance/contracts';
import { COMPARE_SEGMENTS_PARAM } from '../../../shared/analytics/hooks/useCompareSegments';

export interface InsightCard {
  key: string;
  rank: number;
  sentence: string;
  direction: 'above' | 'below';
  /** "2.1× the average" / "0.6× the average". */
  ratioText: string;
  /** How sure, in words, from the FDR-adjusted q-value. */
  confidence: string;
  sampleText: string;
  evidenceHref: string;
}

const ratioFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1, minimumFractionDigits: 1 });
const count = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });

/** The q-value in words (all shown insights passed the false-discovery-rate cut). */
export function confidenceWords(qValue: number): string {
  if (qValue < 0.001) return 'Very strong evidence';
  if (qValue < 0.01) return 'Strong evidence';
  return 'Good evidence';
}

/**
 * The compare page with the filters that show the evidence: the current filters, the insight's
 * segment as the compared segment, its campaign, and its platform when the insight is about one.
 */
export function evidenceHref(insight: Insight, currentSearch: string): string {
  const params = new URLSearchParams(currentSearch);
  params.delete(COMPARE_SEGMENTS_PARAM);
  params.delete('segment');
  params.append(COMPARE_SEGMENTS_PARAM, insight.segment.id);
  if (insight.creative) params.set('campaign', insight.creative.campaignId);
  const platform = insight.dimensions?.find((d) => d.dimension === 'platform');
  if (platform) params.set('platform', platform.value);
  return `/creatives?${params.toString()}`;
}

/** Ranked cards, in the API's order (strongest first). */
export function toInsightCards(response: InsightsResponse, currentSearch: string): InsightCard[] {
  return response.items.map((insight, i) => ({
    key: `${insight.kind}|${insight.segment.id}|${insight.creative?.id ?? ''}|${(insight.dimensions ?? []).map((d) => `${d.dimension}:${d.value}`).join(',')}`,
    rank: i + 1,
    sentence: insight.sentence,
    direction: insight.direction,
    ratioText: `${ratioFormat.format(insight.ratio)}× the average`,
    confidence: confidenceWords(insight.qValue),
    sampleText: `${count.format(insight.engagements)} engagements from ${count.format(insight.impressions)} impressions`,
    evidenceHref: evidenceHref(insight, currentSearch),
  }));
}
