import { errorMessage } from '../../../shared/api/http';
import { FormError } from '../../../shared/components/FormError';
import { PageHeader } from '../../../shared/components/PageHeader';
import { ReadOnlyNotice } from '../../../shared/components/ReadOnlyNotice';
import { useSession } from '../../../shared/session/useSession';
import { can, ROLE_LABELS } from '../../../shared/session/permissions';
import { useCampaignOptions } from '../../../shared/api/campaignsApi';
import { useImportFlow } from '../hooks/useImportFlow';
import { overviewHrefFor } from '../utils/importLinks';
import { importProgressView } from '../utils/importProgress';
import { FileDrop } from './FileDrop';
import { ImportPreviewPanel } from './ImportPreviewPanel';
import { ImportResult } from './ImportResult';
import { ImportsHistory } from './ImportsHistory';
import { UploadProgress } from './UploadProgress';
import '../../../shared/analytics/components/analytics.css';
import './imports.css';

/** Import a platform export: drop, preview, confirm, result; and the history. */
export function ImportsPage() {
  const flow = useImportFlow();
  const campaigns = useCampaignOptions();
  const options = campaigns.data ?? [];
  const { state } = flow;
  const { user } = useSession();
  if (!can.importFiles(user.role))
    return (
      <section aria-labelledby="imports-title" className="analytics-page">
        <PageHeader id="imports-title" title="Imports" description="Figures brought in from platforms' exports." />
        <ReadOnlyNotice roleLabel={ROLE_LABELS[user.role]} what="imports" whoCan="owners and managers" />
        <ImportsHistory />
      </section>
    );
  return (
    <section aria-labelledby="imports-title" className="analytics-page">
      <PageHeader
        id="imports-title"
        title="Imports"
        description="Bring in figures from a platform's export. You see what will be imported before anything is saved, and importing the same file twice changes nothing."
      />
      {(state.step === 'idle' || state.step === 'failed') && <FileDrop onFile={(file) => void flow.preview(file)} />}
      {state.step === 'previewing' && <UploadProgress label={`Reading ${state.file.name}`} fraction={state.progress} />}
      {state.step === 'failed' && (
        <div className="card" role="alert">
          <p>
            <strong>{state.file ? `${state.file.name}: ` : ''}</strong>
            {errorMessage(state.error)}
          </p>
          <FormError error={state.error} />
          {state.file && (
            <div className="field import-preview__campaign">
              <label htmlFor="import-campaign-retry">Import every row into this campaign</label>
              <select
                id="import-campaign-retry"
                value={flow.campaign}
                onChange={(e) => flow.chooseCampaign(e.target.value)}
              >
                <option value="">The campaign named in the file</option>
                {options.map((c) => (
                  <option key={c.id} value={c.key}>
                    {c.name}
                  </option>
                ))}
              </select>
            </div>
          )}
        </div>
      )}
      {(state.step === 'preview' || state.step === 'importing') && (
        <ImportPreviewPanel
          preview={state.preview}
          campaigns={options}
          campaign={flow.campaign}
          onCampaign={flow.chooseCampaign}
          onConfirm={() => void flow.confirm()}
          onCancel={flow.reset}
          busy={state.step === 'importing'}
        />
      )}
      {state.step === 'importing' && (
        <UploadProgress label={`Importing ${state.file.name}`} {...importProgressView(state.progress, state.server)} />
      )}
      {state.step === 'done' && (
        <ImportResult
          record={state.record}
          overviewHref={overviewHrefFor(state.preview.rows, options, flow.campaign || null)}
          onAnother={flow.reset}
        />
      )}
      <ImportsHistory />
    </section>
  );
}
