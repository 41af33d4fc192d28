import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { IngestResponse } from '@resonance/contracts';
import fc from 'fast-check';
import request from 'supertest';
import { createTestApp } from '../../../test/test-app.js';
import { createTenant, type Tenant } from '../../../test/tenancy.js';
import {
  expectNamedError,
  FUZZ_SEED,
  hostileQueryValue,
  hostileString,
  hostileTimestamp,
  hostileValue,
} from './fuzz-arbitraries.js';

/**
 * Property-based fuzzing of every way data gets in (events as JSON and NDJSON, CSV/XLSX uploads)
 * and of the analytics query parameters, against the real app and PostgreSQL. Bounded runs with a
 * fixed seed keep it fast and reproducible. What must hold: no 5xx, the app keeps answering, and
 * every 4xx names what was wrong (code + message; for rows, the index and field).
 */
const SLOW_MS = 300_000;
const EXPORTS_DIR = fileURLToPath(new URL('../../../test/fixtures/exports/', import.meta.url));

const FIELDS = [
  'eventId',
  'occurredAt',
  'campaign',
  'creative',
  'platform',
  'type',
  'memberId',
  'ageBand',
  'gender',
  'region',
  'language',
  'count',
] as const;

interface GeneratedRow {
  raw: unknown;
  /** Untouched valid rows: they must be accepted (or be duplicates), never rejected. */
  clean: boolean;
}

let serial = 0;
function validEvent(daysAgo: number): Record<string, unknown> {
  serial += 1;
  return {
    eventId: `fz-${FUZZ_SEED}-${Date.now()}-${serial}`,
    occurredAt: new Date(Date.now() - daysAgo * 86_400_000).toISOString(),
    campaign: 'fuzz',
    creative: 'fuzz-reel',
    platform: 'tiktok',
    type: 'impression',
    memberId: `m-${serial % 7}`,
    ageBand: '18-24',
    gender: 'female',
    region: 'GB',
    language: 'en',
    count: 1,
  };
}

const rowArb: fc.Arbitrary<() => GeneratedRow> = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 60 }).map((d) => () => ({ raw: validEvent(d), clean: true })) },
  {
    weight: 4,
    arbitrary: fc
      .tuple(
        fc.integer({ min: 1, max: 60 }),
        fc.array(fc.tuple(fc.constantFrom(...FIELDS, 'extra\u0000field'), hostileValue), {
          minLength: 1,
          maxLength: 3,
        }),
      )
      .map(([d, edits]) => () => {
        const event = validEvent(d);
        for (const [field, value] of edits) event[field] = value;
        return { raw: event, clean: false };
      }),
  },
  {
    weight: 1,
    arbitrary: hostileTimestamp.map((t) => () => ({ raw: { ...validEvent(1), occurredAt: t }, clean: false })),
  },
  { weight: 1, arbitrary: fc.anything().map((raw) => () => ({ raw, clean: false })) },
);

function checkIngestAnswer(body: IngestResponse, rows: readonly GeneratedRow[], firstIndex: number): void {
  const total = body.accepted + body.duplicates + body.rejected;
  if (total !== rows.length) throw new Error(`rows unaccounted for: ${JSON.stringify(body).slice(0, 400)}`);
  for (const error of body.errors) {
    if (!Number.isInteger(error.index) || error.index < firstIndex || error.index >= rows.length + firstIndex)
      throw new Error(`row error without a row index: ${JSON.stringify(error)}`);
    if (!(error.field === null || typeof error.field === 'string') || !error.message)
      throw new Error(`row error without field/message: ${JSON.stringify(error)}`);
    if (rows[error.index - firstIndex]?.clean) throw new Error(`a valid row was rejected: ${JSON.stringify(error)}`);
  }
}

describe('fuzz: hostile input never gets a 5xx and every refusal says what was wrong', () => {
  let app: NestExpressApplication;
  let tenant: Tenant;
  let ingestKey: string;

  beforeAll(async () => {
    app = await createTestApp();
    tenant = await createTenant(app);
    ingestKey = (await tenant.apiKey(['ingest'])).key;
    await tenant.agent.post('/api/v1/campaigns').send({ key: 'fuzz', name: 'Fuzz campaign' }).expect(201);
  }, SLOW_MS);

  afterAll(async () => {
    await app.close();
  });

  const http = () => request(app.getHttpServer());

  it('a NUL byte, a +16:00 offset or a future time is a row error; the valid rows beside it are stored', async () => {
    const rows = [
      validEvent(1),
      { ...validEvent(1), eventId: 'nul\u0000id' },
      { ...validEvent(1), memberId: 'member\u0000' },
      { ...validEvent(1), occurredAt: '2026-05-01T10:00:00+16:00' },
      { ...validEvent(1), occurredAt: '2999-01-01T00:00:00Z' },
      validEvent(2),
    ];
    const expected = [
      { index: 1, field: 'eventId', message: expect.stringContaining('control character (U+0000)') },
      { index: 2, field: 'memberId', message: expect.stringContaining('control character (U+0000)') },
      { index: 3, field: 'occurredAt', message: expect.stringContaining('±14:00') },
      { index: 4, field: 'occurredAt', message: expect.stringContaining('at most 10 minutes ahead') },
    ];
    const json = await http().post('/api/v1/events').set('Authorization', `Bearer ${ingestKey}`).send(rows).expect(200);
    expect(json.body).toMatchObject({ accepted: 2, duplicates: 0, rejected: 4, errors: expected });

    const again = rows.map((r) => ({ ...r, eventId: `${String(r.eventId)}-nd` }));
    const ndjson = await http()
      .post('/api/v1/events')
      .set('Authorization', `Bearer ${ingestKey}`)
      .set('Content-Type', 'application/x-ndjson')
      .send(Buffer.from(again.map((r) => JSON.stringify(r)).join('\n')))
      .expect(200);
    // NDJSON rows are numbered by line, from 1.
    expect(ndjson.body).toMatchObject({
      accepted: 2,
      rejected: 4,
      errors: expected.map((e) => ({ ...e, index: e.index + 1 })),
    });
  });

  it(
    'events as a JSON batch: valid rows beside hostile ones are stored; each bad row names index and field',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(rowArb, { minLength: 1, maxLength: 12 }), async (makers) => {
          const rows = makers.map((make) => make());
          const res = await http()
            .post('/api/v1/events')
            .set('Authorization', `Bearer ${ingestKey}`)
            .set('Content-Type', 'application/json')
            .send(JSON.stringify(rows.map((r) => r.raw)));
          expectNamedError(res.status, res.body, 'JSON batch');
          if (res.status !== 200)
            throw new Error(`JSON batch of rows answered ${res.status}: ${JSON.stringify(res.body)}`);
          checkIngestAnswer(res.body as IngestResponse, rows, 0);
        }),
        { seed: FUZZ_SEED, numRuns: 40, endOnFailure: true },
      );
    },
    SLOW_MS,
  );

  it(
    'events as NDJSON: garbage lines and hostile values are row errors by line, never a 5xx or a resend loop',
    async () => {
      const lineArb: fc.Arbitrary<() => GeneratedRow & { line: string }> = fc.oneof(
        {
          weight: 4,
          arbitrary: rowArb.map((make) => () => {
            const row = make();
            return { ...row, line: JSON.stringify(row.raw) ?? 'null' };
          }),
        },
        {
          weight: 1,
          arbitrary: fc.string({ unit: 'binary', maxLength: 60 }).map((s) => () => ({
            raw: s,
            clean: false,
            // Blank lines are skipped by design; keep one line per row so indexes can be checked.
            line: s.replace(/\n/g, ' ').trim() === '' ? '{' : s.replace(/\n/g, ' '),
          })),
        },
      );
      await fc.assert(
        fc.asyncProperty(fc.array(lineArb, { minLength: 1, maxLength: 15 }), async (makers) => {
          const rows = makers.map((make) => make());
          const text = rows.map((r) => r.line).join('\n');
          const res = await http()
            .post('/api/v1/events')
            .set('Authorization', `Bearer ${ingestKey}`)
            .set('Content-Type', 'application/x-ndjson')
            .send(Buffer.from(`${text}\n`, 'utf8'));
          expectNamedError(res.status, res.body, 'NDJSON');
          if (res.status !== 200) throw new Error(`NDJSON answered ${res.status}: ${JSON.stringify(res.body)}`);
          checkIngestAnswer(res.body as IngestResponse, rows, 1);
        }),
        { seed: FUZZ_SEED, numRuns: 25, endOnFailure: true },
      );
    },
    SLOW_MS,
  );

  it(
    'CSV/XLSX uploads: random bytes, huge fields, odd encodings, formula cells, NUL and BOMs',
    async () => {
      const meta = readFileSync(`${EXPORTS_DIR}meta-ads-age-gender-daily.csv`, 'utf8').split('\n').slice(0, 6);
      const quote = (cell: string) => `"${cell.replace(/"/g, '""')}"`;
      const fileArb = fc.oneof(
        fc.uint8Array({ maxLength: 3_000 }).map((bytes) => ({ bytes: Buffer.from(bytes), name: 'random.csv' })),
        fc.uint8Array({ maxLength: 3_000 }).map((bytes) => ({ bytes: Buffer.from(bytes), name: 'random.xlsx' })),
        fc
          .tuple(
            fc.array(fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 15 }), hostileString), {
              minLength: 1,
              maxLength: 6,
            }),
            fc.constantFrom('utf8', 'utf16le', 'latin1') as fc.Arbitrary<BufferEncoding>,
            fc.boolean(),
          )
          .map(([edits, encoding, bom]) => {
            const grid = meta.map((line) => line.split(','));
            for (const [row, col, value] of edits) {
              const cells = grid[row];
              if (cells) cells[col] = quote(value);
            }
            const text = `${bom ? '\uFEFF' : ''}${grid.map((cells) => cells.join(',')).join('\r\n')}`;
            return { bytes: Buffer.from(text, encoding), name: `hostile-${encoding}.csv` };
          }),
      );
      await fc.assert(
        fc.asyncProperty(fileArb, fc.boolean(), async (file, dryRun) => {
          const res = await tenant.agent
            .post(`/api/v1/imports${dryRun ? '?dryRun=true' : ''}`)
            .field('campaign', 'fuzz')
            .attach('file', file.bytes, file.name);
          expectNamedError(res.status, res.body, `upload ${file.name}`);
          const errors = (res.body as { errors?: unknown }).errors;
          if (res.status < 300 && Array.isArray(errors)) {
            for (const e of errors as { rowNumber?: unknown; field?: unknown; message?: unknown }[]) {
              if (!Number.isInteger(e.rowNumber) || typeof e.field !== 'string' || typeof e.message !== 'string')
                throw new Error(`import row error without row/field/message: ${JSON.stringify(e)}`);
            }
          }
        }),
        { seed: FUZZ_SEED, numRuns: 20, endOnFailure: true },
      );
    },
    SLOW_MS,
  );

  it(
    'analytics and export routes with random query parameters',
    async () => {
      const routes = [
        '/api/v1/analytics/summary',
        '/api/v1/analytics/timeseries',
        '/api/v1/analytics/breakdown',
        '/api/v1/analytics/segments',
        '/api/v1/analytics/creatives',
        '/api/v1/analytics/insights',
        '/api/v1/exports/breakdown.csv',
        '/api/v1/exports/breakdown.xlsx',
      ];
      const plausible: Record<string, fc.Arbitrary<unknown>> = {
        from: fc.constantFrom('2026-01-01', '2026-05-01', '1900-01-01', '2026-13-01', '2999-12-31'),
        to: fc.constantFrom('2026-05-31', '2026-12-31', '2026-02-30', '9999-12-31'),
        tz: fc.constantFrom('UTC', 'Europe/London', 'Etc/GMT+14', 'Mars/Olympus', '+16:00', "UTC'; --"),
        granularity: fc.constantFrom('day', 'week', 'month', 'hour', 'year'),
        by: fc.constantFrom('ageBand', 'gender,region', 'creative', 'platform,platform', 'a,b,c', 'org_id'),
        platform: fc.constantFrom('tiktok', ['tiktok', 'x'], 'myspace'),
        ageBand: fc.constantFrom('18-24', ['13-17', '65+'], '0-1'),
        compare: fc.constantFrom('previous', 'year', 'none', 'yesterday'),
        campaign: fc.constantFrom('fuzz', '00000000-0000-0000-0000-000000000000', 'not-a-campaign'),
        segment: fc.constantFrom('00000000-0000-0000-0000-000000000000', 'x'),
      };
      const keys = [...Object.keys(plausible), 'region', 'language', 'creative', 'metric', 'limit', 'page'];
      const paramsArb = fc.dictionary(
        fc.constantFrom(...keys),
        fc.oneof(hostileQueryValue, fc.array(hostileQueryValue, { maxLength: 3 })),
        { maxKeys: 4 },
      );
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...routes),
          fc.record(plausible, { requiredKeys: [] }),
          paramsArb,
          async (route, base, hostile) => {
            const query = { from: '2026-01-01', to: '2026-06-30', ...base, ...hostile } as Record<string, unknown>;
            const res = await tenant.agent.get(route).query(query as Record<string, string>);
            expectNamedError(res.status, res.body, `${route}?${JSON.stringify(query).slice(0, 300)}`);
          },
        ),
        { seed: FUZZ_SEED, numRuns: 120, endOnFailure: true },
      );
      // Still answering after all that.
      await tenant.agent.get('/api/v1/auth/me').expect(200);
    },
    SLOW_MS,
  );
});
