import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnsupportedMediaTypeResponse,
  getSchemaPath,
  ApiExtraModels,
} from '@nestjs/swagger';
import { INGEST_JSON_MAX_EVENTS, type IngestResponse } from '@resonance/contracts';
import type { Request } from 'express';
import { Auth, CurrentAuth } from '../common/auth/auth.decorator.js';
import type { AuthContext } from '../common/auth/auth-context.js';
import { RateLimit } from '../common/throttling/rate-limit.js';
import { IngestEventDto, IngestResponseDto } from './dto/ingest.dto.js';
import { IngestError } from './ingest.errors.js';
import { IngestService } from './ingest.service.js';

const NDJSON_TYPES = new Set(['application/x-ndjson', 'application/ndjson', 'application/jsonl']);
const NDJSON_IDLE_TIMEOUT_MS = 120_000;

/**
 * The JSON body's bytes (create-app reads this route's JSON raw; the ingest threads parse it). Only
 * UTF-8 is taken, as JSON's standard asks; a body already parsed elsewhere is sent on as JSON.
 */
function jsonBytes(req: Request): Uint8Array {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(req.headers['content-type'] ?? '')?.[1]?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw new IngestError('unsupported_media_type', `Send JSON as UTF-8; got charset '${charset}'`);
  }
  const body: unknown = req.body;
  if (Buffer.isBuffer(body)) return body;
  return Buffer.from(body === undefined ? '' : JSON.stringify(body), 'utf8');
}

@ApiTags('events')
@ApiExtraModels(IngestEventDto)
@Controller('events')
export class IngestController {
  constructor(private readonly ingest: IngestService) {}

  @Post()
  @HttpCode(200)
  @Auth({ roles: ['owner', 'manager'], scopes: ['ingest'] })
  // The accounts feature's named 'ingest' budget: 600 requests a minute per API key (per IP for
  // sessions), i.e. up to 6M events a minute as JSON; an NDJSON stream of any length is one request.
  @RateLimit('ingest')
  @ApiConsumes('application/json', 'application/x-ndjson')
  @ApiBody({
    description: `JSON: an array of up to ${INGEST_JSON_MAX_EVENTS} events, or { "events": [...] }. NDJSON: one event per line, any number (gzip allowed).`,
    schema: { type: 'array', items: { $ref: getSchemaPath(IngestEventDto) } },
  })
  @ApiOkResponse({
    type: IngestResponseDto,
    description: 'Every row is accounted for: accepted, duplicates or rejected (with errors)',
  })
  @ApiBadRequestResponse({
    description:
      'malformed_json, invalid_body, or ingest_stream_broken (the request stream broke off or its gzip is broken)',
  })
  @ApiPayloadTooLargeResponse({
    description: `too_many_events: more than ${INGEST_JSON_MAX_EVENTS} events in one JSON request`,
  })
  @ApiUnsupportedMediaTypeResponse({ description: 'Content-Type is neither application/json nor application/x-ndjson' })
  @ApiTooManyRequestsResponse({ description: 'The ingest rate limit (per API key) is spent' })
  events(@CurrentAuth() auth: AuthContext, @Req() req: Request): Promise<IngestResponse> {
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (type === 'application/json') return this.ingest.ingestJson({ orgId: auth.orgId, body: jsonBytes(req) });
    if (NDJSON_TYPES.has(type)) {
      // No whole-request deadline for streams (see IngestModule), but a stalled one is cut.
      req.setTimeout(NDJSON_IDLE_TIMEOUT_MS);
      return this.ingest.ingestNdjson({
        orgId: auth.orgId,
        stream: req,
        contentEncoding: req.headers['content-encoding'],
      });
    }
    throw new IngestError(
      'unsupported_media_type',
      `Send events as application/json (up to ${INGEST_JSON_MAX_EVENTS} per request) or application/x-ndjson (a stream of any length); got '${type || 'no Content-Type'}'`,
    );
  }
}
