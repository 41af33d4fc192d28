import type { ImportRecord } from '@resonance/contracts';

export interface ProgressView {
  /** 0–1 for the bar. */
  fraction: number;
  /** What the bar measures, in words. */
  text: string;
}

const rows = (n: number): string => `${new Intl.NumberFormat('en-US').format(n)} row${n === 1 ? '' : 's'}`;

/**
 * The import's progress bar: the upload's bytes until the server has the file, then the server's
 * own progress (the share of the file it has read and staged, and the rows so far), then the
 * final write of the figures.
 */
export function importProgressView(upload: number, server: ImportRecord | null): ProgressView {
  if (!server) {
    return upload < 1
      ? { fraction: upload, text: `uploading ${Math.round(upload * 100)}%` }
      : { fraction: 0, text: 'waiting for the server to start reading' };
  }
  const { bytesDone, bytesTotal, rowsDone, phase } = server.progress;
  if (phase === 'writing') return { fraction: 1, text: `saving the figures of ${rows(rowsDone)}` };
  if (phase === 'done') return { fraction: 1, text: `done: ${rows(server.rowsRead)}` };
  const fraction = bytesTotal > 0 ? Math.min(1, bytesDone / bytesTotal) : 0;
  return { fraction, text: `read ${Math.round(fraction * 100)}% of the file, ${rows(rowsDone)}` };
}
