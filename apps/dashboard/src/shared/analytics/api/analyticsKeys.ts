import type { QueryParams } from './analyticsQuery';

/** Query keys: every filter is in the key, so a changed filter is a new query. */
export const analyticsKeys = {
  all: ['analytics'] as const,
  summary: (params: QueryParams) => ['analytics', 'summary', params] as const,
  timeseries: (params: QueryParams) => ['analytics', 'timeseries', params] as const,
  breakdown: (params: QueryParams) => ['analytics', 'breakdown', params] as const,
  segmentReport: (params: QueryParams) => ['analytics', 'segments', params] as const,
  creatives: (params: QueryParams) => ['analytics', 'creatives', params] as const,
  insights: (params: QueryParams) => ['analytics', 'insights', params] as const,
};
