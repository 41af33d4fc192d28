import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { comparisonPeriod, resolvePeriodRule, type PeriodRange } from '@resonance/analytics';
import {
  ANALYTICS_MAX_SPAN_DAYS,
  type CreateSavedViewRequest,
  type SavedView,
  type SavedViewFilters,
  type SavedViewListResponse,
  type ViewCompareMode,
} from '@resonance/contracts';
import { DataSource } from 'typeorm';
import { isUniqueViolation } from '../infra/database/pg-errors.js';
import { dayNumber, todayIn } from '../common/time/dates.js';
import type { AuthContext } from '../common/auth/auth-context.js';
import { SegmentsService } from '../segments/segments.service.js';
import { SavedViewEntity } from './saved-view.entity.js';
import { SavedViewsError } from './saved-views.errors.js';
import { OrganizationEntity } from '../organizations/organization.entity.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A view's filters worked out for one day: dates, and the names a reader needs. */
export interface ResolvedView {
  view: SavedView;
  timeZone: string;
  organizationName: string;
  period: PeriodRange;
  comparison: (PeriodRange & { mode: ViewCompareMode }) | null;
  campaign: { id: string; name: string } | null;
  segment: { id: string; name: string } | null;
}

export function toSavedView(row: SavedViewEntity): SavedView {
  return {
    id: row.id,
    name: row.name,
    page: row.page,
    filters: row.filters,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
  };
}

/** Keeps only what the period rule uses (dates belong to custom periods only). */
function normaliseFilters(filters: SavedViewFilters): SavedViewFilters {
  return {
    period: filters.period,
    ...(filters.period === 'custom' ? { from: filters.from, to: filters.to } : {}),
    campaignId: filters.campaignId || null,
    platform: filters.platform ?? null,
    segmentId: filters.segmentId || null,
    compare: filters.compare,
  };
}

@Injectable()
export class SavedViewsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly segments: SegmentsService,
  ) {}

  private get repo() {
    return this.dataSource.getRepository(SavedViewEntity);
  }

  async list(params: { orgId: string }): Promise<SavedViewListResponse> {
    const rows = await this.repo.find({ where: { orgId: params.orgId }, order: { name: 'ASC' } });
    return { items: rows.map(toSavedView), total: rows.length };
  }

  async get(params: { orgId: string; id: string }): Promise<SavedView> {
    if (!UUID.test(params.id)) throw this.notFound(params.id);
    const row = await this.repo.findOne({ where: { orgId: params.orgId, id: params.id } });
    if (!row) throw this.notFound(params.id);
    return toSavedView(row);
  }

  async create(params: { auth: AuthContext; request: CreateSavedViewRequest }): Promise<SavedView> {
    const { auth, request } = params;
    const filters = normaliseFilters(request.filters);
    await this.checkFilters({ orgId: auth.orgId, filters });
    try {
      const row = await this.repo.save(
        this.repo.create({
          orgId: auth.orgId,
          name: request.name.trim(),
          page: request.page,
          filters,
          createdBy: auth.userId ?? null,
        }),
      );
      return toSavedView(row);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new SavedViewsError(
          'saved_view_name_taken',
          `A saved view named "${request.name.trim()}" already exists: choose another name.`,
          { field: 'name' },
        );
      }
      throw error;
    }
  }

  /** Owners and managers delete any view; others only the views they saved. */
  async remove(params: { auth: AuthContext; id: string }): Promise<void> {
    const { auth, id } = params;
    const view = await this.get({ orgId: auth.orgId, id });
    const mayDelete = auth.role === 'owner' || auth.role === 'manager' || view.createdBy === auth.userId;
    if (!mayDelete) {
      throw new SavedViewsError(
        'not_view_owner',
        'Only the person who saved this view, an owner or a manager can delete it.',
      );
    }
    await this.repo.delete({ orgId: auth.orgId, id });
  }

  /** The view's dates on `now` in the organisation's time zone, with campaign and segment names. */
  async resolve(params: { orgId: string; id: string; now?: Date }): Promise<ResolvedView> {
    const view = await this.get({ orgId: params.orgId, id: params.id });
    const org = await this.dataSource
      .getRepository(OrganizationEntity)
      .findOne({ select: { name: true, timeZone: true }, where: { id: params.orgId } });
    const timeZone = org?.timeZone ?? 'UTC';
    const { filters } = view;
    const period =
      filters.period === 'custom'
        ? { from: filters.from ?? '', to: filters.to ?? '' }
        : resolvePeriodRule(filters.period, todayIn(timeZone, params.now));
    const compared = comparisonPeriod(period, filters.compare);
    const campaign = filters.campaignId ? await this.campaignName(params.orgId, filters.campaignId) : null;
    const segment = filters.segmentId
      ? await this.segments
          .get({ orgId: params.orgId, id: filters.segmentId })
          .then((s) => ({ id: s.id, name: s.name }))
      : null;
    return {
      view,
      timeZone,
      organizationName: org?.name ?? '',
      period,
      comparison: compared ? { ...compared, mode: filters.compare } : null,
      campaign: campaign ?? null,
      segment,
    };
  }

  private async checkFilters(params: { orgId: string; filters: SavedViewFilters }): Promise<void> {
    const { orgId, filters } = params;
    if (filters.period === 'custom') {
      const { from = '', to = '' } = filters;
      const first = dayNumber(from);
      const last = dayNumber(to);
      const days = first === null || last === null ? 0 : last - first + 1;
      if (days < 1) {
        throw this.invalid(
          'filters.from',
          `filters.from (${from}) must be a real date on or before filters.to (${to})`,
        );
      }
      if (days > ANALYTICS_MAX_SPAN_DAYS) {
        throw this.invalid('filters.to', `a custom period spans at most ${ANALYTICS_MAX_SPAN_DAYS} days (got ${days})`);
      }
    }
    if (filters.campaignId && !(await this.campaignName(orgId, filters.campaignId))) {
      throw this.invalid('filters.campaignId', `No campaign ${filters.campaignId} in this organisation`);
    }
    if (filters.segmentId) {
      await this.segments.get({ orgId, id: filters.segmentId }).catch(() => {
        throw this.invalid('filters.segmentId', `No segment ${filters.segmentId} in this organisation`);
      });
    }
  }

  private async campaignName(orgId: string, id: string): Promise<{ id: string; name: string } | null> {
    if (!UUID.test(id)) return null;
    const [row] = await this.dataSource.query<{ id: string; name: string }[]>(
      `SELECT id, name FROM campaigns WHERE org_id = $1 AND id = $2`,
      [orgId, id],
    );
    return row ?? null;
  }

  private invalid(field: string, message: string): SavedViewsError {
    return new SavedViewsError('invalid_view_filters', message, { field });
  }

  private notFound(id: string): SavedViewsError {
    return new SavedViewsError(
      'saved_view_not_found',
      `No saved view ${id} in this organisation (GET /api/v1/saved-views lists them).`,
    );
  }
}
