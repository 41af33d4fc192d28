import { useQuery } from '@tanstack/react-query';
import {
  SHARE_AUTH_SCHEME,
  type AnnotationListResponse,
  type ApiErrorBody,
  type BreakdownResponse,
  type SegmentReportResponse,
  type SharedBreakdown,
  type SharedViewSession,
  type SummaryResponse,
  type TimeseriesResponse,
} from '@resonance/contracts';
import { ApiError } from '../../../shared/api/http';

async function readJson<T>(res: Response): Promise<T> {
  const text = await res.text();
  const body: unknown = text ? JSON.parse(text) : null;
  if (!res.ok) throw new ApiError(res.status, body as ApiErrorBody | null);
  return body as T;
}

/** Opens a share link (each call is one counted opening). No cookies: a shared viewer has no session. */
export async function openSharedView(token: string, password?: string): Promise<SharedViewSession> {
  const res = await fetch('/api/v1/shared/open', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    credentials: 'omit',
    body: JSON.stringify(password ? { token, password } : { token }),
  });
  return readJson<SharedViewSession>(res);
}

async function sharedGet<T>(accessToken: string, path: string, signal: AbortSignal): Promise<T> {
  const res = await fetch(`/api/v1/shared/${path}`, {
    headers: { accept: 'application/json', authorization: `${SHARE_AUTH_SCHEME} ${accessToken}` },
    credentials: 'omit',
    signal,
  });
  return readJson<T>(res);
}

const sharedKeys = {
  figures: (accessToken: string, what: string) => ['shared', accessToken, what] as const,
};

export function useSharedSummary(accessToken: string) {
  return useQuery({
    queryKey: sharedKeys.figures(accessToken, 'summary'),
    queryFn: ({ signal }) => sharedGet<SummaryResponse>(accessToken, 'summary', signal),
  });
}

export function useSharedTimeseries(accessToken: string) {
  return useQuery({
    queryKey: sharedKeys.figures(accessToken, 'timeseries'),
    queryFn: ({ signal }) => sharedGet<TimeseriesResponse>(accessToken, 'timeseries', signal),
  });
}

export function useSharedSegments(accessToken: string) {
  return useQuery({
    queryKey: sharedKeys.figures(accessToken, 'segments'),
    queryFn: ({ signal }) => sharedGet<SegmentReportResponse>(accessToken, 'segments', signal),
  });
}

export function useSharedBreakdown(accessToken: string, by: SharedBreakdown) {
  return useQuery({
    queryKey: sharedKeys.figures(accessToken, `breakdown-${by}`),
    queryFn: ({ signal }) => sharedGet<BreakdownResponse>(accessToken, `breakdown?by=${by}`, signal),
  });
}

/** The notes and observance windows of the view's period (read-only). */
export function useSharedAnnotations(accessToken: string) {
  return useQuery({
    queryKey: sharedKeys.figures(accessToken, 'annotations'),
    queryFn: ({ signal }) => sharedGet<AnnotationListResponse>(accessToken, 'annotations', signal),
  });
}
