import { useId, useState, type FormEvent } from 'react';
import type { ObservanceDetail } from '@resonance/contracts';
import { FormError } from '../../../shared/components/FormError';
import { useCampaignsQuery } from '../../../shared/api/campaignsApi';
import { useLinkCampaignMutation } from '../api/planningApi';
import { formatDateRange } from '../../../shared/format';

const NEAREST = '';

/** Links an existing campaign to the observance, for a chosen year or the one nearest its dates. */
export function LinkCampaignForm({ observance }: { observance: ObservanceDetail }) {
  const id = useId();
  const campaigns = useCampaignsQuery();
  const link = useLinkCampaignMutation(observance.id);
  const [campaignId, setCampaignId] = useState('');
  const [year, setYear] = useState(NEAREST);
  const linked = new Set(observance.campaigns.map((c) => c.id));
  const choices = (campaigns.data?.items ?? []).filter((c) => !linked.has(c.id));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!campaignId) return;
    link.mutate(
      { campaignId, ...(year === NEAREST ? {} : { year: Number(year) }) },
      { onSuccess: () => setCampaignId('') },
    );
  };

  if (campaigns.isError) return <FormError error={campaigns.error} />;
  if (campaigns.data && choices.length === 0) {
    return <p className="planning-muted">Every campaign is already linked here, or there are none yet.</p>;
  }
  return (
    <form className="inline-form planning-link-form" onSubmit={onSubmit} aria-label="Link an existing campaign">
      <div className="field">
        <label htmlFor={`${id}-campaign`}>Existing campaign</label>
        <select id={`${id}-campaign`} value={campaignId} onChange={(e) => setCampaignId(e.target.value)} required>
          <option value="">{campaigns.isPending ? 'Loading campaigns…' : 'Choose a campaign'}</option>
          {choices.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
              {c.startsOn && c.endsOn ? ` (${formatDateRange(c.startsOn, c.endsOn)})` : ''}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-year`}>For the year</label>
        <select id={`${id}-year`} value={year} onChange={(e) => setYear(e.target.value)}>
          <option value={NEAREST}>Nearest to its dates</option>
          {observance.occurrences.map((o) => (
            <option key={o.year} value={o.year}>
              {o.year} ({formatDateRange(o.startsOn, o.endsOn)})
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button" disabled={!campaignId || link.isPending}>
        {link.isPending ? 'Linking…' : 'Link campaign'}
      </button>
      <p className="hint planning-link-form__hint">
        A campaign linked to another observance moves here. One without dates gets this year&apos;s window.
      </p>
      <FormError error={link.error} />
    </form>
  );
}
