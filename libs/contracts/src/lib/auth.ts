import type { ApiKeyScope, ListResponse, Role } from './domain.js';

/** The httpOnly cookie that carries the session token. */
export const SESSION_COOKIE = 'resonance_session';
/** A readable cookie with the session's CSRF token; echo it in `CSRF_HEADER`. */
export const CSRF_COOKIE = 'resonance_csrf';
/** Cookie-authenticated requests other than GET/HEAD/OPTIONS send the CSRF token here. */
export const CSRF_HEADER = 'x-csrf-token';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;
/** The smallest suppression threshold an organisation may set (cells below it are hidden). */
export const MIN_SUPPRESSION_THRESHOLD = 11;

export interface LoginRequest {
  email: string;
  password: string;
}

export interface SignupRequest {
  organizationName: string;
  email: string;
  password: string;
}

export interface AuthUser {
  id: string;
  email: string;
  role: Role;
}

export interface AuthOrganization {
  id: string;
  name: string;
  suppressionThreshold: number;
}

/** `GET /auth/me`, and the answer to login and signup. */
export interface MeResponse {
  user: AuthUser;
  organization: AuthOrganization;
}

export interface CreateApiKeyRequest {
  name: string;
  scopes: ApiKeyScope[];
}

/** An API key as listed: never the secret, only its recognisable prefix. */
export interface ApiKeySummary {
  id: string;
  name: string;
  scopes: ApiKeyScope[];
  prefix: string;
  createdAt: string;
  createdBy: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** The answer to creating a key: the only time `key` is shown. */
export interface CreatedApiKey {
  id: string;
  name: string;
  scopes: ApiKeyScope[];
  prefix: string;
  key: string;
  createdAt: string;
}

export type ApiKeyListResponse = ListResponse<ApiKeySummary>;

export interface Member {
  id: string;
  email: string;
  role: Role;
  createdAt: string;
  /** Set while sign-in is locked after repeated failures. */
  lockedUntil: string | null;
}

export interface CreateMemberRequest {
  email: string;
  password: string;
  role: Role;
}

/** `POST /auth/password`: change one's own password; other sessions end. */
export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

/** `POST /members/:id/password-reset` (owners): a one-time link to hand to the member. */
export interface PasswordResetLink {
  /** Dashboard path with the token, e.g. `/reset-password?token=…`; shown once. */
  path: string;
  token: string;
  expiresAt: string;
}

/** `POST /auth/password-reset`: the member sets a new password with the link's token. */
export interface CompletePasswordResetRequest {
  token: string;
  newPassword: string;
}

export interface UpdateMemberRequest {
  role: Role;
}

export type MemberListResponse = ListResponse<Member>;

export interface OrganizationSettings {
  id: string;
  name: string;
  suppressionThreshold: number;
  isDemo: boolean;
  createdAt: string;
}

export interface UpdateOrganizationRequest {
  name?: string;
  suppressionThreshold?: number;
}

/** Actions written to the audit log. Features add theirs here. */
export const AUDIT_ACTIONS = [
  'auth.login_succeeded',
  'auth.login_failed',
  'auth.logout',
  'auth.signup',
  'auth.password_changed',
  'auth.password_reset',
  'member.password_reset_issued',
  'member.created',
  'member.role_changed',
  'member.removed',
  'api_key.created',
  'api_key.revoked',
  'organization.updated',
  'campaign.deleted',
  'creative.deleted',
  'import.completed',
  'export.downloaded',
  'share_link.created',
  'share_link.revoked',
  'share_link.opened',
  'annotation.created',
  'annotation.updated',
  'annotation.deleted',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEventView {
  id: string;
  at: string;
  action: AuditAction;
  actor: { userId: string | null; email: string | null; apiKeyId: string | null };
  target: { type: string; id: string } | null;
  ip: string | null;
  details: Record<string, unknown>;
}

export type AuditListResponse = ListResponse<AuditEventView>;
