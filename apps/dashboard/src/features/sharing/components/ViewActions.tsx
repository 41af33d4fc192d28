import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { SavedView, SavedViewPage } from '@resonance/contracts';
import { CopyButton } from '../../../shared/components/CopyButton';
import { FormError } from '../../../shared/components/FormError';
import { useUrlFilters } from '../../../shared/hooks/useUrlFilters';
import { useSession } from '../../../shared/session/useSession';
import { can } from '../../../shared/session/permissions';
import { useCreateSavedViewMutation } from '../api/savedViewsApi';
import { savedViewHref, toSavedViewFilters } from '../utils/savedViewFilters';
import { ShareLinkForm } from './ShareLinkForm';
import './sharing.css';

type Panel = 'save' | 'share' | null;

/** "Save view" and "Share" for an analytics page's toolbar: the page with its current filters. */
export function ViewActions({ page }: { page: SavedViewPage }) {
  const { user } = useSession();
  const { filters } = useUrlFilters();
  const create = useCreateSavedViewMutation();
  const [panel, setPanel] = useState<Panel>(null);
  const [saved, setSaved] = useState<SavedView | null>(null);
  const [name, setName] = useState('');
  const id = useId();
  const current = toSavedViewFilters(filters);
  // A saved view stands for the filters it was saved with; changing them asks for a new one.
  const savedMatches = saved !== null && JSON.stringify(saved.filters) === JSON.stringify(current);
  const view = savedMatches ? saved : null;

  const toggle = (next: Panel) => setPanel((p) => (p === next ? null : next));
  const saveView = async (viewName: string): Promise<SavedView> => {
    const created = await create.mutateAsync({ name: viewName, page, filters: current });
    setSaved(created);
    return created;
  };
  const submitSave = (e: FormEvent) => {
    e.preventDefault();
    void saveView(name.trim()).catch(() => undefined);
  };

  if (!can.saveViews(user.role)) return null;
  return (
    <div className="view-actions no-print">
      <button type="button" className="button" aria-expanded={panel === 'save'} onClick={() => toggle('save')}>
        Save view
      </button>
      {can.shareViews(user.role) && (
        <button type="button" className="button" aria-expanded={panel === 'share'} onClick={() => toggle('share')}>
          Share
        </button>
      )}
      {panel === 'save' && (
        <section className="card view-actions__panel" aria-label="Save this view">
          {view ? (
            <div aria-live="polite">
              <p>
                Saved “{view.name}”. <Link to="/views">All saved views</Link>
              </p>
              <CopyButton text={`${window.location.origin}${savedViewHref(view)}`} label="Copy link" />
            </div>
          ) : (
            <form className="inline-form" onSubmit={submitSave}>
              <div className="field">
                <label htmlFor={`${id}-name`}>View name</label>
                <input
                  id={`${id}-name`}
                  value={name}
                  onChange={(e) => setName(e.target.value)}
                  required
                  maxLength={120}
                />
              </div>
              <div className="form-actions">
                <button type="submit" className="button button--primary" disabled={create.isPending}>
                  Save
                </button>
              </div>
              <FormError error={create.error} />
            </form>
          )}
        </section>
      )}
      {panel === 'share' && (
        <section className="card view-actions__panel" aria-label="Share this view">
          <p className="hint">A read-only link to this page and its filters, for people without an account.</p>
          <ShareLinkForm
            askName={!view}
            defaultName={name}
            resolveViewId={async (viewName) => (view ?? (await saveView(viewName))).id}
          />
        </section>
      )}
    </div>
  );
}
