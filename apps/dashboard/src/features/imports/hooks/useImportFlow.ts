import { useCallback, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { ImportPreview, ImportRecord } from '@resonance/contracts';
import { ApiError, apiGet } from '../../../shared/api/http';
import { analyticsKeys } from '../../../shared/analytics/api/analyticsApi';
import { importKeys, uploadImport } from '../api/importsApi';

export type ImportStep =
  | { step: 'idle' }
  | { step: 'previewing'; file: File; progress: number }
  | { step: 'preview'; file: File; preview: ImportPreview }
  | { step: 'importing'; file: File; preview: ImportPreview; progress: number; server: ImportRecord | null }
  | { step: 'done'; record: ImportRecord; preview: ImportPreview }
  | { step: 'failed'; file: File | null; error: unknown };

const POLL_MS = 500;

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new DOMException('Cancelled', 'AbortError'));
    });
  });

/**
 * Pick a file → dry-run preview → confirm → the import's record. The upload's progress, then the
 * server's: the import runs as a job (202) and its record is polled until it completes or fails.
 */
export function useImportFlow() {
  const [state, setState] = useState<ImportStep>({ step: 'idle' });
  const [campaign, setCampaign] = useState('');
  const abort = useRef<AbortController | null>(null);
  const client = useQueryClient();

  const preview = useCallback(
    async (file: File, campaignOverride = campaign) => {
      abort.current?.abort();
      abort.current = new AbortController();
      setState({ step: 'previewing', file, progress: 0 });
      try {
        const result = await uploadImport<ImportPreview>({
          file,
          dryRun: true,
          campaign: campaignOverride || undefined,
          signal: abort.current.signal,
          onProgress: (progress) => setState((s) => (s.step === 'previewing' ? { ...s, progress } : s)),
        });
        setState({ step: 'preview', file, preview: result });
      } catch (error) {
        if (error instanceof DOMException && error.name === 'AbortError') return;
        setState({ step: 'failed', file, error });
      }
    },
    [campaign],
  );

  const confirm = useCallback(async () => {
    if (state.step !== 'preview') return;
    const { file, preview: dryRun } = state;
    abort.current = new AbortController();
    setState({ step: 'importing', file, preview: dryRun, progress: 0, server: null });
    const signal = abort.current.signal;
    try {
      let record = await uploadImport<ImportRecord>({
        file,
        dryRun: false,
        background: true,
        campaign: campaign || undefined,
        signal,
        onProgress: (progress) => setState((s) => (s.step === 'importing' ? { ...s, progress } : s)),
      });
      while (record.status === 'running') {
        const current = record;
        setState((s) => (s.step === 'importing' ? { ...s, server: current } : s));
        await sleep(POLL_MS, signal);
        record = await apiGet<ImportRecord>(`/imports/${record.id}`, { signal });
      }
      if (record.status === 'failed') {
        const failure = record.failure;
        throw new ApiError(failure?.statusCode ?? 500, failure ?? null);
      }
      setState({ step: 'done', record, preview: dryRun });
      await Promise.all([
        client.invalidateQueries({ queryKey: importKeys.all }),
        client.invalidateQueries({ queryKey: analyticsKeys.all }),
        client.invalidateQueries({ queryKey: ['campaigns'] }),
      ]);
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return;
      setState({ step: 'failed', file, error });
    }
  }, [state, campaign, client]);

  const reset = useCallback(() => {
    abort.current?.abort();
    setState({ step: 'idle' });
  }, []);

  /** A new campaign choice re-runs the preview, since it changes which rows are accepted. */
  const chooseCampaign = useCallback(
    (value: string) => {
      setCampaign(value);
      const file = state.step === 'preview' || state.step === 'failed' ? state.file : null;
      if (file) void preview(file, value);
    },
    [state, preview],
  );

  return { state, campaign, chooseCampaign, preview, confirm, reset };
}
