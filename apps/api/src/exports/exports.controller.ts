import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Auth, ClientIp, CurrentAuth } from '../common/auth/auth.decorator.js';
import type { AuthContext } from '../common/auth/auth-context.js';
import { ExportQueryDto } from './dto/export-query.dto.js';
import { EXPORT_REPORTS, exportFileName, type ExportReport } from './export-table.js';
import { ExportsError } from './exports.errors.js';
import { ExportsService, type ExportFormat } from './exports.service.js';

const FILE_PATTERN = new RegExp(`^(${EXPORT_REPORTS.join('|')})\\.(csv|xlsx)$`);
const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

@ApiTags('exports')
@Controller('exports')
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Get(':file')
  @Auth({ roles: ['owner', 'manager', 'analyst'], scopes: ['read'] })
  @ApiOperation({ summary: 'Download a report as CSV or XLSX, with the same query as the screen' })
  @ApiParam({ name: 'file', enum: EXPORT_REPORTS.flatMap((r) => [`${r}.csv`, `${r}.xlsx`]) })
  @ApiProduces(CONTENT_TYPES.csv, CONTENT_TYPES.xlsx)
  @ApiOkResponse({ description: 'The report: data, then notes (definitions, filters, suppression, generated-at)' })
  @ApiBadRequestResponse({
    description:
      'missing_parameter, unsupported_parameter, invalid_parameter (a compare panel that is not among the compared segments), or the analytics query errors',
  })
  async download(
    @CurrentAuth() auth: AuthContext,
    @ClientIp() ip: string | null,
    @Param('file') file: string,
    @Query() query: ExportQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    const match = FILE_PATTERN.exec(file);
    if (!match) {
      throw new ExportsError(
        'unknown_export',
        `Unknown export '${file}': use one of ${EXPORT_REPORTS.map((r) => `${r}.csv|${r}.xlsx`).join(', ')}`,
      );
    }
    const report = match[1] as ExportReport;
    const format = match[2] as ExportFormat;
    // Build (and validate) before the first byte, so errors still answer as JSON.
    const table = await this.exports.buildTable({ orgId: auth.orgId, report, query });
    const name = exportFileName(report, table.period, format, table.fileLabel);
    // Audited before the first byte: once the client has the file, the log already says so.
    await this.exports.recordExport({ auth, ip, report, format, query, rows: table.rows.length });
    res.status(200);
    res.setHeader('Content-Type', CONTENT_TYPES[format]);
    res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
    res.setHeader('Cache-Control', 'no-store');
    await this.exports.write({ table, format, out: res });
  }
}
