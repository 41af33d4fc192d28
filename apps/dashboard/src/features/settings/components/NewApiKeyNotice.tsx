import { useEffect, useRef } from 'react';
import type { CreatedApiKey } from '@resonance/contracts';
import { CopyButton } from '../../../shared/components/CopyButton';

/** The new key, shown this once: copy it now, it cannot be shown again. */
export function NewApiKeyNotice({ apiKey, onDone }: { apiKey: CreatedApiKey; onDone: () => void }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <section className="card new-key" aria-labelledby="new-key-title">
      <h2 id="new-key-title" ref={headingRef} tabIndex={-1}>
        Your new key “{apiKey.name}”
      </h2>
      <p className="warning" role="note">
        <strong>Copy it now.</strong> This is the only time the key is shown: Resonance keeps only a hash of it. If you
        lose it, revoke it and create another.
      </p>
      <div className="new-key__value">
        <label htmlFor="new-key-value">API key</label>
        <input
          id="new-key-value"
          readOnly
          value={apiKey.key}
          onFocus={(e) => e.target.select()}
          spellCheck={false}
          data-testid="new-api-key"
        />
        <CopyButton text={apiKey.key} label="Copy key" />
      </div>
      <p className="hint">
        Send it as <code>Authorization: Bearer &lt;key&gt;</code>.
      </p>
      <button type="button" className="button" onClick={onDone}>
        I have stored the key
      </button>
    </section>
  );
}
