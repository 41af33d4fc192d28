import type { ReactNode } from 'react';
import { errorMessage } from '../../../shared/api/http';

interface QueryLike {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
  isFetching?: boolean;
}

/** Loading and error (with a retry) for one query; renders children once there is data. */
export function QueryState({ query, what, children }: { query: QueryLike; what: string; children: ReactNode }) {
  if (query.isPending && !query.isError) {
    return (
      <p className="planning-status" role="status">
        Loading {what}…
      </p>
    );
  }
  if (query.isError) {
    return (
      <div className="planning-error" role="alert">
        <p>
          Could not load {what}: {errorMessage(query.error)}
        </p>
        <button type="button" className="button" onClick={() => void query.refetch()} disabled={query.isFetching}>
          {query.isFetching ? 'Retrying…' : 'Try again'}
        </button>
      </div>
    );
  }
  return <>{children}</>;
}
