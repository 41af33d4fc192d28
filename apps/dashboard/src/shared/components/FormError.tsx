import { ApiError, errorMessage } from '../api/http';

/** A failed request's message as the server wrote it (validation lists each problem). */
export function FormError({ error, id }: { error: unknown; id?: string }) {
  if (!error) return null;
  const details =
    error instanceof ApiError && Array.isArray(error.details)
      ? (error.details as unknown[]).filter((d): d is string => typeof d === 'string')
      : [];
  return (
    <div className="form-error" role="alert" id={id}>
      {details.length > 1 ? (
        <>
          <p>Please fix these:</p>
          <ul>
            {details.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
        </>
      ) : (
        <p>{errorMessage(error)}</p>
      )}
    </div>
  );
}
