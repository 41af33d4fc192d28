import { PLANNING_SEGMENTS, type PlanningSegmentId } from '@resonance/contracts';
import { MAX_SERIES } from '../utils/yoyChart';

/** Checkboxes for the segments the year-over-year chart and recommendations report on (1–6). */
export function SegmentPicker({
  value,
  onChange,
}: {
  value: readonly PlanningSegmentId[];
  onChange: (ids: PlanningSegmentId[]) => void;
}) {
  const selected = new Set(value);
  const toggle = (id: PlanningSegmentId) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    onChange(PLANNING_SEGMENTS.map((s) => s.id).filter((s) => next.has(s)));
  };
  return (
    <fieldset className="planning-segments">
      <legend>
        Segments{' '}
        <span className="planning-muted">(1 to {MAX_SERIES}; ages are the coarsest bands every platform reports)</span>
      </legend>
      {PLANNING_SEGMENTS.map((s) => {
        const checked = selected.has(s.id);
        const locked = (checked && selected.size === 1) || (!checked && selected.size >= MAX_SERIES);
        return (
          <label key={s.id} className="planning-check">
            <input type="checkbox" checked={checked} disabled={locked} onChange={() => toggle(s.id)} />
            {s.label}
          </label>
        );
      })}
    </fieldset>
  );
}
