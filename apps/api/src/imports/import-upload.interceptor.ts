import { mkdirSync } from 'node:fs';
import { unlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import multer from 'multer';
import { catchError, from, mergeMap, throwError, type Observable } from 'rxjs';
import { APP_CONFIG, type AppConfig } from '../infra/config/app-config.js';
import { ImportsError } from './imports.errors.js';

/** The multipart field that carries the export. */
export const IMPORT_FILE_FIELD = 'file';

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toLocaleString('en-US', { maximumFractionDigits: 1 })} MB`;
}

/**
 * Streams one multipart upload to a temporary file (the import reads it from there and removes
 * it), refusing it past the configured body limit
 * (RESONANCE_BODY_LIMIT_BYTES) with a 413 that names the limit. Runs after the access guard,
 * so nobody uploads anything without the right role. When the request is refused after the file
 * was stored (a bad field, say), the file is removed before the answer goes out.
 */
@Injectable()
export class ImportUploadInterceptor implements NestInterceptor {
  private readonly upload: ReturnType<ReturnType<typeof multer>['single']>;
  private readonly limitBytes: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.limitBytes = config.bodyLimitBytes;
    const dir = path.join(os.tmpdir(), 'resonance-imports');
    mkdirSync(dir, { recursive: true });
    this.upload = multer({
      storage: multer.diskStorage({ destination: dir }),
      limits: { fileSize: this.limitBytes, files: 1, fields: 10, fieldSize: 64 * 1024 },
    }).single(IMPORT_FILE_FIELD);
  }

  async intercept(ctx: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = ctx.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    await new Promise<void>((resolve, reject) => {
      this.upload(req, res, (error: unknown) => (error ? reject(this.toError(error)) : resolve()));
    });
    const stored = req.file?.path;
    if (!stored) return next.handle();
    // The import removes the file itself once it has read it; an error before (or during) it leaves it here.
    return next
      .handle()
      .pipe(
        catchError((error: unknown) =>
          from(unlink(stored).catch(() => undefined)).pipe(mergeMap(() => throwError(() => error))),
        ),
      );
  }

  private toError(error: unknown): ImportsError {
    if (error instanceof multer.MulterError) {
      if (error.code === 'LIMIT_FILE_SIZE') {
        return new ImportsError(
          'file_too_large',
          `The file is larger than the upload limit of ${megabytes(this.limitBytes)}: split the export by date range and import the parts.`,
          { limitBytes: this.limitBytes },
        );
      }
      if (error.code === 'LIMIT_UNEXPECTED_FILE' || error.code === 'LIMIT_FILE_COUNT') {
        return new ImportsError(
          'upload_failed',
          `Send exactly one file, in the multipart field '${IMPORT_FILE_FIELD}'.`,
          { field: error.field ?? null },
        );
      }
      return new ImportsError('upload_failed', `The upload could not be read: ${error.message}.`);
    }
    const message = error instanceof Error ? error.message : String(error);
    return new ImportsError('upload_failed', `The upload could not be read as multipart/form-data: ${message}.`);
  }
}
