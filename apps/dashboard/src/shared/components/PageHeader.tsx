import { useEffect, type ReactNode } from 'react';

/** A page's h1 (also the document title) with optional description and actions. */
export function PageHeader({
  title,
  description,
  actions,
  id,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  id?: string;
}) {
  useEffect(() => {
    document.title = `${title} · Resonance`;
  }, [title]);
  return (
    <div className="page-header">
      <div>
        <h1 id={id}>{title}</h1>
        {description && <p className="muted page-header__description">{description}</p>}
      </div>
      {actions && <div className="page-header__actions">{actions}</div>}
    </div>
  );
}
