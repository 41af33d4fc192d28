import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { ApiErrorBody } from '@resonance/contracts';
import type { Response } from 'express';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from '../../infra/database/connection-faults.js';
import { AppError } from '../errors/app-error.js';

const CODE_BY_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  429: 'too_many_requests',
  503: 'unavailable',
};

/** One filter for every error: a JSON body a user can act on, and no internals leaked. */
@Catch()
export class AppExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(AppExceptionFilter.name);
  private outageLoggedAt = 0;

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (body.code === 'database_unavailable') {
      // An outage fails every request the same way: one line every 10 s, no stacks.
      if (Date.now() - this.outageLoggedAt > 10_000) {
        this.outageLoggedAt = Date.now();
        this.logger.warn(`Answering 503: the database is unreachable (${(exception as Error).message})`);
      }
    } else if (body.statusCode >= 500) {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    }
    if (response.headersSent) {
      response.end();
      return;
    }
    if (body.statusCode === HttpStatus.SERVICE_UNAVAILABLE) {
      response.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
    }
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ApiErrorBody {
    // Whatever feature it came from, a lost database is "try again shortly", not a bug.
    if (!(exception instanceof AppError) && isDatabaseUnavailable(exception)) {
      return {
        statusCode: HttpStatus.SERVICE_UNAVAILABLE,
        code: 'database_unavailable',
        message: `The database cannot be reached right now; retry in ${DATABASE_RETRY_AFTER_SECONDS} seconds`,
        details: { retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS },
      };
    }
    if (exception instanceof AppError) {
      return {
        statusCode: exception.status,
        code: exception.code,
        message: exception.message,
        ...(exception.details === undefined ? {} : { details: exception.details }),
      };
    }
    // Nest wraps body-parser errors (too large, bad JSON) in an HttpException; the cause has the limit.
    if (exception instanceof HttpException && isBodyParserError(exception.cause)) {
      return this.toBody(exception.cause);
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const raw = exception.getResponse();
      const code = CODE_BY_STATUS[statusCode] ?? 'error';
      if (typeof raw === 'string') return { statusCode, code, message: raw };
      const record = raw as { message?: unknown; code?: unknown; details?: unknown };
      // ValidationPipe puts one message per failed constraint in an array.
      if (Array.isArray(record.message)) {
        return {
          statusCode,
          code: typeof record.code === 'string' ? record.code : 'validation_failed',
          message: record.message.join('; '),
          details: record.message,
        };
      }
      return {
        statusCode,
        code: typeof record.code === 'string' ? record.code : code,
        message: typeof record.message === 'string' ? record.message : exception.message,
        ...(record.details === undefined ? {} : { details: record.details }),
      };
    }
    // body-parser errors carry a status and type (entity.too.large, entity.parse.failed).
    const err = exception as { status?: unknown; type?: unknown; limit?: unknown; message?: unknown };
    if (typeof err?.status === 'number' && err.status >= 400 && err.status < 500) {
      if (err.type === 'entity.too.large') {
        return {
          statusCode: HttpStatus.PAYLOAD_TOO_LARGE,
          code: 'payload_too_large',
          message: `Request body is larger than the limit of ${String(err.limit)} bytes`,
          details: { limitBytes: err.limit },
        };
      }
      if (err.type === 'entity.parse.failed') {
        return {
          statusCode: 400,
          code: 'malformed_json',
          message: `Request body is not valid JSON: ${String(err.message)}`,
        };
      }
      return { statusCode: err.status, code: CODE_BY_STATUS[err.status] ?? 'error', message: String(err.message) };
    }
    return {
      statusCode: 500,
      code: 'internal_error',
      message: 'Something went wrong on our side; it has been logged.',
    };
  }
}

function isBodyParserError(error: unknown): boolean {
  const err = error as { status?: unknown; type?: unknown } | undefined;
  return typeof err?.status === 'number' && typeof err.type === 'string';
}
