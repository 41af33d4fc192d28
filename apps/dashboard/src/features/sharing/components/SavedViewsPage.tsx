import { useState } from 'react';
import { Link } from 'react-router';
import type { SavedView, ShareLink } from '@resonance/contracts';
import { ConfirmButton } from '../../../shared/components/ConfirmButton';
import { CopyButton } from '../../../shared/components/CopyButton';
import { FormError } from '../../../shared/components/FormError';
import { PageHeader } from '../../../shared/components/PageHeader';
import { DATE_PRESET_LABELS } from '../../../shared/utils/filters';
import { formatDateTime } from '../../../shared/format';
import { useSession } from '../../../shared/session/useSession';
import { can } from '../../../shared/session/permissions';
import { useDeleteSavedViewMutation, useSavedViewsQuery } from '../api/savedViewsApi';
import { useRevokeShareLinkMutation, useShareLinksQuery } from '../api/shareLinksApi';
import { savedViewHref } from '../utils/savedViewFilters';
import { DigestsSection } from './DigestsSection';
import { ShareLinkForm } from './ShareLinkForm';
import './sharing.css';

const PAGE_LABELS = { overview: 'Overview', report: 'Printable report' } as const;
const STATUS_LABELS = { active: 'Active', expired: 'Expired', revoked: 'Revoked' } as const;

function periodText(view: SavedView): string {
  const { filters } = view;
  return filters.period === 'custom' && filters.from && filters.to
    ? `${filters.from} – ${filters.to}`
    : DATE_PRESET_LABELS[filters.period];
}

/** The organisation's saved views (open, copy link, share, delete) and its share links (openings, revoke). */
export function SavedViewsPage() {
  const { user } = useSession();
  const mayShare = can.shareViews(user.role);
  const views = useSavedViewsQuery();
  const links = useShareLinksQuery(mayShare);
  const remove = useDeleteSavedViewMutation();
  const revoke = useRevokeShareLinkMutation();
  const [sharing, setSharing] = useState<string | null>(null);

  return (
    <section aria-labelledby="views-title">
      <PageHeader
        id="views-title"
        title="Saved views"
        description="Pages saved with their filters. Rolling periods (last full month, last 30 days…) move with the calendar."
      />
      <FormError error={views.error ?? remove.error} />
      {views.isPending && <p role="status">Loading…</p>}
      {views.data && views.data.items.length === 0 && (
        <p className="muted">No saved views yet: use “Save view” on the Overview or the printable report.</p>
      )}
      {views.data && views.data.items.length > 0 && (
        <div className="data-table__scroll" tabIndex={0}>
          <table className="data-table" aria-label="Saved views">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Page</th>
                <th scope="col">Period</th>
                <th scope="col">Saved</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {views.data.items.map((view) => (
                <tr key={view.id}>
                  <th scope="row">
                    <Link to={savedViewHref(view)}>{view.name}</Link>
                  </th>
                  <td>{PAGE_LABELS[view.page]}</td>
                  <td>{periodText(view)}</td>
                  <td>{formatDateTime(view.createdAt)}</td>
                  <td>
                    <div className="view-actions">
                      <CopyButton text={`${window.location.origin}${savedViewHref(view)}`} label="Copy link" />
                      {mayShare && (
                        <button
                          type="button"
                          className="button"
                          aria-expanded={sharing === view.id}
                          onClick={() => setSharing((s) => (s === view.id ? null : view.id))}
                        >
                          Share
                        </button>
                      )}
                      {can.saveViews(user.role) && (
                        <ConfirmButton
                          label="Delete"
                          ariaLabel={`Delete ${view.name}`}
                          question={`Delete “${view.name}”? Its share links stop working.`}
                          confirmLabel="Yes, delete"
                          pending={remove.isPending}
                          onConfirm={() => remove.mutate(view.id)}
                        />
                      )}
                      {sharing === view.id && (
                        <div className="card view-actions__panel">
                          <ShareLinkForm askName={false} resolveViewId={async () => view.id} />
                        </div>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {mayShare && <DigestsSection views={views.data?.items ?? []} />}
      {mayShare && (
        <section aria-labelledby="links-title">
          <h2 id="links-title">Share links</h2>
          <FormError error={links.error ?? revoke.error} />
          {links.data && links.data.items.length === 0 && <p className="muted">No share links yet.</p>}
          {links.data && links.data.items.length > 0 && (
            <div className="data-table__scroll" tabIndex={0}>
              <table className="data-table" aria-label="Share links">
                <thead>
                  <tr>
                    <th scope="col">View</th>
                    <th scope="col">Status</th>
                    <th scope="col">Expires</th>
                    <th scope="col">Password</th>
                    <th scope="col">Openings</th>
                    <th scope="col">Last opened</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {links.data.items.map((link: ShareLink) => (
                    <tr key={link.id}>
                      <th scope="row">{link.savedViewName}</th>
                      <td>
                        <span className={link.status === 'active' ? 'badge badge--ok' : 'badge badge--muted'}>
                          {STATUS_LABELS[link.status]}
                        </span>
                      </td>
                      <td>{formatDateTime(link.expiresAt)}</td>
                      <td>{link.hasPassword ? 'Yes' : 'No'}</td>
                      <td>{link.openCount}</td>
                      <td>{link.lastOpenedAt ? formatDateTime(link.lastOpenedAt) : 'Never'}</td>
                      <td>
                        {link.status === 'active' && (
                          <ConfirmButton
                            label="Revoke"
                            ariaLabel={`Revoke the link to ${link.savedViewName}`}
                            question="Revoke this link? Anyone using it loses access at once."
                            confirmLabel="Yes, revoke"
                            pending={revoke.isPending}
                            onConfirm={() => revoke.mutate(link.id)}
                          />
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}
    </section>
  );
}
