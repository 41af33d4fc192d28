import { Link } from 'react-router';
import type { ImportRecord } from '@resonance/contracts';
import { formatCount } from '../../../shared/format';
import { formatLabel, revisionSummary } from '../utils/importErrors';
import { ErrorGroups } from './ErrorGroups';
import { RowErrors } from './RowErrors';

/** What the import did, where to see its figures, and the rows to fix. */
export function ImportResult({
  record,
  overviewHref,
  onAnother,
}: {
  record: ImportRecord;
  overviewHref: string;
  onAnother: () => void;
}) {
  return (
    <section className="card import-result" aria-labelledby="import-result-title">
      <h2 id="import-result-title" className="chart-card__title">
        Imported {record.fileName}
      </h2>
      <p role="status">
        {formatLabel(record.format)}: {formatCount(record.rowsRead)} rows read,{' '}
        <strong>{formatCount(record.rowsNew)} new</strong>
        {record.rowsRevised > 0 && (
          <>
            , <strong>{formatCount(record.rowsRevised)} revised</strong> (the newer figures replace the earlier
            import&apos;s)
          </>
        )}
        {record.rowsDuplicate > 0 && <>, {formatCount(record.rowsDuplicate)} already imported before (unchanged)</>}
        {record.rowsRejected > 0 && <>, {formatCount(record.rowsRejected)} refused</>}
        {record.creativesRegistered > 0 && <>; {formatCount(record.creativesRegistered)} new creatives registered</>}.
      </p>
      {record.revision && <p>Change in the stored totals: {revisionSummary(record.revision)}.</p>}
      <p className="import-result__actions">
        <Link className="button button--primary" to={overviewHref}>
          See its figures on the overview
        </Link>
        <button type="button" className="button" onClick={onAnother}>
          Import another file
        </button>
      </p>
      <ErrorGroups groups={record.errorGroups ?? []} />
      <RowErrors
        errors={record.errors}
        omitted={record.errorsOmitted}
        fileName={record.fileName}
        collapsed={(record.errorGroups ?? []).length > 0}
      />
    </section>
  );
}
