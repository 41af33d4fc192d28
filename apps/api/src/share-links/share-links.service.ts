import { createHash, randomBytes } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  CreatedShareLink,
  CreateShareLinkRequest,
  ShareLink,
  ShareLinkListResponse,
  SharedView,
  SharedViewSession,
} from '@resonance/contracts';
import { DataSource } from 'typeorm';
import { PasswordHasher } from '../accounts/password-hasher.js';
import { AuditService } from '../audit/audit.service.js';
import type { AuthContext } from '../common/auth/auth-context.js';
import { SavedViewsService, type ResolvedView } from '../saved-views/saved-views.service.js';
import { ShareLinkEntity, ShareLinkOpeningEntity } from './share-link.entity.js';
import { ShareLinksError } from './share-links.errors.js';

const TOKEN_PREFIX = 'rsv_';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** One opening gives access for this long (or until the link ends, if sooner). */
export const SHARE_ACCESS_HOURS = 12;
const DAY_MS = 86_400_000;

/** Tokens carry 256 random bits, so a fast hash is enough (no guessing to slow down). */
export function hashShareSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

function statusOf(link: ShareLinkEntity, now: Date): ShareLink['status'] {
  if (link.revokedAt) return 'revoked';
  return link.expiresAt.getTime() <= now.getTime() ? 'expired' : 'active';
}

function toShareLink(link: ShareLinkEntity, viewName: string, now: Date = new Date()): ShareLink {
  return {
    id: link.id,
    savedViewId: link.savedViewId,
    savedViewName: viewName,
    createdAt: link.createdAt.toISOString(),
    createdBy: link.createdBy,
    expiresAt: link.expiresAt.toISOString(),
    revokedAt: link.revokedAt?.toISOString() ?? null,
    status: statusOf(link, now),
    hasPassword: link.passwordHash !== null,
    openCount: link.openCount,
    lastOpenedAt: link.lastOpenedAt?.toISOString() ?? null,
  };
}

export function toSharedView(resolved: ResolvedView, expiresAt: Date, platform: SharedView['platform']): SharedView {
  return {
    name: resolved.view.name,
    page: resolved.view.page,
    organizationName: resolved.organizationName,
    timeZone: resolved.timeZone,
    period: resolved.period,
    comparison: resolved.comparison,
    campaign: resolved.campaign,
    platform,
    segment: resolved.segment,
    expiresAt: expiresAt.toISOString(),
  };
}

@Injectable()
export class ShareLinksService {
  private readonly logger = new Logger(ShareLinksService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly views: SavedViewsService,
    private readonly passwords: PasswordHasher,
    private readonly audit: AuditService,
  ) {}

  async list(params: { orgId: string; savedViewId?: string }): Promise<ShareLinkListResponse> {
    const rows = await this.dataSource.getRepository(ShareLinkEntity).find({
      where: { orgId: params.orgId, ...(params.savedViewId ? { savedViewId: params.savedViewId } : {}) },
      relations: { savedView: true },
      order: { createdAt: 'DESC' },
    });
    const items = rows.map((row) => toShareLink(row, row.savedView?.name ?? ''));
    return { items, total: items.length };
  }

  async create(params: {
    auth: AuthContext;
    ip: string | null;
    request: CreateShareLinkRequest;
  }): Promise<CreatedShareLink> {
    const { auth, ip, request } = params;
    const view = await this.views.get({ orgId: auth.orgId, id: request.savedViewId });
    const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const passwordHash = request.password ? await this.passwords.hash(request.password) : null;
    return this.dataSource.transaction(async (manager) => {
      const entity = manager.create(ShareLinkEntity, {
        orgId: auth.orgId,
        savedViewId: view.id,
        tokenHash: hashShareSecret(token),
        passwordHash,
        expiresAt: new Date(Date.now() + request.expiresInDays * DAY_MS),
        revokedAt: null,
        createdBy: auth.userId ?? null,
        openCount: 0,
        lastOpenedAt: null,
      });
      await manager.insert(ShareLinkEntity, entity);
      const saved = await manager.findOneByOrFail(ShareLinkEntity, { orgId: auth.orgId, id: entity.id });
      await this.audit.record({
        orgId: auth.orgId,
        actor: auth,
        action: 'share_link.created',
        target: { type: 'share_link', id: saved.id },
        ip,
        details: {
          savedViewId: view.id,
          savedViewName: view.name,
          expiresAt: saved.expiresAt.toISOString(),
          password: passwordHash !== null,
        },
        manager,
      });
      this.logger.log(`User ${auth.userId ?? '-'} shared view ${view.id} as link ${saved.id} in org ${auth.orgId}`);
      return { ...toShareLink(saved, view.name), token, path: `/shared/${token}` };
    });
  }

  async revoke(params: { auth: AuthContext; ip: string | null; id: string }): Promise<ShareLink> {
    const { auth, ip, id } = params;
    const repo = this.dataSource.getRepository(ShareLinkEntity);
    const link = UUID.test(id)
      ? await repo.findOne({ where: { orgId: auth.orgId, id }, relations: { savedView: true } })
      : null;
    if (!link) {
      throw new ShareLinksError('share_link_not_found', `No share link ${id} in this organisation.`);
    }
    if (!link.revokedAt) {
      link.revokedAt = new Date();
      await this.dataSource.transaction(async (manager) => {
        await manager.update(ShareLinkEntity, { orgId: auth.orgId, id }, { revokedAt: link.revokedAt });
        await this.audit.record({
          orgId: auth.orgId,
          actor: auth,
          action: 'share_link.revoked',
          target: { type: 'share_link', id },
          ip,
          details: { savedViewId: link.savedViewId },
          manager,
        });
      });
    }
    return toShareLink(link, link.savedView?.name ?? '');
  }

  /**
   * Opens a link without an account: checks expiry, revocation and the password, counts the
   * opening, writes it to the audit log, and hands out an access token for this view only.
   */
  async open(params: { token: string; password?: string; ip: string | null }): Promise<SharedViewSession> {
    const now = new Date();
    const link = await this.dataSource
      .getRepository(ShareLinkEntity)
      .findOne({ where: { tokenHash: hashShareSecret(params.token) } });
    if (!link) {
      throw new ShareLinksError(
        'share_link_not_found',
        'This link is not valid. Check that it was copied whole, or ask for a new one.',
      );
    }
    if (link.revokedAt) {
      throw new ShareLinksError('share_link_revoked', 'This link has been revoked; ask its owner for a new one.');
    }
    if (link.expiresAt.getTime() <= now.getTime()) {
      throw new ShareLinksError(
        'share_link_expired',
        `This link expired on ${link.expiresAt.toISOString().slice(0, 10)}; ask its owner for a new one.`,
      );
    }
    if (link.passwordHash) {
      if (!params.password) {
        throw new ShareLinksError('share_password_required', 'This view is protected: enter its password.', {
          field: 'password',
        });
      }
      if (!(await this.passwords.verify(link.passwordHash, params.password))) {
        throw new ShareLinksError('share_password_wrong', 'That password is not right.', { field: 'password' });
      }
    }
    const resolved = await this.views.resolve({ orgId: link.orgId, id: link.savedViewId, now });
    const accessToken = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Math.min(link.expiresAt.getTime(), now.getTime() + SHARE_ACCESS_HOURS * 3_600_000));
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(ShareLinkOpeningEntity, {
        orgId: link.orgId,
        shareLinkId: link.id,
        openedAt: now,
        ip: params.ip,
        accessHash: hashShareSecret(accessToken),
        expiresAt,
      });
      // TypeORM answers an UPDATE … RETURNING with [rows, rowCount].
      const [rows] = (await manager.query(
        `UPDATE share_links SET open_count = open_count + 1, last_opened_at = $3
          WHERE org_id = $1 AND id = $2 RETURNING open_count`,
        [link.orgId, link.id, now],
      )) as [{ open_count: number }[], number];
      await this.audit.record({
        orgId: link.orgId,
        actor: null,
        action: 'share_link.opened',
        target: { type: 'share_link', id: link.id },
        ip: params.ip,
        details: {
          savedViewId: link.savedViewId,
          savedViewName: resolved.view.name,
          openings: rows[0]?.open_count ?? null,
        },
        manager,
      });
    });
    return {
      accessToken,
      expiresAt: expiresAt.toISOString(),
      view: toSharedView(resolved, link.expiresAt, resolved.view.filters.platform),
    };
  }

  /** The credential of a shared viewer: valid while the opening, and the link itself, last. */
  async authenticate(accessToken: string): Promise<AuthContext | null> {
    const [row] = await this.dataSource.query<{ org_id: string; share_link_id: string; saved_view_id: string }[]>(
      `SELECT o.org_id, o.share_link_id, l.saved_view_id
         FROM share_link_openings o
         JOIN share_links l ON l.org_id = o.org_id AND l.id = o.share_link_id
        WHERE o.access_hash = $1 AND o.expires_at > now() AND l.revoked_at IS NULL AND l.expires_at > now()`,
      [hashShareSecret(accessToken)],
    );
    if (!row) return null;
    return {
      orgId: row.org_id,
      via: 'share_link',
      shareLinkId: row.share_link_id,
      savedViewId: row.saved_view_id,
      scopes: [],
    };
  }

  /** The link's expiry, for the shared view's header. */
  async linkExpiry(params: { orgId: string; id: string }): Promise<Date> {
    const link = await this.dataSource
      .getRepository(ShareLinkEntity)
      .findOneByOrFail({ orgId: params.orgId, id: params.id });
    return link.expiresAt;
  }
}
