import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Role } from '@resonance/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthContext } from '../common/auth/auth-context.js';
import { SessionEntity } from './session.entity.js';

/** A session ends after a week without use, and a month after sign-in at the latest. */
export const SESSION_IDLE_MS = 7 * 24 * 60 * 60 * 1000;
export const SESSION_MAX_MS = 30 * 24 * 60 * 60 * 1000;
/** `last_seen_at` (and the idle expiry) is moved at most once a minute, not on every request. */
const TOUCH_RESOLUTION_MS = 60_000;

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

interface SessionRow {
  org_id: string;
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: Date;
  last_seen_at: Date;
  role: Role;
}

@Injectable()
export class SessionsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Starts a session; the token goes in the cookie and is never stored. */
  async create(params: {
    orgId: string;
    userId: string;
    manager?: EntityManager;
  }): Promise<{ token: string; csrfToken: string }> {
    const manager = params.manager ?? this.dataSource.manager;
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    await manager.query(`DELETE FROM sessions WHERE org_id = $1 AND user_id = $2 AND expires_at <= now()`, [
      params.orgId,
      params.userId,
    ]);
    await manager.insert(SessionEntity, {
      orgId: params.orgId,
      userId: params.userId,
      tokenHash: hashToken(token),
      csrfToken,
      expiresAt: new Date(Date.now() + SESSION_IDLE_MS),
    });
    return { token, csrfToken };
  }

  /** The caller behind a session cookie, with the user's current role; null when it has ended. */
  async authenticate(token: string): Promise<{ context: AuthContext; csrfToken: string } | null> {
    const rows = await this.dataSource.query<SessionRow[]>(
      `SELECT s.org_id, s.id, s.user_id, s.csrf_token, s.created_at, s.last_seen_at, u.role
         FROM sessions s
         JOIN users u ON u.org_id = s.org_id AND u.id = s.user_id
        WHERE s.token_hash = $1 AND s.expires_at > now()`,
      [hashToken(token)],
    );
    const row = rows[0];
    if (!row) return null;
    if (Date.now() - new Date(row.last_seen_at).getTime() >= TOUCH_RESOLUTION_MS) {
      // Times computed here, not with now() or created_at + interval in SQL: Citus refuses stable
      // functions over column references in an UPDATE of a table it manages (docs/scaling.md).
      const now = Date.now();
      const expiresAt = Math.min(now + SESSION_IDLE_MS, new Date(row.created_at).getTime() + SESSION_MAX_MS);
      await this.dataSource.query(
        `UPDATE sessions SET last_seen_at = $3::timestamptz, expires_at = $4::timestamptz WHERE org_id = $1 AND id = $2`,
        [row.org_id, row.id, new Date(now).toISOString(), new Date(expiresAt).toISOString()],
      );
    }
    return {
      context: {
        orgId: row.org_id,
        via: 'session',
        userId: row.user_id,
        sessionId: row.id,
        role: row.role,
        scopes: [],
      },
      csrfToken: row.csrf_token,
    };
  }

  /** Ends every session of a user but `keepSessionId` (after a password change or reset). */
  async endAllForUser(params: {
    orgId: string;
    userId: string;
    keepSessionId?: string;
    manager?: EntityManager;
  }): Promise<number> {
    const manager = params.manager ?? this.dataSource.manager;
    const rows = await manager.query<{ id: string }[]>(
      `WITH ended AS (
         DELETE FROM sessions WHERE org_id = $1 AND user_id = $2 AND id IS DISTINCT FROM $3::uuid RETURNING id)
       SELECT id FROM ended`,
      [params.orgId, params.userId, params.keepSessionId ?? null],
    );
    return rows.length;
  }

  async end(params: { orgId: string; sessionId: string }): Promise<void> {
    await this.dataSource.getRepository(SessionEntity).delete({ orgId: params.orgId, id: params.sessionId });
  }
}
