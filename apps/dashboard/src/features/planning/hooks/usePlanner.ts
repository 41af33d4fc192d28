import { useMemo, useState } from 'react';
import { useSampleSizeQuery } from '../api/planningApi';
import {
  DEFAULT_PLANNER_INPUTS,
  parsePlannerInputs,
  type PlannerField,
  type PlannerInputs,
} from '../utils/plannerForm';
import { useDebouncedValue } from './useDebouncedValue';

/** The planner's inputs, their validation, and the two sample-size queries (forward and inverse). */
export function usePlanner(initial: Partial<PlannerInputs> = {}) {
  const [inputs, setInputs] = useState<PlannerInputs>({ ...DEFAULT_PLANNER_INPUTS, ...initial });
  const parsed = useMemo(() => parsePlannerInputs(inputs), [inputs]);
  const debounced = useDebouncedValue(parsed);
  const sampleSize = useSampleSizeQuery(debounced.sampleSizeQuery);
  const inverse = useSampleSizeQuery(debounced.inverseQuery);
  const setField = (field: PlannerField, value: string) => setInputs((prev) => ({ ...prev, [field]: value }));
  return {
    inputs,
    setField,
    errors: parsed.errors,
    /** True while typing has not settled yet or a request is out. */
    settling: parsed !== debounced,
    sampleSize: parsed.sampleSizeQuery ? sampleSize : null,
    inverse: parsed.inverseQuery ? inverse : null,
  };
}
