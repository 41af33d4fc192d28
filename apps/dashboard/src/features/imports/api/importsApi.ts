import { useQuery } from '@tanstack/react-query';
import {
  type ApiErrorBody,
  CSRF_COOKIE,
  CSRF_HEADER,
  type ImportListResponse,
  type ImportPreview,
  type ImportRecord,
} from '@resonance/contracts';
import { ApiError, apiGet, readCookie } from '../../../shared/api/http';

export const importKeys = { all: ['imports'] as const, list: () => ['imports', 'list'] as const };

export function useImportsQuery() {
  return useQuery({
    queryKey: importKeys.list(),
    queryFn: ({ signal }) => apiGet<ImportListResponse>('/imports', { query: { limit: 100 }, signal }),
  });
}

export interface UploadImportOptions {
  file: File;
  dryRun: boolean;
  /** Answer as soon as the server has recognised the file (202, status running); poll for progress. */
  background?: boolean;
  /** Campaign key or name for every row (files that name no campaign, or name one we don't know). */
  campaign?: string;
  dateOrder?: 'mdy' | 'dmy';
  /** Fraction 0–1 of the file sent. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/**
 * POST /api/v1/imports as multipart, over XMLHttpRequest because fetch cannot report upload
 * progress. Same errors as the JSON client (ApiError with the server's code and message).
 */
export function uploadImport<T extends ImportPreview | ImportRecord>(options: UploadImportOptions): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const form = new FormData();
    form.append('file', options.file);
    if (options.campaign) form.append('campaign', options.campaign);
    if (options.dateOrder) form.append('dateOrder', options.dateOrder);
    const xhr = new XMLHttpRequest();
    const query = options.dryRun ? '?dryRun=true' : options.background ? '?async=true' : '';
    xhr.open('POST', `/api/v1/imports${query}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf) xhr.setRequestHeader(CSRF_HEADER, csrf);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) options.onProgress?.(e.loaded / e.total);
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        options.onProgress?.(1);
        resolve(body as T);
      } else {
        reject(new ApiError(xhr.status, typeof body === 'object' && body !== null ? (body as ApiErrorBody) : null));
      }
    };
    xhr.onerror = () =>
      reject(
        new ApiError(0, {
          statusCode: 0,
          code: 'network_error',
          message: 'The upload failed: the server cannot be reached. Check your connection and try again.',
        }),
      );
    xhr.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'));
    options.signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(form);
  });
}
