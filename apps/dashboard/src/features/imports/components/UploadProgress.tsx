/** A progress bar with what it measures: the upload's bytes, or the server's own progress on the import. */
export function UploadProgress({ label, fraction, text }: { label: string; fraction: number; text?: string }) {
  const percent = Math.round(fraction * 100);
  const shown = text ?? (percent < 100 ? `${percent}%` : 'processing…');
  return (
    <div className="upload-progress" role="status" aria-live="polite">
      <label>
        {`${label}: ${shown}`}
        <progress max={100} value={percent} aria-label={label}>
          {percent}%
        </progress>
      </label>
    </div>
  );
}
