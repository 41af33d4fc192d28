import { useId, useState, type FormEvent } from 'react';
import {
  DIGEST_FREQUENCIES,
  type DigestDeliveryStatus,
  type DigestFrequency,
  type SavedView,
} from '@resonance/contracts';
import { ConfirmButton } from '../../../shared/components/ConfirmButton';
import { FormError } from '../../../shared/components/FormError';
import { formatDateTime } from '../../../shared/format';
import {
  useCreateDigestMutation,
  useDeleteDigestMutation,
  useDigestPreviewQuery,
  useDigestsQuery,
} from '../api/digestsApi';
import { parseRecipients } from '../utils/recipients';

const FREQUENCY_LABELS: Record<DigestFrequency, string> = {
  weekly: 'Weekly (Mondays, 08:00)',
  monthly: 'Monthly (the 1st, 08:00)',
};

const STATUS_TEXT: Record<DigestDeliveryStatus, string> = {
  sending: 'Sending',
  sent: 'Sent',
  retrying: 'Failed, retrying',
  failed: 'Failed',
};

/** E-mailed digests of saved views: schedule, see each one's last delivery (and its error), preview. */
export function DigestsSection({ views }: { views: SavedView[] }) {
  const id = useId();
  const digests = useDigestsQuery(true);
  const create = useCreateDigestMutation();
  const remove = useDeleteDigestMutation();
  const [viewId, setViewId] = useState('');
  const [frequency, setFrequency] = useState<DigestFrequency>('weekly');
  const [recipients, setRecipients] = useState('');
  const [previewId, setPreviewId] = useState<string | null>(null);
  const preview = useDigestPreviewQuery(previewId);
  const selectedView = viewId || views[0]?.id || '';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { savedViewId: selectedView, frequency, recipients: parseRecipients(recipients) },
      { onSuccess: () => setRecipients('') },
    );
  };

  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>E-mailed digests</h2>
      {digests.data && !digests.data.mailEnabled && (
        <p className="notice" role="note">
          Mail is off on this server (no SMTP_URL is configured): digests are not sent. Use “Preview” to see what they
          would contain.
        </p>
      )}
      {views.length > 0 && (
        <form className="inline-form" onSubmit={submit} aria-label="Schedule a digest">
          <div className="field">
            <label htmlFor={`${id}-view`}>Saved view</label>
            <select id={`${id}-view`} value={selectedView} onChange={(e) => setViewId(e.target.value)}>
              {views.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-frequency`}>Send</label>
            <select
              id={`${id}-frequency`}
              value={frequency}
              onChange={(e) => setFrequency(e.target.value as DigestFrequency)}
            >
              {DIGEST_FREQUENCIES.map((f) => (
                <option key={f} value={f}>
                  {FREQUENCY_LABELS[f]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-to`}>Recipients (one per line)</label>
            <textarea
              id={`${id}-to`}
              rows={2}
              value={recipients}
              onChange={(e) => setRecipients(e.target.value)}
              required
            />
          </div>
          <div className="form-actions">
            <button type="submit" className="button button--primary" disabled={create.isPending}>
              Schedule
            </button>
          </div>
          <FormError error={create.error} />
        </form>
      )}
      <FormError error={digests.error ?? remove.error} />
      {digests.data && digests.data.items.length > 0 && (
        <div className="data-table__scroll" tabIndex={0}>
          <table className="data-table" aria-label="Digests">
            <thead>
              <tr>
                <th scope="col">View</th>
                <th scope="col">Frequency</th>
                <th scope="col">Recipients</th>
                <th scope="col">Next</th>
                <th scope="col">Last delivery</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {digests.data.items.map((d) => (
                <tr key={d.id}>
                  <th scope="row">{d.savedViewName}</th>
                  <td>{FREQUENCY_LABELS[d.frequency]}</td>
                  <td>{d.recipients.join(', ')}</td>
                  <td>{formatDateTime(d.nextRunAt)}</td>
                  <td>
                    {d.lastDelivery ? (
                      <>
                        <span className={d.lastDelivery.status === 'sent' ? 'badge badge--ok' : 'badge badge--muted'}>
                          {STATUS_TEXT[d.lastDelivery.status]}
                        </span>{' '}
                        {d.lastDelivery.sentAt ? formatDateTime(d.lastDelivery.sentAt) : null}
                        {d.lastDelivery.lastError && (
                          <span className="form-error">
                            {' '}
                            Attempt {d.lastDelivery.attempts}: {d.lastDelivery.lastError}
                          </span>
                        )}
                      </>
                    ) : (
                      'Not sent yet'
                    )}
                  </td>
                  <td>
                    <div className="view-actions">
                      <button
                        type="button"
                        className="button"
                        aria-expanded={previewId === d.id}
                        onClick={() => setPreviewId((p) => (p === d.id ? null : d.id))}
                      >
                        Preview
                      </button>
                      <ConfirmButton
                        label="Stop"
                        ariaLabel={`Stop the digest of ${d.savedViewName}`}
                        question="Stop this digest? Nothing more is sent."
                        confirmLabel="Yes, stop"
                        pending={remove.isPending}
                        onConfirm={() => remove.mutate(d.id)}
                      />
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {previewId && (
        <section className="card" aria-label="Digest preview">
          <FormError error={preview.error} />
          {preview.isPending && <p role="status">Preparing the preview…</p>}
          {preview.data && (
            <>
              <p>
                <strong>Subject:</strong> {preview.data.subject} · <strong>Attachment:</strong>{' '}
                {preview.data.attachmentName}
              </p>
              <iframe
                title="Digest e-mail"
                sandbox=""
                srcDoc={preview.data.html}
                style={{ width: '100%', height: 480, border: '1px solid #ddd' }}
              />
            </>
          )}
        </section>
      )}
    </section>
  );
}
