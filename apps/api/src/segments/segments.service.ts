import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  CreateSegmentRequest,
  Segment,
  SegmentListResponse,
  SegmentRules,
  UpdateSegmentRequest,
} from '@resonance/contracts';
import { DataSource } from 'typeorm';
import { SegmentEntity } from './segment.entity.js';
import { findPreset, isPresetId, SEGMENT_PRESETS } from './segment-presets.js';
import { SegmentsError } from './segments.errors.js';
import { isUniqueViolation } from '../infra/database/pg-errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RULE_KEYS = ['ageBand', 'gender', 'region', 'language', 'platform'] as const;

/** Keeps only the known rule keys with at least one value, de-duplicated, in a stable order. */
export function normaliseRules(rules: SegmentRules): SegmentRules {
  const out: SegmentRules = {};
  for (const key of RULE_KEYS) {
    const values = rules[key];
    if (values && values.length > 0) (out as Record<string, string[]>)[key] = [...new Set<string>(values)];
  }
  return out;
}

function toSegment(row: SegmentEntity): Segment {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    rules: normaliseRules(row.rules),
    isPreset: false,
    createdAt: row.createdAt.toISOString(),
  };
}

@Injectable()
export class SegmentsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(SegmentEntity);
  }

  /** Presets first, then saved segments by name. */
  async list(params: { orgId: string }): Promise<SegmentListResponse> {
    const rows = await this.repo.find({ where: { orgId: params.orgId }, order: { name: 'ASC' } });
    const items = [...SEGMENT_PRESETS, ...rows.map(toSegment)];
    return { items, total: items.length };
  }

  async get(params: { orgId: string; id: string }): Promise<Segment> {
    const preset = findPreset(params.id);
    if (preset) return preset;
    if (!UUID.test(params.id)) throw this.notFound(params.id);
    const row = await this.repo.findOne({ where: { orgId: params.orgId, id: params.id } });
    if (!row) throw this.notFound(params.id);
    return toSegment(row);
  }

  /** Resolves several ids at once (for analytics); unknown ids fail with the first unknown one named. */
  async resolve(params: { orgId: string; ids: readonly string[] }): Promise<Segment[]> {
    return Promise.all(params.ids.map((id) => this.get({ orgId: params.orgId, id })));
  }

  async create(params: { orgId: string; request: CreateSegmentRequest }): Promise<Segment> {
    const { orgId, request } = params;
    try {
      const row = await this.repo.save(
        this.repo.create({
          orgId,
          name: request.name.trim(),
          description: request.description?.trim() || null,
          rules: normaliseRules(request.rules),
          isPreset: false,
        }),
      );
      return toSegment(row);
    } catch (error) {
      if (isUniqueViolation(error)) throw this.nameTaken(request.name);
      throw error;
    }
  }

  async update(params: { orgId: string; id: string; request: UpdateSegmentRequest }): Promise<Segment> {
    const { orgId, id, request } = params;
    this.refusePreset(id);
    if (!UUID.test(id)) throw this.notFound(id);
    const row = await this.repo.findOne({ where: { orgId, id } });
    if (!row) throw this.notFound(id);
    if (request.name !== undefined) row.name = request.name.trim();
    if (request.description !== undefined) row.description = request.description?.trim() || null;
    if (request.rules !== undefined) row.rules = normaliseRules(request.rules);
    try {
      return toSegment(await this.repo.save(row));
    } catch (error) {
      if (isUniqueViolation(error)) throw this.nameTaken(row.name);
      throw error;
    }
  }

  async remove(params: { orgId: string; id: string }): Promise<void> {
    this.refusePreset(params.id);
    if (!UUID.test(params.id)) throw this.notFound(params.id);
    const result = await this.repo.delete({ orgId: params.orgId, id: params.id });
    if (!result.affected) throw this.notFound(params.id);
  }

  private refusePreset(id: string): void {
    if (isPresetId(id)) {
      if (!findPreset(id)) throw this.notFound(id);
      throw new SegmentsError(
        'segment_preset_read_only',
        `Segment ${id} is a preset and cannot be changed or deleted; create your own segment with the same rules instead.`,
      );
    }
  }

  private notFound(id: string): SegmentsError {
    return new SegmentsError(
      'segment_not_found',
      `No segment ${id} in this organisation (GET /api/v1/segments lists them).`,
    );
  }

  private nameTaken(name: string): SegmentsError {
    return new SegmentsError(
      'segment_name_taken',
      `A segment named "${name.trim()}" already exists: choose another name.`,
      {
        field: 'name',
      },
    );
  }
}
