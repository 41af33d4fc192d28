import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ANALYTICS_MAX_SPAN_DAYS,
  ANNOTATION_MAX_SPAN_DAYS,
  type Annotation,
  type AnnotationListResponse,
  type CreateAnnotationRequest,
  type UpdateAnnotationRequest,
} from '@resonance/contracts';
import { DataSource, IsNull, LessThanOrEqual, MoreThanOrEqual, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { AuthContext } from '../common/auth/auth-context.js';
import { dayNumber } from '../common/time/dates.js';
import { CampaignEntity } from '../campaigns/campaign.entity.js';
import { ObservancesService } from '../planning/observances.service.js';
import { AnnotationEntity } from './annotation.entity.js';
import { AnnotationsError } from './annotations.errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function toAnnotation(row: AnnotationEntity): Annotation {
  return {
    id: row.id,
    kind: 'note',
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    text: row.text,
    campaign: row.campaign ? { id: row.campaign.id, name: row.campaign.name } : null,
    observance: null,
    createdBy: row.createdBy,
    updatedAt: row.updatedAt.toISOString(),
  };
}

function byDates(a: Annotation, b: Annotation): number {
  if (a.startsOn !== b.startsOn) return a.startsOn < b.startsOn ? -1 : 1;
  if (a.endsOn !== b.endsOn) return a.endsOn < b.endsOn ? -1 : 1;
  // Observances before notes on the same dates; then by text.
  if (a.kind !== b.kind) return a.kind === 'observance' ? -1 : 1;
  return a.text.localeCompare(b.text);
}

/** What a note would be after a create or an update: checked before anything is written. */
interface NoteFields {
  startsOn: string;
  endsOn: string;
  text: string;
  campaignId: string | null;
}

/**
 * Users' notes on dates and ranges, and the observance windows of the planning calendar, as one
 * list for charts. Notes are read and written through the repository, always by organisation.
 */
@Injectable()
export class AnnotationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly observances: ObservancesService,
    private readonly audit: AuditService,
  ) {}

  private repo(manager: EntityManager = this.dataSource.manager) {
    return manager.getRepository(AnnotationEntity);
  }

  /** Notes and observance windows overlapping [from, to]; with a campaign, notes of that campaign or of none. */
  async list(params: {
    orgId: string;
    from: string;
    to: string;
    campaignId?: string;
  }): Promise<AnnotationListResponse> {
    const { orgId, from, to, campaignId } = params;
    const first = dayNumber(from);
    const last = dayNumber(to);
    if (first === null) throw this.badQuery('from', `from (${from}) is not a real calendar date`);
    if (last === null) throw this.badQuery('to', `to (${to}) is not a real calendar date`);
    if (last < first) throw this.badQuery('from', `from (${from}) must be on or before to (${to})`);
    if (last - first + 1 > ANALYTICS_MAX_SPAN_DAYS) {
      throw this.badQuery('to', `a range spans at most ${ANALYTICS_MAX_SPAN_DAYS} days (got ${last - first + 1})`);
    }
    if (campaignId && !(await this.campaignExists(orgId, campaignId))) {
      throw new AnnotationsError('campaign_not_found', `No campaign ${campaignId} in this organisation`, {
        field: 'campaign',
      });
    }
    const overlapping = { orgId, startsOn: LessThanOrEqual(to), endsOn: MoreThanOrEqual(from) };
    const [rows, windows] = await Promise.all([
      this.repo().find({
        where: campaignId
          ? [
              { ...overlapping, campaignId: IsNull() },
              { ...overlapping, campaignId },
            ]
          : overlapping,
        relations: { campaign: true },
      }),
      this.observances.between({ orgId, from, to }),
    ]);
    const items: Annotation[] = [
      ...windows.map((o): Annotation => ({
        id: `observance:${o.id}:${o.year}`,
        kind: 'observance',
        startsOn: o.startsOn,
        endsOn: o.endsOn,
        text: o.name,
        campaign: null,
        observance: { id: o.id, slug: o.slug },
        createdBy: null,
        updatedAt: null,
      })),
      ...rows.map(toAnnotation),
    ].sort(byDates);
    return { from, to, items, total: items.length };
  }

  async create(params: {
    auth: AuthContext;
    ip: string | null;
    request: CreateAnnotationRequest;
  }): Promise<Annotation> {
    const { auth, ip, request } = params;
    const fields = await this.check(auth.orgId, {
      startsOn: request.startsOn,
      endsOn: request.endsOn ?? request.startsOn,
      text: request.text,
      campaignId: request.campaignId ?? null,
    });
    const id = await this.dataSource.transaction(async (manager) => {
      const row = await this.repo(manager).save(
        this.repo(manager).create({ orgId: auth.orgId, ...fields, createdBy: auth.userId ?? null }),
      );
      await this.audit.record({
        orgId: auth.orgId,
        actor: auth,
        action: 'annotation.created',
        target: { type: 'annotation', id: row.id },
        ip,
        details: { startsOn: fields.startsOn, endsOn: fields.endsOn, campaignId: fields.campaignId },
        manager,
      });
      return row.id;
    });
    return this.get({ orgId: auth.orgId, id });
  }

  async update(params: {
    auth: AuthContext;
    ip: string | null;
    id: string;
    request: UpdateAnnotationRequest;
  }): Promise<Annotation> {
    const { auth, ip, id, request } = params;
    const current = await this.find(auth.orgId, id);
    const startsOn = request.startsOn ?? current.startsOn;
    const fields = await this.check(auth.orgId, {
      startsOn,
      // Moving a single-day note moves its end with it.
      endsOn: request.endsOn ?? (request.startsOn && current.startsOn === current.endsOn ? startsOn : current.endsOn),
      text: request.text ?? current.text,
      campaignId: request.campaignId === undefined ? current.campaignId : request.campaignId,
    });
    await this.dataSource.transaction(async (manager) => {
      await this.repo(manager).update({ orgId: auth.orgId, id: current.id }, fields);
      await this.audit.record({
        orgId: auth.orgId,
        actor: auth,
        action: 'annotation.updated',
        target: { type: 'annotation', id: current.id },
        ip,
        details: { changed: Object.keys(request).sort() },
        manager,
      });
    });
    return this.get({ orgId: auth.orgId, id: current.id });
  }

  async remove(params: { auth: AuthContext; ip: string | null; id: string }): Promise<void> {
    const { auth, ip, id } = params;
    const current = await this.find(auth.orgId, id);
    await this.dataSource.transaction(async (manager) => {
      await this.repo(manager).delete({ orgId: auth.orgId, id: current.id });
      await this.audit.record({
        orgId: auth.orgId,
        actor: auth,
        action: 'annotation.deleted',
        target: { type: 'annotation', id: current.id },
        ip,
        details: { startsOn: current.startsOn, endsOn: current.endsOn },
        manager,
      });
    });
  }

  async get(params: { orgId: string; id: string }): Promise<Annotation> {
    return toAnnotation(await this.find(params.orgId, params.id, true));
  }

  private async find(orgId: string, id: string, withCampaign = false): Promise<AnnotationEntity> {
    const row = UUID.test(id)
      ? await this.repo().findOne({ where: { orgId, id }, relations: withCampaign ? { campaign: true } : {} })
      : null;
    if (!row) {
      throw new AnnotationsError(
        'annotation_not_found',
        `No note ${id} in this organisation (GET /api/v1/annotations?from&to lists them).`,
      );
    }
    return row;
  }

  private async check(orgId: string, fields: NoteFields): Promise<NoteFields> {
    const first = dayNumber(fields.startsOn);
    const last = dayNumber(fields.endsOn);
    if (first === null) throw this.invalid('startsOn', `startsOn (${fields.startsOn}) is not a real calendar date`);
    if (last === null) throw this.invalid('endsOn', `endsOn (${fields.endsOn}) is not a real calendar date`);
    if (last < first) {
      throw this.invalid('endsOn', `endsOn (${fields.endsOn}) must be on or after startsOn (${fields.startsOn})`);
    }
    if (last - first + 1 > ANNOTATION_MAX_SPAN_DAYS) {
      throw this.invalid(
        'endsOn',
        `a note covers at most ${ANNOTATION_MAX_SPAN_DAYS} days (${fields.startsOn} to ${fields.endsOn} is ${last - first + 1})`,
      );
    }
    const text = fields.text.trim();
    if (!text) throw this.invalid('text', 'text must not be empty');
    if (fields.campaignId && !(await this.campaignExists(orgId, fields.campaignId))) {
      throw this.invalid('campaignId', `No campaign ${fields.campaignId} in this organisation`);
    }
    return { ...fields, text };
  }

  private async campaignExists(orgId: string, id: string): Promise<boolean> {
    return UUID.test(id) && (await this.dataSource.getRepository(CampaignEntity).exists({ where: { orgId, id } }));
  }

  private invalid(field: string, message: string): AnnotationsError {
    return new AnnotationsError('invalid_annotation', message, { field });
  }

  private badQuery(field: string, message: string): AnnotationsError {
    return new AnnotationsError('invalid_annotation_query', message, { field });
  }
}
