import { useMemo } from 'react';
import type { CostMetricId, SpendFigures } from '@resonance/contracts';
import { ChartCard } from '../../../shared/components/ChartCard';
import { createDataTableColumnHelper, DataTable } from '../../../shared/components/DataTable';
import { FormError } from '../../../shared/components/FormError';
import { formatCost, formatCount, formatMoney, asSentence } from '../../../shared/format';
import { useSuppressionThreshold } from '../../../shared/hooks/useSuppressionThreshold';
import { toAnalyticsParams, type AnalyticsFilters } from '../../../shared/analytics/api/analyticsQuery';
import { useXlsxExport } from '../../../shared/analytics/hooks/useXlsxExport';
import { useSummaryQuery } from '../../../shared/analytics/api/analyticsApi';

const col = createDataTableColumnHelper<SpendFigures>();
const COSTS: { id: Exclude<CostMetricId, 'spend'>; label: string }[] = [
  { id: 'cpm', label: 'CPM' },
  { id: 'costPerClick', label: 'Cost per click' },
  { id: 'costPerEngagement', label: 'Cost per engagement' },
  { id: 'costPerResourceClick', label: 'Cost per resource click' },
];

export interface SpendCardProps {
  filters: AnalyticsFilters;
}

/**
 * Container: spend from platform exports and what it bought, one row per currency (amounts in
 * different currencies are never added). Hidden when no import carried spend for the period.
 */
export function SpendCard({ filters }: SpendCardProps) {
  const threshold = useSuppressionThreshold();
  const summary = useSummaryQuery(filters);
  const xlsx = useXlsxExport('spend');
  const definitions = summary.data?.meta.costDefinitions;
  const columns = useMemo(
    () =>
      col.columns([
        col.accessor('currency', { header: 'Currency' }),
        col.accessor('spend', {
          header: definitions?.spend.label ?? 'Spend',
          meta: { numeric: true },
          cell: (i) => formatMoney(i.getValue(), i.row.original.currency),
        }),
        col.accessor('impressions', {
          header: 'Impressions',
          sortFn: 'count',
          meta: { numeric: true },
          cell: (i) => formatCount(i.getValue(), threshold),
        }),
        ...COSTS.map(({ id, label }) =>
          col.accessor(id, {
            header: definitions?.[id].label ?? label,
            sortFn: 'count',
            meta: { numeric: true },
            cell: (i) => formatCost(i.getValue(), i.row.original.currency, threshold),
          }),
        ),
      ]),
    [definitions, threshold],
  );
  const spend = summary.data?.spend ?? [];
  if (spend.length === 0) return null;
  return (
    <ChartCard
      title="Spend and cost"
      description={
        <>
          From the platform exports that carry spend (Meta &ldquo;Amount spent&rdquo;, TikTok &ldquo;Cost&rdquo;).{' '}
          {spend.length > 1 && 'Each currency has its own row: amounts in different currencies are never added. '}A cost
          is shown as &ldquo;&lt;{threshold}&rdquo; when the count it divides by is hidden.
        </>
      }
      height={120}
    >
      <FormError error={xlsx.error} />
      <DataTable
        caption="Spend and cost per currency"
        captionHidden
        data={spend}
        columns={columns}
        getRowId={(r) => r.currency}
        searchable={false}
        columnPicker={false}
        onServerExport={(format) => xlsx.exportAs(format, toAnalyticsParams(filters))}
        pageSize={10}
      />
      {definitions && (
        <dl className="definition-list">
          {(['spend', ...COSTS.map((c) => c.id)] as CostMetricId[]).map((id) => (
            <div key={id}>
              <dt>{definitions[id].label}</dt>
              <dd>{asSentence(definitions[id].description)}</dd>
            </div>
          ))}
        </dl>
      )}
    </ChartCard>
  );
}
