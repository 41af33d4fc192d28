// Awareness-observance calendar: rules, resolution, validation and the seed catalogue.
export {
  addDaysToIsoDate,
  daysBetweenIsoDates,
  daysInMonth,
  isIsoDate,
  isLeapYear,
  parseIsoDate,
  tryParseIsoDate,
  weekdayOf,
  type CalendarDay,
  type IsoDate,
  type ObservanceDateRange,
} from './iso-date.js';
export {
  MAX_DURATION_DAYS,
  MAX_OFFSET_DAYS,
  OBSERVANCE_RULE_KINDS,
  OBSERVANCE_SLUG_PATTERN,
  type FirstFullWeekRule,
  type FixedDayRule,
  type FixedRangeRule,
  type NamedObservanceRule,
  type NthWeekdayRule,
  type ObservanceRule,
  type ObservanceRuleKind,
  type RelativeRule,
  type WeekContainingRule,
  type WeekStart,
  type Weekday,
  type WeekdayOrdinal,
  type WholeMonthRule,
} from './observance-rule.js';
export {
  createObservanceResolver,
  ObservanceResolutionError,
  resolveObservance,
  type ObservanceRefResolver,
} from './resolve-observance.js';
export { validateObservanceRule, type ObservanceRuleValidation } from './validate-rule.js';
export { comparisonPeriod, resolvePeriodRule, type PeriodRange } from './period-rules.js';
export { describeRule, type DescribeRuleOptions } from './describe-rule.js';
export {
  observancesInRange,
  type ObservanceOccurrence,
  type ObservancesInRangeOptions,
} from './observances-in-range.js';
export {
  OBSERVANCE_CATALOGUE,
  REFERENCE_DATES,
  type ObservanceCatalogueEntry,
  type ObservanceRegion,
} from './catalogue.js';
