import type { ObservanceDraft } from '../utils/observanceForm';

const MONTHS = Array.from({ length: 12 }, (_, i) =>
  new Intl.DateTimeFormat(undefined, { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2027, i, 1))),
);
// 3 January 2027 is a Sunday: weekday 0.
const WEEKDAYS = Array.from({ length: 7 }, (_, i) =>
  new Intl.DateTimeFormat(undefined, { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2027, 0, 3 + i))),
);
const ORDINALS = [
  ['1', 'First'],
  ['2', 'Second'],
  ['3', 'Third'],
  ['4', 'Fourth'],
  ['5', 'Fifth'],
  ['-1', 'Last'],
] as const;

type Set = (field: keyof ObservanceDraft, value: string) => void;

function Select({
  id,
  label,
  value,
  onChange,
  options,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  options: readonly (readonly [string, string])[];
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

function DayInput({
  id,
  label,
  value,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        min={1}
        max={31}
        inputMode="numeric"
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}

const monthOptions = MONTHS.map((m, i) => [String(i + 1), m] as const);
const weekStartOptions = [
  ['1', 'Monday–Sunday'],
  ['0', 'Sunday–Saturday'],
] as const;

/** The fields of the chosen rule kind. */
export function RuleFields({ id, draft, set }: { id: string; draft: ObservanceDraft; set: Set }) {
  const month = (label = 'Month') => (
    <Select
      id={`${id}-month`}
      label={label}
      value={draft.month}
      onChange={(v) => set('month', v)}
      options={monthOptions}
    />
  );
  const weekStarts = (
    <Select
      id={`${id}-weekstart`}
      label="Weeks run"
      value={draft.weekStartsOn}
      onChange={(v) => set('weekStartsOn', v)}
      options={weekStartOptions}
    />
  );
  switch (draft.kind) {
    case 'fixed_day':
      return (
        <>
          {month()}
          <DayInput id={`${id}-day`} label="Day" value={draft.day} onChange={(v) => set('day', v)} />
        </>
      );
    case 'fixed_range':
      return (
        <>
          {month('From month')}
          <DayInput id={`${id}-day`} label="From day" value={draft.day} onChange={(v) => set('day', v)} />
          <Select
            id={`${id}-end-month`}
            label="To month"
            value={draft.endMonth}
            onChange={(v) => set('endMonth', v)}
            options={monthOptions}
          />
          <DayInput id={`${id}-end-day`} label="To day" value={draft.endDay} onChange={(v) => set('endDay', v)} />
        </>
      );
    case 'whole_month':
      return month();
    case 'nth_weekday':
      return (
        <>
          <Select id={`${id}-n`} label="Which" value={draft.n} onChange={(v) => set('n', v)} options={ORDINALS} />
          <Select
            id={`${id}-weekday`}
            label="Weekday"
            value={draft.weekday}
            onChange={(v) => set('weekday', v)}
            options={WEEKDAYS.map((w, i) => [String(i), w] as const)}
          />
          {month('Of month')}
          <div className="field">
            <label htmlFor={`${id}-duration`}>Lasting (days)</label>
            <input
              id={`${id}-duration`}
              type="number"
              min={1}
              max={366}
              inputMode="numeric"
              value={draft.durationDays}
              onChange={(e) => set('durationDays', e.target.value)}
            />
          </div>
        </>
      );
    case 'first_full_week':
      return (
        <>
          {month()}
          {weekStarts}
        </>
      );
    case 'week_containing':
      return (
        <>
          {month()}
          <DayInput id={`${id}-day`} label="Day" value={draft.day} onChange={(v) => set('day', v)} />
          {weekStarts}
        </>
      );
  }
}
