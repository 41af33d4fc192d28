import { useMemo, useState } from 'react';
import { AnalyticsPageFrame } from '../../../shared/analytics/components/AnalyticsPageFrame';
import { Link } from 'react-router';
import { ChartCard } from '../../../shared/components/ChartCard';
import { FilterBar } from '../../../shared/components/FilterBar';
import { useInsightsQuery } from '../../../shared/analytics/api/analyticsApi';
import { useAnalyticsPage, useFilterOptions } from '../../../shared/analytics/hooks/useAnalyticsPage';
import { toInsightCards } from '../utils/insightCards';
import '../../../shared/analytics/components/analytics.css';
import './insights.css';

/** The strongest few first; the rest one click away. */
const TOP = 10;

/** What stands out: differences beyond chance, strongest first, each linked to its evidence. */
export function InsightsPage() {
  const { filters, search, firstViewPending } = useAnalyticsPage();
  const options = useFilterOptions();
  const query = useInsightsQuery(filters, !firstViewPending);
  const cards = useMemo(() => (query.data ? toInsightCards(query.data, search) : []), [query.data, search]);
  const [showAll, setShowAll] = useState(false);
  const shown = showAll ? cards : cards.slice(0, TOP);
  return (
    <AnalyticsPageFrame
      firstViewPending={firstViewPending}
      id="insights-title"
      title="Insights"
      description="Audiences and creatives whose engagement differs from the campaign average by more than chance."
    >
      <FilterBar campaigns={options.campaigns} showCompare={false} />
      {query.isPending || query.isError || cards.length === 0 ? (
        <ChartCard
          title="What stands out"
          isLoading={query.isPending}
          error={query.error}
          onRetry={() => void query.refetch()}
          isEmpty={!query.isPending && !query.isError}
          emptyMessage={
            query.data
              ? `Nothing stands out yet: of ${query.data.tested} combinations tested, none differs from the average beyond chance. Try a longer date range or a single campaign.`
              : undefined
          }
        />
      ) : (
        <ol className="insight-list" aria-label="Insights, strongest first" aria-busy={query.isFetching || undefined}>
          {shown.map((card) => (
            <li key={card.key} className={`card insight insight--${card.direction}`}>
              <span className="insight__rank" aria-hidden="true">
                {card.rank}
              </span>
              <div>
                <p className="insight__sentence">{card.sentence}</p>
                <p className="muted insight__meta">
                  <span className={`insight__ratio insight__ratio--${card.direction}`}>{card.ratioText}</span> ·{' '}
                  {card.confidence} · {card.sampleText}
                </p>
                <Link to={card.evidenceHref} aria-label={`See the evidence: ${card.sentence}`}>
                  See the evidence
                </Link>
              </div>
            </li>
          ))}
        </ol>
      )}
      {cards.length > TOP && (
        <button
          type="button"
          className="button insight-list__more"
          aria-expanded={showAll}
          onClick={() => setShowAll((v) => !v)}
        >
          {showAll ? `Show the top ${TOP} only` : `Show all ${cards.length} insights`}
        </button>
      )}
      {query.data && cards.length > 0 && (
        <p className="muted">
          {query.data.method.description} {query.data.tested} combinations tested; false-discovery rate held at{' '}
          {Math.round(query.data.method.q * 100)}%.
        </p>
      )}
    </AnalyticsPageFrame>
  );
}
