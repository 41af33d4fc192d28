export {
  METRIC_DEFINITIONS,
  DEFAULT_ENGAGEMENT_TYPES,
  getMetricDefinitions,
  describeEngagementTypes,
  normaliseEngagementTypes,
  RATE_COUNTS,
  isRateMetric,
} from './definitions.js';
export type { MetricId, MetricKind, MetricDefinition, RateMetricId } from './definitions.js';
export { computeMetrics } from './compute.js';
export type { ComputedMetrics, ComputeMetricsOptions } from './compute.js';
export { coarsenAgeBand, COARSE_AGE_BANDS } from './age-bands.js';
export type { CoarseAgeBand } from './age-bands.js';
export { COST_METRIC_IDS, COST_METRIC_DEFINITIONS, costPer, microsToAmount } from './cost.js';
export type { CostMetricId, CostMetricDefinition, CostDenominator } from './cost.js';
