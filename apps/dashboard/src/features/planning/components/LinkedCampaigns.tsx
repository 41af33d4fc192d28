import { Link } from 'react-router';
import type { ObservanceDetail } from '@resonance/contracts';
import { ConfirmButton } from '../../../shared/components/ConfirmButton';
import { FormError } from '../../../shared/components/FormError';
import { useUnlinkCampaignMutation } from '../api/planningApi';
import { formatDateRange } from '../../../shared/format';
import { LinkCampaignForm } from './LinkCampaignForm';

/** The organisation's campaigns linked to this observance, newest first; managers link and unlink. */
export function LinkedCampaigns({ observance, canEdit }: { observance: ObservanceDetail; canEdit: boolean }) {
  const unlink = useUnlinkCampaignMutation(observance.id);
  const { campaigns } = observance;
  return (
    <section className="card" aria-labelledby="linked-title">
      <h2 id="linked-title">Linked campaigns</h2>
      {campaigns.length === 0 ? (
        <p className="planning-muted">
          No campaigns are linked to this observance yet.{canEdit ? ' Link one below, or plan a new one.' : ''}
        </p>
      ) : (
        <div className="planning-table-wrap">
          <table className="planning-table">
            <caption className="visually-hidden">Campaigns linked to this observance</caption>
            <thead>
              <tr>
                <th scope="col">Campaign</th>
                <th scope="col">Key</th>
                <th scope="col">For year</th>
                <th scope="col">Window</th>
                {canEdit && (
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {campaigns.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    <Link to={`/campaigns/${c.id}`}>{c.name}</Link>
                  </th>
                  <td>
                    <code>{c.key}</code>
                  </td>
                  <td>{c.observanceYear ?? '—'}</td>
                  <td className="planning-nowrap">
                    {c.startsOn && c.endsOn ? formatDateRange(c.startsOn, c.endsOn) : 'Not set'}
                  </td>
                  {canEdit && (
                    <td>
                      <ConfirmButton
                        label="Unlink"
                        ariaLabel={`Unlink ${c.name}`}
                        question={`Unlink ${c.name}? The campaign and its dates stay.`}
                        confirmLabel="Yes, unlink"
                        danger={false}
                        pending={unlink.isPending && unlink.variables === c.id}
                        onConfirm={() => unlink.mutate(c.id)}
                      />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <FormError error={unlink.error} />
      {canEdit && <LinkCampaignForm observance={observance} />}
    </section>
  );
}
