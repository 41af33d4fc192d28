import type { ImportPreview } from '@resonance/contracts';
import { ageBandLabel, formatCount, formatMoney, GENDER_LABELS, PLATFORM_LABELS } from '../../../shared/format';
import { countsSummary, formatLabel } from '../utils/importErrors';
import type { CampaignOption } from '../utils/importLinks';
import { ErrorGroups } from './ErrorGroups';
import { RowErrors } from './RowErrors';

export interface ImportPreviewPanelProps {
  preview: ImportPreview;
  campaigns: CampaignOption[];
  campaign: string;
  onCampaign: (value: string) => void;
  onConfirm: () => void;
  onCancel: () => void;
  busy: boolean;
}

/** What the file would import: format, column mapping, first rows, errors; then Confirm. */
export function ImportPreviewPanel({
  preview,
  campaigns,
  campaign,
  onCampaign,
  onConfirm,
  onCancel,
  busy,
}: ImportPreviewPanelProps) {
  const nothingToImport = preview.rowsValid === 0;
  return (
    <section className="card import-preview" aria-labelledby="import-preview-title">
      <h2 id="import-preview-title" className="chart-card__title">
        Preview: {preview.fileName}
      </h2>
      <p>
        Detected <strong>{formatLabel(preview.format)}</strong>. {formatCount(preview.rowsRead)} rows read:{' '}
        <strong>{formatCount(preview.rowsValid)} ready to import</strong>
        {preview.rowsRejected > 0 && <>, {formatCount(preview.rowsRejected)} with problems (listed below, left out)</>}.
        Nothing has been saved yet.
      </p>
      {nothingToImport && (
        <p className="note" role="alert">
          Nothing can be imported as it is: see the problems below. If the file names a campaign Resonance doesn’t know,
          pick the campaign to import into here, or create it first on the Campaigns page.
        </p>
      )}
      <ErrorGroups
        groups={preview.errorGroups}
        onChooseCampaign={() => document.getElementById('import-campaign')?.focus()}
      />
      <div className="field import-preview__campaign">
        <label htmlFor="import-campaign">Campaign</label>
        <select id="import-campaign" value={campaign} onChange={(e) => onCampaign(e.target.value)} disabled={busy}>
          <option value="">The campaign named in the file</option>
          {campaigns.map((c) => (
            <option key={c.id} value={c.key}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      {preview.newCreatives.length > 0 && (
        <p className="note">
          New creatives will be registered (fill in their details later on the campaign page):{' '}
          {preview.newCreatives.join(', ')}.
        </p>
      )}
      <details open>
        <summary>What each column becomes</summary>
        <table className="simple-table">
          <caption className="visually-hidden">How the file's columns are read</caption>
          <thead>
            <tr>
              <th scope="col">Column in the file</th>
              <th scope="col">In Resonance</th>
            </tr>
          </thead>
          <tbody>
            {preview.columns.map((c) => (
              <tr key={c.field}>
                <th scope="row">{c.header}</th>
                <td>{c.label}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {preview.ignoredColumns.length > 0 && (
          <>
            <h3>Columns not imported</h3>
            <table className="simple-table">
              <caption className="visually-hidden">Columns of the file that are not imported, and why</caption>
              <thead>
                <tr>
                  <th scope="col">Column in the file</th>
                  <th scope="col">Why it is left out</th>
                </tr>
              </thead>
              <tbody>
                {preview.ignoredColumns.map((c) => (
                  <tr key={c.header}>
                    <th scope="row">{c.header}</th>
                    <td>{c.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </details>
      {preview.rows.length > 0 && (
        <>
          <h3>First rows</h3>
          <div className="data-table__scroll">
            <table className="simple-table">
              <caption className="visually-hidden">The first rows as they would be imported</caption>
              <thead>
                <tr>
                  {['Row', 'Period', 'Campaign', 'Creative', 'Platform', 'Age', 'Gender', 'Figures'].map((h) => (
                    <th key={h} scope="col">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((r) => (
                  <tr key={r.rowNumber}>
                    <th scope="row">{r.rowNumber}</th>
                    <td className="nowrap">
                      {r.periodStart === r.periodEnd ? r.periodStart : `${r.periodStart} – ${r.periodEnd}`}
                    </td>
                    <td>{r.campaign ?? '—'}</td>
                    <td>
                      {r.creativeName ?? r.creative ?? '—'}
                      {r.newCreative && <span className="tag tag--spaced">new</span>}
                    </td>
                    <td>{PLATFORM_LABELS[r.platform] ?? r.platform}</td>
                    <td>{r.ageBand ? ageBandLabel(r.ageBand) : '—'}</td>
                    <td>{r.gender ? (GENDER_LABELS[r.gender] ?? r.gender) : '—'}</td>
                    <td>
                      {countsSummary(r.counts)}
                      {r.spend && ` · ${formatMoney(r.spend.amount, r.spend.currency)} spent`}
                      {r.reach !== null && ` · platform reach ${formatCount(r.reach)}`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <RowErrors
        errors={preview.errors}
        omitted={preview.errorsOmitted}
        fileName={preview.fileName}
        collapsed={(preview.errorGroups ?? []).length > 0}
      />
      <div className="import-preview__actions">
        <button type="button" className="button button--primary" onClick={onConfirm} disabled={busy || nothingToImport}>
          Confirm import of {formatCount(preview.rowsValid)} rows
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </section>
  );
}
