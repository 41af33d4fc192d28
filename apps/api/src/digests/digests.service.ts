import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  CreateDigestRequest,
  DigestDeliveryStatus,
  DigestFrequency,
  DigestListResponse,
  DigestPreview,
  DigestSchedule,
} from '@resonance/contracts';
import { DataSource, type Repository } from 'typeorm';
import { DigestScheduleEntity } from './digest-schedule.entity.js';
import type { AuthContext } from '../common/auth/auth-context.js';
import { SavedViewsService } from '../saved-views/saved-views.service.js';
import { DigestComposer } from './digest-composer.js';
import { nextRunAt } from './digest-timing.js';
import { DigestsError } from './digests.errors.js';
import { Mailer } from './mailer.js';
import { readOrgSettings } from '../warehouse/org-settings.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface ScheduleRow {
  id: string;
  saved_view_id: string;
  saved_view_name: string;
  frequency: DigestFrequency;
  recipients: string[];
  next_run_at: Date;
  created_at: Date;
  d_id: string | null;
  d_due_at: Date | null;
  d_status: DigestDeliveryStatus | null;
  d_attempts: number | null;
  d_last_error: string | null;
  d_sent_at: Date | null;
}

function toSchedule(row: ScheduleRow): DigestSchedule {
  return {
    id: row.id,
    savedViewId: row.saved_view_id,
    savedViewName: row.saved_view_name,
    frequency: row.frequency,
    recipients: row.recipients,
    nextRunAt: new Date(row.next_run_at).toISOString(),
    createdAt: new Date(row.created_at).toISOString(),
    lastDelivery:
      row.d_id && row.d_due_at && row.d_status
        ? {
            id: row.d_id,
            dueAt: new Date(row.d_due_at).toISOString(),
            status: row.d_status,
            attempts: row.d_attempts ?? 0,
            lastError: row.d_last_error,
            sentAt: row.d_sent_at ? new Date(row.d_sent_at).toISOString() : null,
          }
        : null,
  };
}

const SELECT_SCHEDULES = `
  SELECT s.id, s.saved_view_id, v.name AS saved_view_name, s.frequency, s.recipients, s.next_run_at, s.created_at,
         d.id AS d_id, d.due_at AS d_due_at, d.status AS d_status, d.attempts AS d_attempts,
         d.last_error AS d_last_error, d.sent_at AS d_sent_at
    FROM digest_schedules s
    JOIN saved_views v ON v.org_id = s.org_id AND v.id = s.saved_view_id
    LEFT JOIN LATERAL (
      SELECT * FROM digest_deliveries d
       WHERE d.org_id = s.org_id AND d.schedule_id = s.id
       ORDER BY d.due_at DESC LIMIT 1
    ) d ON true
   WHERE s.org_id = $1`;

@Injectable()
export class DigestsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly views: SavedViewsService,
    private readonly composer: DigestComposer,
    private readonly mailer: Mailer,
  ) {}

  private get schedules(): Repository<DigestScheduleEntity> {
    return this.dataSource.getRepository(DigestScheduleEntity);
  }

  async list(params: { orgId: string }): Promise<DigestListResponse> {
    const rows = await this.dataSource.query<ScheduleRow[]>(`${SELECT_SCHEDULES} ORDER BY s.created_at DESC`, [
      params.orgId,
    ]);
    return { items: rows.map(toSchedule), total: rows.length, mailEnabled: this.mailer.enabled };
  }

  async get(params: { orgId: string; id: string }): Promise<DigestSchedule> {
    if (!UUID.test(params.id)) throw this.notFound(params.id);
    const [row] = await this.dataSource.query<ScheduleRow[]>(`${SELECT_SCHEDULES} AND s.id = $2`, [
      params.orgId,
      params.id,
    ]);
    if (!row) throw this.notFound(params.id);
    return toSchedule(row);
  }

  async create(params: { auth: AuthContext; request: CreateDigestRequest }): Promise<DigestSchedule> {
    const { auth, request } = params;
    const view = await this.views.get({ orgId: auth.orgId, id: request.savedViewId });
    const settings = await readOrgSettings(this.dataSource, auth.orgId);
    const next = nextRunAt(request.frequency, settings?.timeZone ?? 'UTC', new Date());
    const recipients = [...new Set(request.recipients.map((r) => r.trim().toLowerCase()))];
    const inserted = await this.schedules.insert({
      orgId: auth.orgId,
      savedViewId: view.id,
      frequency: request.frequency,
      recipients,
      nextRunAt: next,
      createdBy: auth.userId ?? null,
    });
    return this.get({ orgId: auth.orgId, id: (inserted.identifiers[0]?.['id'] as string | undefined) ?? '' });
  }

  async remove(params: { orgId: string; id: string }): Promise<void> {
    if (!UUID.test(params.id)) throw this.notFound(params.id);
    const { affected } = await this.schedules.delete({ orgId: params.orgId, id: params.id });
    if (!affected) throw this.notFound(params.id);
  }

  /** The e-mail as it would go out now (the dashboard shows it, above all when mail is off). */
  async preview(params: { orgId: string; id: string }): Promise<DigestPreview> {
    const schedule = await this.get(params);
    const message = await this.composer.compose({ orgId: params.orgId, savedViewId: schedule.savedViewId });
    return {
      subject: message.subject,
      html: message.html,
      attachmentName: message.attachment.filename,
      mailEnabled: this.mailer.enabled,
    };
  }

  private notFound(id: string): DigestsError {
    return new DigestsError(
      'digest_not_found',
      `No digest ${id} in this organisation (GET /api/v1/digests lists them).`,
    );
  }
}
