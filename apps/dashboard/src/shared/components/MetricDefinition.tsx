import { useEffect, useId, useRef, useState } from 'react';
import { METRIC_DEFINITIONS, type MetricDefinition as Definition, type MetricId } from '@resonance/analytics';

export interface MetricDefinitionProps {
  metric: MetricId;
  /** Definitions for another engagement set (from `getMetricDefinitions(types)`); default set otherwise. */
  definitions?: Readonly<Record<MetricId, Definition>>;
}

/** A "?" button that opens the metric's definition; Escape or a click elsewhere closes it. */
export function MetricDefinition({ metric, definitions = METRIC_DEFINITIONS }: MetricDefinitionProps) {
  const definition = definitions[metric];
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const rootRef = useRef<HTMLSpanElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    const onPointer = (e: PointerEvent) => {
      if (rootRef.current && !rootRef.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  return (
    <span className="metric-definition" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="metric-definition__button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={`What is ${definition.label.toLowerCase()}?`}
        onClick={() => setOpen((o) => !o)}
      >
        ?
      </button>
      {open && (
        <span id={panelId} role="note" className="metric-definition__panel">
          <strong>{definition.label}</strong>
          <span>{definition.description}</span>
          {definition.kind === 'distinct' && (
            <span className="muted">Each person counts once: rows do not add up to the total.</span>
          )}
          {definition.kind === 'rate' && (
            <span className="muted">A ratio: worked out for each row from its own counts, never summed.</span>
          )}
        </span>
      )}
    </span>
  );
}
