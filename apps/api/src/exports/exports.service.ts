import type { Writable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import type { AnalyticsMetricId, AnalyticsQuery, CreativeMatrixResponse } from '@resonance/contracts';
import { AnalyticsError } from '../analytics/analytics.errors.js';
import { AnalyticsService } from '../analytics/analytics.service.js';
import { CreativeMatrixService } from '../analytics/creative-matrix.service.js';
import { ReportedPeriodsService } from '../analytics/reported-periods.service.js';
import { SegmentReportService } from '../analytics/segment-report.service.js';
import { AuditService } from '../audit/audit.service.js';
import { CampaignsService } from '../campaigns/campaigns.service.js';
import type { AuthContext } from '../common/auth/auth-context.js';
import type { ExportQueryDto } from './dto/export-query.dto.js';
import {
  breakdownTable,
  campaignsOfSharedNames,
  compareTable,
  creativesTable,
  platformReachTable,
  postsTable,
  segmentSpendTable,
  segmentsTable,
  spendTable,
  summaryTable,
  timeseriesTable,
  withDistinctCreativeNames,
  type ExportReport,
  type ExportTable,
} from './export-table.js';
import type { ShareMetric } from '@resonance/contracts';
import { ExportsError } from './exports.errors.js';
import { writeCsv, writeXlsx } from './table-writers.js';

export type ExportFormat = 'csv' | 'xlsx';

/** Reports whose columns are fixed (the table on screen has no metric picker). */
const FIXED_COLUMNS = new Set<ExportReport>([
  'creatives',
  'platform-reach',
  'posts',
  'spend',
  'segment-spend',
  'compare',
]);

/**
 * Exports answer the same query as the screen through the same services (so the same
 * suppression), and write every row: there is no row cap.
 */
@Injectable()
export class ExportsService {
  constructor(
    private readonly analytics: AnalyticsService,
    private readonly segmentReport: SegmentReportService,
    private readonly matrix: CreativeMatrixService,
    private readonly reportedPeriods: ReportedPeriodsService,
    private readonly audit: AuditService,
    private readonly campaigns: CampaignsService,
  ) {}

  async buildTable(params: { orgId: string; report: ExportReport; query: ExportQueryDto }): Promise<ExportTable> {
    const { orgId, report } = params;
    const { by, granularity, metric, share, panel, ...query } = params.query;
    const metrics = metric ? [...new Set(metric.split(',') as AnalyticsMetricId[])] : undefined;
    if (metric === undefined && share !== undefined) {
      throw new ExportsError(
        'missing_parameter',
        "share goes with metric: name the screen's metrics too, e.g. metric=impressions&share=impressions",
        { field: 'metric' },
      );
    }
    if (metrics && FIXED_COLUMNS.has(report)) {
      throw new ExportsError(
        'unsupported_parameter',
        `metric does not apply to the ${report} export: its columns are those of its table on screen`,
        { field: 'metric' },
      );
    }
    if (panel !== undefined && report !== 'compare') {
      throw new ExportsError('unsupported_parameter', 'panel applies to the compare export only', { field: 'panel' });
    }
    switch (report) {
      case 'summary':
        return summaryTable(await this.analytics.getSummary({ orgId, query }), metrics);
      case 'timeseries':
        return timeseriesTable(
          await this.analytics.getTimeseries({ orgId, query: { ...query, granularity } }),
          metrics,
        );
      case 'breakdown':
        if (!by) {
          throw new ExportsError(
            'missing_parameter',
            'A breakdown export needs by=<dimension>[,<dimension>], e.g. by=ageBand',
          );
        }
        return breakdownTable(await this.analytics.getBreakdown({ orgId, query: { ...query, by } }), {
          metrics,
          shares: share ? [...new Set(share.split(',') as ShareMetric[])] : undefined,
        });
      case 'segments':
        return segmentsTable(await this.segmentReport.getSegmentReport({ orgId, query }), metrics);
      case 'creatives':
        return creativesTable(await this.creativeMatrix(orgId, query));
      case 'platform-reach': {
        const summary = await this.analytics.getSummary({ orgId, query });
        // Creatives named as the card names them: from the creative breakdown of the same filters.
        const names = new Map<string, string>();
        if (summary.meta.reach.platformReported.some((r) => r.creativeId !== null)) {
          // As on screen, a breakdown the query cannot answer leaves the figures unnamed ("A creative").
          const creatives = await this.analytics
            .getBreakdown({ orgId, query: { ...query, compare: undefined, by: 'creative' } })
            .catch((e: unknown) => {
              if (e instanceof AnalyticsError) return null;
              throw e;
            });
          for (const row of creatives?.rows ?? []) names.set(row.key[0]?.value ?? '', row.key[0]?.label ?? '');
        }
        return platformReachTable(summary, names);
      }
      case 'posts':
        return postsTable(await this.reportedPeriods.getReportedPeriods({ orgId, query }));
      case 'spend':
        return spendTable(await this.analytics.getSummary({ orgId, query }));
      case 'segment-spend':
        return segmentSpendTable(await this.segmentReport.getSegmentReport({ orgId, query }));
      case 'compare': {
        if (!panel) {
          throw new ExportsError(
            'missing_parameter',
            'A compare export needs panel=<segment id>: the segment whose panel to export, e.g. panel=preset:young-adults',
            { field: 'panel' },
          );
        }
        const matrix = await this.creativeMatrix(orgId, query);
        if (!matrix.segments.some((s) => s.segment.id === panel)) {
          throw new ExportsError(
            'invalid_parameter',
            `panel must be one of the segments compared (${matrix.segments.map((s) => s.segment.id).join(', ')}), not '${panel}'`,
            { field: 'panel' },
          );
        }
        return compareTable(matrix, panel);
      }
    }
  }

  /** The matrix with creatives named as the compare page names them (the campaign after a name two campaigns share). */
  private async creativeMatrix(orgId: string, query: AnalyticsQuery): Promise<CreativeMatrixResponse> {
    const res = await this.matrix.getCreativeMatrix({ orgId, query });
    const ids = campaignsOfSharedNames(res);
    if (ids.length === 0) return res;
    const campaigns = await Promise.all(ids.map((id) => this.campaigns.get({ orgId, id })));
    return withDistinctCreativeNames(res, new Map(campaigns.map((c) => [c.id, c.name])));
  }

  async write(params: { table: ExportTable; format: ExportFormat; out: Writable }): Promise<void> {
    if (params.format === 'csv') await writeCsv(params.table, params.out);
    else await writeXlsx(params.table, params.out);
  }

  async recordExport(params: {
    auth: AuthContext;
    ip: string | null;
    report: ExportReport;
    format: ExportFormat;
    query: ExportQueryDto;
    rows: number;
  }): Promise<void> {
    await this.audit.record({
      orgId: params.auth.orgId,
      actor: params.auth,
      action: 'export.downloaded',
      target: { type: 'export', id: `${params.report}.${params.format}` },
      ip: params.ip,
      details: { report: params.report, format: params.format, rows: params.rows, query: { ...params.query } },
    });
  }
}
