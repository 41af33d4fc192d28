import type { AuditAction, AuditEventView } from '@resonance/contracts';

const ACTION_TEXT: Partial<Record<AuditAction, string>> = {
  'auth.login_succeeded': 'Signed in',
  'auth.login_failed': 'Failed sign-in',
  'auth.logout': 'Signed out',
  'auth.signup': 'Created the organisation',
  'auth.password_changed': 'Changed their password',
  'auth.password_reset': 'Set a new password with a reset link',
  'member.password_reset_issued': 'Made a password reset link',
  'member.created': 'Added a member',
  'member.role_changed': 'Changed a role',
  'member.removed': 'Removed a member',
  'api_key.created': 'Created an API key',
  'api_key.revoked': 'Revoked an API key',
  'organization.updated': 'Changed organisation settings',
};

/** Plain words for an action; actions added later by other features fall back to their code. */
export function describeAuditAction(action: string): string {
  return ACTION_TEXT[action as AuditAction] ?? action;
}

export function describeAuditActor(event: AuditEventView): string {
  if (event.actor.email) return event.actor.email;
  if (event.actor.apiKeyId) return `API key ${event.actor.apiKeyId.slice(0, 8)}`;
  if (event.actor.userId) return `User ${event.actor.userId.slice(0, 8)}`;
  return '—';
}

function valueText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.map(valueText).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The event's details as "key: value" pairs. */
export function describeAuditDetails(event: AuditEventView): string {
  return Object.entries(event.details ?? {})
    .map(([k, v]) => `${k}: ${valueText(v)}`)
    .join(' · ');
}
