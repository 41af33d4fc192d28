import { ApiProperty } from '@nestjs/swagger';
import {
  IMPORT_FORMATS,
  IMPORT_STATUSES,
  type ImportErrorAction,
  type ImportErrorGroup,
  type ImportFailure,
  type ImportFormat,
  type ImportIgnoredColumn,
  type ImportMappedColumn,
  type ImportRevision,
  type ImportListResponse,
  type ImportProgress,
  type ImportStatus,
  type ImportPreview,
  type ImportPreviewRow,
  type ImportRecord,
  type ImportRequestFields,
  type ImportRowError,
  type ImportSummary,
} from '@resonance/contracts';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';

/** Text fields of the multipart form next to `file`. */
export class ImportFieldsDto implements ImportRequestFields {
  @ApiProperty({
    required: false,
    description: 'Campaign key or name: every row goes to it. Needed for Instagram content and X post analytics files.',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200, { message: 'campaign must be 1 to 200 characters' })
  campaign?: string;

  @ApiProperty({
    required: false,
    enum: ['mdy', 'dmy'],
    description: 'How to read slash dates (05/01/2026) when the file does not make it clear.',
  })
  @IsOptional()
  @IsIn(['mdy', 'dmy'], { message: "dateOrder must be 'mdy' or 'dmy'" })
  dateOrder?: 'mdy' | 'dmy';
}

export class ImportQueryDto {
  @ApiProperty({
    required: false,
    default: false,
    description: 'Preview: detected format, column mapping, first 20 rows, errors. Writes nothing.',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value,
  )
  @IsBoolean({ message: 'dryRun must be true or false' })
  dryRun?: boolean;

  @ApiProperty({
    required: false,
    default: false,
    description:
      'Answer 202 with the running import as soon as the file is recognised; GET /imports/{id} shows its progress.',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value,
  )
  @IsBoolean({ message: 'async must be true or false' })
  async?: boolean;
}

export class ImportListQueryDto {
  @ApiProperty({ required: false, minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1, { message: 'limit must be at least 1' })
  @Max(200, { message: 'limit must be at most 200' })
  limit?: number;

  @ApiProperty({ required: false, minimum: 0, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'offset must be a whole number' })
  @Min(0, { message: 'offset must be 0 or more' })
  offset?: number;
}

export class ImportUploadDto extends ImportFieldsDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'CSV or XLSX export' })
  file: unknown;
}

export class ImportRowErrorDto implements ImportRowError {
  @ApiProperty({ description: 'Row as a spreadsheet shows it (header = 1)' }) rowNumber: number;
  @ApiProperty({ description: "The file's column header, or 'campaign'" }) field: string;
  @ApiProperty() message: string;
  @ApiProperty({ required: false }) value?: string;
}

export class ImportProgressDto implements ImportProgress {
  @ApiProperty({ description: 'Data rows read and staged so far' }) rowsDone: number;
  @ApiProperty({ description: 'Bytes of the file read so far' }) bytesDone: number;
  @ApiProperty({ description: 'Size of the uploaded file' }) bytesTotal: number;
  @ApiProperty({ enum: ['reading', 'writing', 'done'] }) phase: ImportProgress['phase'];
}

export class ImportFailureDto implements ImportFailure {
  @ApiProperty() statusCode: number;
  @ApiProperty() code: string;
  @ApiProperty() message: string;
  @ApiProperty({ required: false, type: Object }) details?: Record<string, unknown>;
}

export class ImportSummaryDto implements ImportSummary {
  @ApiProperty() id: string;
  @ApiProperty({ enum: IMPORT_FORMATS }) format: ImportFormat;
  @ApiProperty() fileName: string;
  @ApiProperty({ description: 'SHA-256 of the file, hex' }) checksum: string;
  @ApiProperty({ enum: IMPORT_STATUSES }) status: ImportStatus;
  @ApiProperty({ type: ImportProgressDto }) progress: ImportProgressDto;
  @ApiProperty({ type: ImportFailureDto, nullable: true }) failure: ImportFailureDto | null;
  @ApiProperty() rowsRead: number;
  @ApiProperty({ description: 'Rows that added or changed figures (rowsNew + rowsRevised)' }) rowsAccepted: number;
  @ApiProperty({ description: 'Rows whose figures were not stored before' }) rowsNew: number;
  @ApiProperty({
    description:
      'Rows that replaced figures an earlier import stored for the same key (campaign, creative/post, day or period, audience cell, metric): the latest export wins',
  })
  rowsRevised: number;
  @ApiProperty({
    type: Object,
    nullable: true,
    description:
      'Change the revised rows made to stored totals: counts per event type, spend per currency, reach figures replaced',
  })
  revision: ImportRevision | null;
  @ApiProperty({ description: 'Rows already stored by an earlier import' }) rowsDuplicate: number;
  @ApiProperty() rowsRejected: number;
  @ApiProperty() creativesRegistered: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) mapping: Record<string, string>;
  @ApiProperty({ type: String, nullable: true }) campaignId: string | null;
  @ApiProperty({ type: String, nullable: true }) createdBy: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ImportErrorGroupDto implements ImportErrorGroup {
  @ApiProperty() field: string;
  @ApiProperty() message: string;
  @ApiProperty({ description: 'Rows with this error' }) count: number;
  @ApiProperty({ type: [Number], description: 'The first rows with it' }) rows: number[];
  @ApiProperty({ required: false, type: Object, description: 'What fixes it, e.g. create_campaign' })
  action?: ImportErrorAction;
}

export class ImportMappedColumnDto implements ImportMappedColumn {
  @ApiProperty({ description: "The file's header" }) header: string;
  @ApiProperty() field: string;
  @ApiProperty({ description: 'What it becomes, in the dashboard’s words' }) label: string;
}

export class ImportIgnoredColumnDto implements ImportIgnoredColumn {
  @ApiProperty() header: string;
  @ApiProperty() reason: string;
}

export class ImportRecordDto extends ImportSummaryDto implements ImportRecord {
  @ApiProperty({ type: [ImportRowErrorDto] }) errors: ImportRowErrorDto[];
  @ApiProperty({ description: 'Row errors beyond the first 1,000' }) errorsOmitted: number;
  @ApiProperty({ type: [ImportErrorGroupDto] }) errorGroups: ImportErrorGroupDto[];
}

export class ImportListDto implements ImportListResponse {
  @ApiProperty({ type: [ImportSummaryDto] }) items: ImportSummaryDto[];
  @ApiProperty() total: number;
}

export class ImportPreviewDto implements ImportPreview {
  @ApiProperty({ enum: [true] }) dryRun: true;
  @ApiProperty({ enum: IMPORT_FORMATS }) format: ImportFormat;
  @ApiProperty() fileName: string;
  @ApiProperty() checksum: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) mapping: Record<string, string>;
  @ApiProperty({ type: [ImportMappedColumnDto] }) columns: ImportMappedColumnDto[];
  @ApiProperty({ type: [ImportIgnoredColumnDto] }) ignoredColumns: ImportIgnoredColumnDto[];
  @ApiProperty() rowsRead: number;
  @ApiProperty() rowsValid: number;
  @ApiProperty() rowsRejected: number;
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'The first 20 valid rows' })
  rows: ImportPreviewRow[];
  @ApiProperty({ type: [ImportRowErrorDto] }) errors: ImportRowErrorDto[];
  @ApiProperty() errorsOmitted: number;
  @ApiProperty({ type: [ImportErrorGroupDto] }) errorGroups: ImportErrorGroupDto[];
  @ApiProperty({ type: [String] }) newCreatives: string[];
}
