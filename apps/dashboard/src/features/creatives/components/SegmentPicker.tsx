import { useState } from 'react';
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
  const key = effective.join('|');
  // The URL update is a navigation (async): tick the box at once, then follow the URL.
  const [ticked, setTicked] = useState(effective);
  const [seenKey, setSeenKey] = useState(key);
  if (seenKey !== key) {
    setSeenKey(key);
    setTicked(effective);
  }
  const toggle = (id: string) => {
    const next = ticked.includes(id) ? ticked.filter((s) => s !== id) : [...ticked, id];
    const kept = next.length > 0 ? next : [id];
    setTicked(kept);
    onChange(kept);
  };
  return (
    <fieldset className="segment-picker">
      <legend>Segments to compare</legend>
      {segments.map((s) => (
        <label key={s.id} className="segment-picker__option">
          <input type="checkbox" checked={ticked.includes(s.id)} onChange={() => toggle(s.id)} />
          {s.name}
        </label>
      ))}
    </fieldset>
  );
}
