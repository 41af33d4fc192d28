import type { ArgumentsHost } from '@nestjs/common';
import { AccessError } from '../auth/access.errors.js';
import { IngestError } from '../../ingest/ingest.errors.js';
import { ImportsError } from '../../imports/imports.errors.js';
import { AppExceptionFilter } from './app-exception.filter.js';

/** What the filter wrote: status, headers and body. */
function answer(exception: unknown): { status: number; headers: Record<string, string>; body: unknown } {
  const out = { status: 0, headers: {} as Record<string, string>, body: undefined as unknown };
  const response = {
    headersSent: false,
    setHeader: (name: string, value: string) => {
      out.headers[name.toLowerCase()] = value;
    },
    status(code: number) {
      out.status = code;
      return this;
    },
    json(body: unknown) {
      out.body = body;
      return this;
    },
    end: () => undefined,
  };
  const host = { switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
  new AppExceptionFilter().catch(exception, host);
  return out;
}

describe('AppExceptionFilter: the status comes from the error code', () => {
  it('answers a mid-stream interruption on our side as 503 with Retry-After', () => {
    const res = answer(
      new IngestError('ingest_interrupted', 'resend from line 5001 shortly', { lastCommittedLine: 5000 }),
    );
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toMatch(/^\d+$/);
    expect(res.body).toEqual({
      statusCode: 503,
      code: 'ingest_interrupted',
      message: 'resend from line 5001 shortly',
      details: { lastCommittedLine: 5000 },
    });
  });

  it.each([
    [new IngestError('ingest_stream_broken', 'the stream broke off'), 400],
    [new IngestError('too_many_events', 'split the batch'), 413],
    [new ImportsError('too_many_rows', 'split the file'), 413],
    [new ImportsError('unreadable_csv', 'not a CSV'), 422],
    [new AccessError('missing_scope', 'needs read'), 403],
  ])('answers %s with its declared status and no Retry-After', (error, status) => {
    const res = answer(error);
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({ statusCode: status, code: error.code });
    expect(res.headers['retry-after']).toBeUndefined();
  });
});
