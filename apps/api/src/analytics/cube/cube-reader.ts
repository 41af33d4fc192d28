import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { computeMetrics, ReachSketch } from '@resonance/analytics';
import type { EventType } from '@resonance/contracts';
import { DataSource } from 'typeorm';
import { METRIC_COLUMN_BY_TYPE } from '../../ingest/rollup-writer.js';
import type { AnalyticsScope, Condition, Period } from '../engine/scope.js';
import type { GroupKey, TimeBucket } from '../engine/sql.js';
import { CubeBuilder } from './cube-builder.js';
import { ALL_CAMPAIGNS, bucketOf, chooseGrain, isAudienceKey, type CubeGrain } from './cube-grains.js';

const EVENT_TYPES = Object.keys(METRIC_COLUMN_BY_TYPE) as EventType[];

/** A group's figures from the cube: summed counts, and reach from the union of its sketches. */
export interface CubeCell {
  keys: string[];
  events: Record<EventType, number>;
  reach: number | null;
  /** False when reach is a sketch estimate rather than an exact count. */
  reachExact: boolean;
}

export interface CubeRequest {
  scope: AnalyticsScope;
  period: Period;
  groupBy: readonly GroupKey[];
  withReach: boolean;
  /** Segments (condition lists ANDed with the scope): one result per segment. */
  segments?: readonly (readonly Condition[])[];
}

interface CubeRow {
  day: string;
  creative_id: string;
  d1: string;
  d2: string;
  format?: string;
  theme?: string;
  partner?: string;
  sketch?: Buffer | null;
  [metric: string]: unknown;
}

class Group {
  readonly events = Object.fromEntries(EVENT_TYPES.map((t) => [t, 0])) as Record<EventType, number>;
  private readonly sketch = new ReachSketch();
  constructor(readonly keys: string[]) {}

  add(row: CubeRow, withReach: boolean): void {
    for (const type of EVENT_TYPES) this.events[type] += Number(row[type] ?? 0);
    if (withReach && row.sketch) this.sketch.mergeBytes(row.sketch);
  }

  cell(withReach: boolean): CubeCell {
    if (!withReach) return { keys: this.keys, events: this.events, reach: null, reachExact: true };
    const { value, exact } = this.sketch.estimate();
    return { keys: this.keys, events: this.events, reach: value, reachExact: exact };
  }
}

/**
 * Answers analytics questions from the cube (see cube-grains.ts) when a grain covers them:
 * a few rows per day and group instead of rollup_daily cells and a distinct count over
 * reach_daily. Returns null when no grain covers the question.
 */
@Injectable()
export class CubeReader {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly builder: CubeBuilder,
  ) {}

  covers(request: Omit<CubeRequest, 'period' | 'withReach'>): boolean {
    return chooseGrain(request) !== null;
  }

  /** Per segment (or once, without segments): the groups with data and the de-duplicated total. */
  async read(request: CubeRequest): Promise<{ cells: CubeCell[]; total: CubeCell }[] | null> {
    const grain = chooseGrain(request);
    if (!grain) return null;
    await this.builder.refreshRange(request.scope.orgId, request.period.from, request.period.to);
    const rows = await this.rows(grain, request);
    const dimIndex = (dimension: string): number => (grain.dims as readonly string[]).indexOf(dimension);
    const valueOf = (row: CubeRow, dimension: string): string => (dimIndex(dimension) === 0 ? row.d1 : row.d2);
    const keyOf = (row: CubeRow): string[] =>
      request.groupBy.map((key) => {
        if (key === 'day' || key === 'week' || key === 'month') return bucketOf(key as TimeBucket, row.day);
        if (isAudienceKey(key)) return valueOf(row, key);
        if (key === 'creative') return row.creative_id;
        return String(row[key] ?? '');
      });
    const segments = request.segments ?? [[]];
    return segments.map((conditions) => {
      const groups = new Map<string, Group>();
      const total = new Group([]);
      for (const row of rows) {
        if (!conditions.every((c) => c.values.includes(valueOf(row, c.dimension)))) continue;
        const keys = keyOf(row);
        const id = keys.join('\u001f');
        let group = groups.get(id);
        if (!group) groups.set(id, (group = new Group(keys)));
        group.add(row, request.withReach);
        total.add(row, request.withReach);
      }
      return { cells: [...groups.values()].map((g) => g.cell(request.withReach)), total: total.cell(request.withReach) };
    });
  }

  private rows(grain: CubeGrain, request: CubeRequest): Promise<CubeRow[]> {
    const { scope, period, groupBy, withReach } = request;
    const values: unknown[] = [scope.orgId, grain.id, period.from, period.to];
    const add = (value: unknown): string => {
      values.push(value);
      return `$${values.length}`;
    };
    const where = ['r.org_id = $1', 'r.grain = $2', 'r.day BETWEEN $3::date AND $4::date'];
    if (!grain.creative) where.push(`r.campaign_id = ${add(scope.campaign?.id ?? ALL_CAMPAIGNS)}::uuid`);
    else if (scope.campaign) where.push(`r.campaign_id = ${add(scope.campaign.id)}::uuid`);
    if (scope.creativeIds) where.push(`r.creative_id = ANY(${add(scope.creativeIds)}::uuid[])`);
    for (const condition of scope.conditions) {
      const column = grain.dims.indexOf(condition.dimension) === 0 ? 'r.d1' : 'r.d2';
      where.push(`${column} = ANY(${add(condition.values)}::text[])`);
    }
    const attributes = groupBy.some((g) => g === 'format' || g === 'theme' || g === 'partner');
    const select = [
      `to_char(r.day, 'YYYY-MM-DD') AS day`,
      'r.creative_id::text AS creative_id',
      'r.d1',
      'r.d2',
      ...EVENT_TYPES.map((type) => `r."${METRIC_COLUMN_BY_TYPE[type]}"::float8 AS "${type}"`),
      ...(attributes ? ['c.format', `coalesce(c.theme, '(none)') AS theme`, `coalesce(c.partner, '(none)') AS partner`] : []),
      ...(withReach ? ['r.sketch'] : []),
    ];
    const join = attributes ? ' JOIN creatives c ON c.org_id = r.org_id AND c.id = r.creative_id' : '';
    return this.dataSource.query<CubeRow[]>(`SELECT ${select.join(', ')} FROM cube_daily r${join} WHERE ${where.join(' AND ')}`, values);
  }
}

/** Summed counts as the rollup reader computes them. */
export function cubeCounts(cell: CubeCell): ReturnType<typeof computeMetrics> {
  return computeMetrics(cell.events);
}
