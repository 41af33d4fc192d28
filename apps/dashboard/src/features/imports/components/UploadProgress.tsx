/** The upload's progress; the server's work after the last byte is shown as "processing". */
export function UploadProgress({ label, fraction }: { label: string; fraction: number }) {
  const percent = Math.round(fraction * 100);
  return (
    <div className="upload-progress" role="status" aria-live="polite">
      <label>
        {percent < 100 ? `${label}: ${percent}%` : `${label}: processing…`}
        <progress max={100} value={percent} aria-label={label}>
          {percent}%
        </progress>
      </label>
    </div>
  );
}
