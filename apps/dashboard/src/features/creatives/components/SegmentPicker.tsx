import type { Segment } from '@resonance/contracts';

export interface SegmentPickerProps {
  segments: Segment[];
  selected: string[];
  /** Shown as ticked when nothing is picked (the server's default). */
  defaults: readonly string[];
  onChange: (ids: string[]) => void;
}

/** Checkboxes for the segments to compare side by side. */
export function SegmentPicker({ segments, selected, defaults, onChange }: SegmentPickerProps) {
  const effective = selected.length > 0 ? selected : [...defaults];
  const toggle = (id: string) => {
    const next = effective.includes(id) ? effective.filter((s) => s !== id) : [...effective, id];
    onChange(next.length > 0 ? next : [id]);
  };
  return (
    <fieldset className="segment-picker">
      <legend>Segments to compare</legend>
      {segments.map((s) => (
        <label key={s.id} className="segment-picker__option">
          <input type="checkbox" checked={effective.includes(s.id)} onChange={() => toggle(s.id)} />
          {s.name}
        </label>
      ))}
    </fieldset>
  );
}
