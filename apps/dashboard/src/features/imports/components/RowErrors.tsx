import type { ImportRowError } from '@resonance/contracts';
import { downloadText, exportFileName } from '../../../shared/components/DataTable';
import { formatCount } from '../../../shared/format';
import { importErrorsCsv } from '../utils/importErrors';

const SHOWN = 20;

/** The rows refused, the first ones on screen and all listed ones as a CSV download. */
export function RowErrors({
  errors,
  omitted,
  fileName,
  collapsed = false,
}: {
  errors: ImportRowError[];
  omitted: number;
  fileName: string;
  /** Behind a "row by row" toggle, when the problems are already summarised above. */
  collapsed?: boolean;
}) {
  if (errors.length === 0) return null;
  const total = errors.length + omitted;
  const body = (
    <>
      <table className="simple-table">
        <caption className="visually-hidden">Rows that could not be imported</caption>
        <thead>
          <tr>
            <th scope="col">Row</th>
            <th scope="col">Column</th>
            <th scope="col">Value</th>
            <th scope="col">Problem</th>
          </tr>
        </thead>
        <tbody>
          {errors.slice(0, SHOWN).map((e, i) => (
            <tr key={`${e.rowNumber}-${e.field}-${i}`}>
              <th scope="row">{e.rowNumber}</th>
              <td>{e.field}</td>
              <td>{e.value ?? ''}</td>
              <td>{e.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {(errors.length > SHOWN || omitted > 0) && (
        <p className="muted">
          Showing {SHOWN} of {formatCount(total)}.
          {omitted > 0 && ` The download lists the first ${formatCount(errors.length)}.`}
        </p>
      )}
      <button
        type="button"
        className="button"
        onClick={() => downloadText(exportFileName(`${fileName}-errors`, 'csv'), importErrorsCsv(errors))}
      >
        Download row errors (CSV)
      </button>
    </>
  );
  const title = `${formatCount(total)} row problem${total === 1 ? '' : 's'}`;
  return (
    <section className="row-errors" aria-labelledby="row-errors-title">
      {collapsed ? (
        <details>
          <summary id="row-errors-title">{title}, row by row</summary>
          {body}
        </details>
      ) : (
        <>
          <h3 id="row-errors-title">{title}</h3>
          {body}
        </>
      )}
    </section>
  );
}
