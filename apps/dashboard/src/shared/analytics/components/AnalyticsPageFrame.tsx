import type { ReactNode } from 'react';
import { PageHeader } from '../../components/PageHeader';
import { FirstViewPendingContext } from '../api/analyticsApi';

/**
 * An analytics page: its heading and actions, and its analytics queries held back while the page is
 * still choosing its first view (the last view, else the latest campaign), so it never asks for a
 * period it then leaves.
 */
export function AnalyticsPageFrame({
  id,
  title,
  description,
  actions,
  firstViewPending,
  children,
}: {
  id: string;
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  firstViewPending: boolean;
  children: ReactNode;
}) {
  return (
    <FirstViewPendingContext.Provider value={firstViewPending}>
      <section aria-labelledby={id} className="analytics-page">
        <PageHeader id={id} title={title} description={description} actions={actions} />
        {children}
      </section>
    </FirstViewPendingContext.Provider>
  );
}
