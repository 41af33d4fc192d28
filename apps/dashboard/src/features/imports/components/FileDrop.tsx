import { useId, useRef, useState, type DragEvent } from 'react';

export interface FileDropProps {
  onFile: (file: File) => void;
  disabled?: boolean;
}

const ACCEPT = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Drop a platform export here, or choose it with the (labelled) file input. */
export function FileDrop({ onFile, disabled }: FileDropProps) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const file = e.dataTransfer.files[0];
    if (file && !disabled) onFile(file);
  };
  return (
    <div
      className={`file-drop${over ? ' file-drop--over' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      data-testid="file-drop"
    >
      <p className="file-drop__title">Drop a platform export here</p>
      <p className="muted">
        CSV or XLSX from Meta Ads Manager, Instagram (Meta Business Suite), TikTok Ads Manager or X analytics.
      </p>
      <label htmlFor={`${id}-file`} className="button button--primary">
        Choose a file…
      </label>
      <input
        ref={input}
        id={`${id}-file`}
        className="visually-hidden"
        type="file"
        accept={ACCEPT}
        disabled={disabled}
        aria-label="Platform export file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) onFile(file);
          e.target.value = '';
        }}
      />
    </div>
  );
}
