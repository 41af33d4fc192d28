import {
  Body,
  Controller,
  Get,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
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
  @Auth({ roles: ['owner', 'manager'] })
  @UseInterceptors(ImportUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: ImportUploadDto })
  @ApiCreatedResponse({
    type: ImportRecordDto,
    description: 'The import record; with ?dryRun=true an ImportPreview instead, and nothing is written.',
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
  ): Promise<ImportRecord | ImportPreview> {
    return this.imports.importFile({
      auth,
      ip,
      file,
      ...(body.campaign === undefined ? {} : { campaign: body.campaign }),
      ...(body.dateOrder === undefined ? {} : { dateOrder: body.dateOrder }),
      dryRun: query.dryRun === true,
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
