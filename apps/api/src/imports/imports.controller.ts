import {
  Body,
  Controller,
  Get,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { ImportListResponse, ImportPreview, ImportRecord } from '@resonance/contracts';
import type { Response } from 'express';
import { ALL_ROLES, Auth, ClientIp, CurrentAuth } from '../common/auth/auth.decorator.js';
import type { AuthContext } from '../common/auth/auth-context.js';
import {
  ImportFieldsDto,
  ImportListDto,
  ImportListQueryDto,
  ImportPreviewDto,
  ImportQueryDto,
  ImportRecordDto,
  ImportUploadDto,
} from './dto/import.dto.js';
import { ImportUploadInterceptor } from './import-upload.interceptor.js';
import { ImportsService, type UploadedExport } from './imports.service.js';

@ApiTags('imports')
@ApiExtraModels(ImportPreviewDto)
@Controller('imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Post()
  @Auth({ roles: ['owner', 'manager'], scopes: ['import'] })
  @UseInterceptors(ImportUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: ImportUploadDto })
  @ApiCreatedResponse({
    type: ImportRecordDto,
    description:
      'The completed import record; with ?dryRun=true an ImportPreview instead, and nothing is written. With ?async=true the answer is 202 as soon as the format is known, with the running record: poll GET /imports/{id} for progress.',
  })
  @ApiBadRequestResponse({ description: 'file_missing, upload_failed, or a bad field' })
  @ApiPayloadTooLargeResponse({ description: 'file_too_large (names the limit) or too_many_rows' })
  @ApiUnprocessableEntityResponse({
    description:
      'unrecognised_format (lists the recognised formats and the headers seen), unknown_campaign, empty_file, unreadable_xlsx …',
  })
  create(
    @CurrentAuth() auth: AuthContext,
    @ClientIp() ip: string | null,
    @UploadedFile() file: UploadedExport | undefined,
    @Body() body: ImportFieldsDto,
    @Query() query: ImportQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ImportRecord | ImportPreview> {
    const background = query.async === true && query.dryRun !== true;
    if (background) res.status(202);
    return this.imports.importFile({
      auth,
      ip,
      file,
      ...(body.campaign === undefined ? {} : { campaign: body.campaign }),
      ...(body.dateOrder === undefined ? {} : { dateOrder: body.dateOrder }),
      dryRun: query.dryRun === true,
      background,
    });
  }

  @Get()
  @Auth({ roles: ALL_ROLES, scopes: ['read'] })
  @ApiOkResponse({ type: ImportListDto })
  list(@CurrentAuth() auth: AuthContext, @Query() query: ImportListQueryDto): Promise<ImportListResponse> {
    return this.imports.list({ orgId: auth.orgId, limit: query.limit ?? 50, offset: query.offset ?? 0 });
  }

  @Get(':id')
  @Auth({ roles: ALL_ROLES, scopes: ['read'] })
  @ApiOkResponse({ type: ImportRecordDto })
  @ApiNotFoundResponse({ description: 'import_not_found' })
  get(@CurrentAuth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string): Promise<ImportRecord> {
    return this.imports.get({ orgId: auth.orgId, id });
  }
}
