import { useCallback, useState } from 'react';
import { ApiError, buildQuery, type RequestOptions } from './http';

/** The file name from `Content-Disposition: attachment; filename="…"`, or the fallback. */
export function fileNameFromDisposition(header: string | null, fallback: string): string {
  const match = header ? /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(header) : null;
  return match?.[1] ? decodeURIComponent(match[1]) : fallback;
}

/**
 * Downloads a file the API renders (e.g. `/exports/segment-report.xlsx` with the screen's query).
 * Errors come back as ApiError with the server's message, not as a broken file.
 */
export async function downloadFromApi(
  path: string,
  query?: RequestOptions['query'],
  fallbackName = 'export',
): Promise<void> {
  const res = await fetch(`/api/v1${path}${buildQuery(query)}`, { credentials: 'same-origin' });
  if (!res.ok) {
    const text = await res.text();
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = null;
    }
    throw new ApiError(res.status, typeof body === 'object' && body !== null ? (body as ApiError['body']) : null);
  }
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileNameFromDisposition(res.headers.get('content-disposition'), fallbackName);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** `const xlsx = useApiDownload(); <DataTable onExportXlsx={() => xlsx.download('/exports/x.xlsx', query)} />` */
export function useApiDownload() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const download = useCallback(async (path: string, query?: RequestOptions['query'], fallbackName?: string) => {
    setPending(true);
    setError(null);
    try {
      await downloadFromApi(path, query, fallbackName);
    } catch (e) {
      setError(e);
    } finally {
      setPending(false);
    }
  }, []);
  return { download, pending, error };
}
