import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import type { SampleSizeResponse } from '@resonance/contracts';
import { errorMessage } from '../../../shared/api/http';
import { usePlanner } from '../hooks/usePlanner';
import { formatInteger, formatPercent, formatSignedPercent } from '../../../shared/format';
import { toPercentInput } from '../utils/plannerForm';
import { PlannerField } from './PlannerField';
import type { BaselineSuggestion } from '../utils/yoyChart';

type Result = UseQueryResult<SampleSizeResponse> | null;

function Outcome({ result, children }: { result: Result; children: (data: SampleSizeResponse) => ReactNode }) {
  if (!result) return <p className="planning-muted">Fix the inputs above to see a figure.</p>;
  if (result.isError) return <p role="alert">Could not compute: {errorMessage(result.error)}</p>;
  if (!result.data) return <p className="planning-muted">Computing…</p>;
  return <>{children(result.data)}</>;
}

/** How many impressions a test needs, and the inverse: what a planned budget can detect. */
export function TestSizePlanner({ suggestion }: { suggestion?: BaselineSuggestion | null }) {
  const planner = usePlanner();
  const { inputs, errors, setField } = planner;
  return (
    <section className="card" aria-labelledby="planner-title">
      <h2 id="planner-title">Test-size planner</h2>
      <p className="planning-muted">
        How many impressions each creative needs, in each segment you want to compare, for a two-sided test of two
        proportions to tell them apart.
      </p>
      <form className="planning-planner" onSubmit={(e) => e.preventDefault()} noValidate>
        <PlannerField
          label="Baseline rate"
          suffix="%"
          hint="The engagement rate you expect, e.g. last year's."
          value={inputs.baselinePercent}
          error={errors.baselinePercent}
          onChange={(v) => setField('baselinePercent', v)}
        />
        <PlannerField
          label="Minimum relative lift"
          suffix="%"
          hint="The smallest improvement worth detecting (10 = +10%)."
          value={inputs.liftPercent}
          error={errors.liftPercent}
          onChange={(v) => setField('liftPercent', v)}
        />
        <PlannerField
          label="Significance level (α)"
          hint="False-positive rate, two-sided; 0.05 is usual."
          value={inputs.alpha}
          error={errors.alpha}
          onChange={(v) => setField('alpha', v)}
        />
        <PlannerField
          label="Power (1 − β)"
          hint="Chance of detecting a real lift; 0.8 is usual."
          value={inputs.power}
          error={errors.power}
          onChange={(v) => setField('power', v)}
        />
        <PlannerField
          label="Creatives (arms)"
          inputMode="numeric"
          hint="Including the control; α is split over the comparisons."
          value={inputs.arms}
          error={errors.arms}
          onChange={(v) => setField('arms', v)}
        />
      </form>
      {suggestion && (
        <p>
          <button
            type="button"
            className="link-button"
            onClick={() => setField('baselinePercent', toPercentInput(suggestion.rate))}
          >
            Use the {suggestion.year} rate for {suggestion.segment} as the baseline: {formatPercent(suggestion.rate)}
          </button>
        </p>
      )}
      <div className="planning-planner__result" aria-live="polite" aria-busy={planner.settling}>
        <Outcome result={planner.sampleSize}>
          {(d) => (
            <>
              <p className="planning-figure-big" data-testid="planner-impressions">
                <span className="planning-figure-big__value">{formatInteger(d.impressionsPerArm)}</span> impressions per
                creative per segment
              </p>
              <p>
                {formatInteger(d.totalImpressions)} in total for {d.arms} creatives, in each segment, to detect{' '}
                {formatPercent(d.baselineRate)} → {d.targetRate === null ? '—' : formatPercent(d.targetRate)} (
                {d.minRelativeLift === null ? '' : formatSignedPercent(d.minRelativeLift)}) at α ={' '}
                {d.alphaPerComparison === d.alpha
                  ? d.alpha
                  : `${d.alpha} (${formatPercent(d.alphaPerComparison)} per comparison)`}{' '}
                and power {d.power}.
              </p>
              <details>
                <summary>Formula</summary>
                <p className="planning-formula">{d.formula}</p>
              </details>
            </>
          )}
        </Outcome>
      </div>
      <h3 className="planning-subtitle">The other way round: what can a planned test detect?</h3>
      <div className="planning-planner planning-planner--single">
        <PlannerField
          label="Planned impressions per creative per segment"
          inputMode="numeric"
          hint="Uses the baseline, α, power and creatives above."
          value={inputs.plannedImpressions}
          error={errors.plannedImpressions}
          onChange={(v) => setField('plannedImpressions', v)}
        />
      </div>
      <div className="planning-planner__result" aria-live="polite">
        <Outcome result={planner.inverse}>
          {(d) =>
            d.minRelativeLift === null ? (
              <p data-testid="planner-lift">
                No lift is detectable with {formatInteger(d.impressionsPerArm)} impressions per creative: plan more.
              </p>
            ) : (
              <p data-testid="planner-lift">
                Smallest detectable lift:{' '}
                <strong className="planning-figure-big__value">{formatSignedPercent(d.minRelativeLift)}</strong> (
                {formatPercent(d.baselineRate)} → {d.targetRate === null ? '—' : formatPercent(d.targetRate)}) with{' '}
                {formatInteger(d.impressionsPerArm)} impressions per creative per segment.
              </p>
            )
          }
        </Outcome>
      </div>
    </section>
  );
}
