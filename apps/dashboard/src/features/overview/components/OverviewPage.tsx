import { useHealthQuery } from '../hooks/useHealthQuery';

export function OverviewPage() {
  const health = useHealthQuery();
  return (
    <section aria-labelledby="overview-title">
      <h1 id="overview-title">Overview</h1>
      <div className="empty-state">
        <h2>No campaign data yet</h2>
        <p>Send engagement events over the API or import a platform export to see reach and engagement here.</p>
      </div>
      <p className="status-line" role="status">
        {health.isPending && 'Checking the server…'}
        {health.isError && 'The server cannot be reached.'}
        {health.data && (health.data.database === 'up' ? 'Server and database are up.' : 'The database is unavailable.')}
      </p>
    </section>
  );
}
