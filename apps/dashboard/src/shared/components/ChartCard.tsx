import { Suspense, useId, useState, type ReactNode } from 'react';
import { errorMessage } from '../api/http';

export interface ChartCardProps {
  title: string;
  /** One line under the title: what the chart shows, its period or denominator. */
  description?: ReactNode;
  /** Next to the title, e.g. <MetricDefinition metric="engagementRate" />. */
  titleExtra?: ReactNode;
  isLoading?: boolean;
  /** Any thrown value; the server's message is shown, with Retry when `onRetry` is set. */
  error?: unknown;
  onRetry?: () => void;
  isEmpty?: boolean;
  /** What to do next when there is no data (a sentence, a link). */
  emptyMessage?: ReactNode;
  /** The same data as a table (a DataTable), shown by the "Show as table" toggle. */
  table?: ReactNode;
  /** Controls at the top right (a metric picker, an export button). */
  actions?: ReactNode;
  /** The chart. */
  children?: ReactNode;
  /** Height reserved for the skeleton and the chart, so the page does not jump. */
  height?: number;
  /** Below the chart or its table once loaded (e.g. the chart's notes as a list). */
  footer?: ReactNode;
}

/** The frame of every chart: title, loading skeleton, empty state, error with Retry, and a table alternative. */
export function ChartCard(props: ChartCardProps) {
  const {
    title,
    description,
    titleExtra,
    isLoading,
    error,
    onRetry,
    isEmpty,
    emptyMessage,
    table,
    actions,
    children,
    height = 280,
    footer,
  } = props;
  const [asTable, setAsTable] = useState(false);
  const titleId = useId();
  const hasError = error !== undefined && error !== null && error !== false;
  const ready = !isLoading && !hasError && !isEmpty;

  const skeleton = (
    <div className="skeleton" style={{ height }} role="status" aria-label={`Loading ${title}`}>
      <span className="visually-hidden">Loading…</span>
    </div>
  );

  let body: ReactNode;
  if (isLoading) {
    body = skeleton;
  } else if (hasError) {
    body = (
      <div className="chart-card__state" role="alert" style={{ minHeight: height / 2 }}>
        <p>Could not load this chart: {errorMessage(error)}</p>
        {onRetry && (
          <button type="button" className="button" onClick={onRetry}>
            Retry
          </button>
        )}
      </div>
    );
  } else if (isEmpty) {
    body = (
      <div className="chart-card__state" style={{ minHeight: height / 2 }}>
        <p>{emptyMessage ?? 'No data for these filters. Try a longer date range or fewer filters.'}</p>
      </div>
    );
  } else {
    // A chart component loaded with React.lazy (keeping Recharts out of the first bundle) shows the skeleton meanwhile.
    body =
      asTable && table ? (
        table
      ) : (
        <Suspense fallback={skeleton}>
          <div className="chart-card__chart" style={{ minHeight: height }}>
            {children}
          </div>
        </Suspense>
      );
  }

  return (
    <section className="card chart-card" aria-labelledby={titleId}>
      <header className="chart-card__header">
        <div>
          <h2 id={titleId} className="chart-card__title">
            {title} {titleExtra}
          </h2>
          {description && <p className="muted chart-card__description">{description}</p>}
        </div>
        <div className="chart-card__actions">
          {actions}
          {table && ready && (
            <button
              type="button"
              className="button button--small"
              aria-pressed={asTable}
              onClick={() => setAsTable((v) => !v)}
            >
              Show as table
            </button>
          )}
        </div>
      </header>
      {body}
      {!isLoading && !hasError && footer}
    </section>
  );
}
