export interface RuleValuePickerProps {
  legend: string;
  options: { value: string; label: string }[];
  selected: readonly string[];
  onToggle: (value: string) => void;
  /** Shown when there are no options (e.g. no regions in the data yet). */
  emptyText?: string;
}

/** One dimension of a segment rule: tick any values (OR within the dimension). */
export function RuleValuePicker({ legend, options, selected, onToggle, emptyText }: RuleValuePickerProps) {
  return (
    <fieldset className="rule-picker">
      <legend>
        {legend} <span className="muted">{selected.length === 0 ? '(any)' : `(${selected.length} picked)`}</span>
      </legend>
      {options.length === 0 && <p className="muted">{emptyText ?? 'No values yet.'}</p>}
      <div className="rule-picker__options">
        {options.map((o) => (
          <label key={o.value} className="rule-picker__option">
            <input type="checkbox" checked={selected.includes(o.value)} onChange={() => onToggle(o.value)} />
            {o.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
