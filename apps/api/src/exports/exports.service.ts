import type { Writable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import type { AnalyticsMetricId } from '@resonance/contracts';
import { AnalyticsService } from '../analytics/analytics.service.js';
import { CreativeMatrixService } from '../analytics/creative-matrix.service.js';
import { SegmentReportService } from '../analytics/segment-report.service.js';
import { AuditService } from '../audit/audit.service.js';
import type { AuthContext } from '../common/auth/auth-context.js';
import type { ExportQueryDto } from './dto/export-query.dto.js';
import {
  breakdownTable,
  creativesTable,
  segmentsTable,
  summaryTable,
  timeseriesTable,
  type ExportReport,
  type ExportTable,
} from './export-table.js';
import type { ShareMetric } from '@resonance/contracts';
import { ExportsError } from './exports.errors.js';
import { writeCsv, writeXlsx } from './table-writers.js';

export type ExportFormat = 'csv' | 'xlsx';

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
    private readonly audit: AuditService,
  ) {}

  async buildTable(params: { orgId: string; report: ExportReport; query: ExportQueryDto }): Promise<ExportTable> {
    const { orgId, report } = params;
    const { by, granularity, metric, share, ...query } = params.query;
    const metrics = metric ? [...new Set(metric.split(',') as AnalyticsMetricId[])] : undefined;
    if (metric === undefined && share !== undefined) {
      throw new ExportsError(
        'missing_parameter',
        "share goes with metric: name the screen's metrics too, e.g. metric=impressions&share=impressions",
        { field: 'metric' },
      );
    }
    if (metrics && report === 'creatives') {
      throw new ExportsError(
        'unsupported_parameter',
        'metric does not apply to the creatives export: its columns are the creative × segment matrix',
        { field: 'metric' },
      );
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
        return creativesTable(await this.matrix.getCreativeMatrix({ orgId, query }));
    }
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
