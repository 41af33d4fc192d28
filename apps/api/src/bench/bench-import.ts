/**
 * `npm run bench:import [-- --rows N --runs R]`
 *
 * On a fresh database, boots the real api as a child process and measures, on a Meta Ads export
 * of the sample's shape (apps/api/test/fixtures/exports/meta-ads-age-gender-daily.csv repeated
 * week after week up to N rows): (a) the baseline, COPY of the same rows already parsed and
 * planned (their events and reach periods) into identically indexed copies of `events` and
 * `reported_periods`; (b) the CSV imported over HTTP with an import-scoped API key; (c) the same
 * rows as XLSX. Each is repeated into a fresh organisation (median reported). During imports,
 * /health is polled (its slowest answer is printed), the import's progress is polled, and the
 * api's resident memory is sampled. Prints a table and, last, one JSON line.
 */
import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { API_KEY_PREFIX, hashApiKey } from '../api-keys/api-keys.service.js';
import { planRow, type PlannedEvent, type PlannedPeriod } from '../imports/import-plan.js';
import { parseStream } from '../imports/parsers/parse-stream.js';
import { streamRecords } from '../imports/parsers/stream-records.js';
import { METRIC_COLUMN_BY_TYPE } from '../warehouse/events/event-writer.js';
import { EVENT_TYPES } from '../imports/parsers/index.js';
import { freshDatabase, RssSampler, startApi } from './bench-harness.js';

interface Options {
  rows: number;
  runs: number;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { rows: 100_000, runs: 3 };
  for (let i = 0; i < argv.length; i += 2) {
    const name = (argv[i] ?? '').replace(/^--/, '');
    const n = Number(argv[i + 1]);
    if ((name !== 'rows' && name !== 'runs') || !Number.isInteger(n) || n < 1) {
      throw new Error(`Unknown or bad flag ${argv[i] ?? ''}: use --rows N --runs R`);
    }
    options[name] = n;
  }
  return options;
}

const SAMPLE = fileURLToPath(new URL('../../test/fixtures/exports/meta-ads-age-gender-daily.csv', import.meta.url));
const CAMPAIGN_NAME = 'MHAM 2026 - You are not alone';
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

/** The sample's rows, copy after copy, each copy a week later: every row a new day/ad/age/gender cell. */
function exportRows(rows: number): { header: string[]; records: string[][] } {
  const lines = readFileSync(SAMPLE, 'utf8')
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/);
  const header = (lines[0] ?? '').split(',');
  // The sample has no quoted cells but one: ad names with apostrophes are plain text.
  const body = lines.slice(1).map((line) => line.split(','));
  const records: string[][] = [];
  for (let copy = 0; records.length < rows; copy += 1) {
    for (const cells of body) {
      if (records.length >= rows) break;
      records.push(
        cells.map((cell, i) => {
          if (i > 1) return cell;
          const day = new Date(`${cell}T00:00:00Z`);
          day.setUTCDate(day.getUTCDate() + 7 * copy);
          return day.toISOString().slice(0, 10);
        }),
      );
    }
  }
  return { header, records };
}

async function writeXlsx(file: string, header: string[], records: string[][]): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const sheet = workbook.addWorksheet('Raw Data Report');
  sheet.addRow(header).commit();
  for (const r of records) sheet.addRow(r.map((cell) => (/^\d+(\.\d+)?$/.test(cell) ? Number(cell) : cell))).commit();
  await workbook.commit();
}

interface Tenant {
  orgId: string;
  key: string;
}

async function createTenant(client: pg.Client, label: string): Promise<Tenant> {
  const org = await client.query<{ id: string }>(
    `INSERT INTO organizations (name, member_key_secret) VALUES ($1, $2) RETURNING id`,
    [`Bench ${label}`, randomBytes(32)],
  );
  const orgId = org.rows[0]?.id ?? '';
  await client.query(`INSERT INTO campaigns (org_id, key, name) VALUES ($1, 'mham-2026', $2)`, [orgId, CAMPAIGN_NAME]);
  const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  await client.query(
    `INSERT INTO api_keys (org_id, name, prefix, key_hash, scopes) VALUES ($1, 'bench', $2, $3, '{import,read}')`,
    [orgId, key.slice(0, 8), hashApiKey(key)],
  );
  return { orgId, key };
}

function request(
  port: number,
  options: { method: string; path: string; key?: string; headers?: Record<string, string>; body?: Buffer },
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: options.method,
        path: options.path,
        headers: {
          ...(options.key ? { authorization: `Bearer ${options.key}` } : {}),
          ...(options.body ? { 'content-length': String(options.body.length) } : {}),
          ...options.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

function multipart(file: Buffer, fileName: string): { body: Buffer; type: string } {
  const boundary = `----bench${randomBytes(8).toString('hex')}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return {
    body: Buffer.concat([Buffer.from(head), file, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    type: `multipart/form-data; boundary=${boundary}`,
  };
}

interface ImportRun {
  seconds: number;
  maxHealthMs: number;
  progressUpdates: number;
}

async function runImport(
  port: number,
  tenant: Tenant,
  file: Buffer,
  fileName: string,
  rows: number,
): Promise<ImportRun> {
  const { body, type } = multipart(file, fileName);
  let done = false;
  let maxHealthMs = 0;
  const progress = new Set<number>();
  const watch = (async () => {
    while (!done) {
      const t0 = process.hrtime.bigint();
      await request(port, { method: 'GET', path: '/api/v1/health' });
      maxHealthMs = Math.max(maxHealthMs, Number(process.hrtime.bigint() - t0) / 1e6);
      const list = await request(port, { method: 'GET', path: '/api/v1/imports?limit=1', key: tenant.key });
      const item = (JSON.parse(list.body) as { items?: { status: string; progress: { rowsDone: number } }[] })
        .items?.[0];
      if (item?.status === 'running' && item.progress.rowsDone > 0) progress.add(item.progress.rowsDone);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  const started = process.hrtime.bigint();
  const res = await request(port, {
    method: 'POST',
    path: '/api/v1/imports',
    key: tenant.key,
    headers: { 'content-type': type },
    body,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  done = true;
  await watch;
  if (res.status !== 201) throw new Error(`import answered ${res.status}: ${res.body.slice(0, 500)}`);
  const record = JSON.parse(res.body) as { rowsAccepted: number };
  if (record.rowsAccepted !== rows) throw new Error(`import accepted ${record.rowsAccepted} of ${rows} rows`);
  return { seconds, maxHealthMs, progressUpdates: progress.size };
}

const METRICS = EVENT_TYPES.map((t) => METRIC_COLUMN_BY_TYPE[t]);

/** Parses and plans the file in-process (untimed), then times COPY of the planned rows. */
async function runCopy(client: pg.Client, tenant: Tenant, csvPath: string): Promise<number> {
  const campaignId = (await client.query<{ id: string }>(`SELECT id FROM campaigns WHERE org_id = $1`, [tenant.orgId]))
    .rows[0]?.id;
  if (!campaignId) throw new Error('no campaign');
  const creatives = new Map<string, string>();
  const events: PlannedEvent[] = [];
  const periods: PlannedPeriod[] = [];
  let format: 'meta_ads' | null = null;
  for await (const event of parseStream(streamRecords(csvPath, 'bench.csv'), {
    maxRows: 10_000_000,
    batchSize: 5_000,
  })) {
    if (event.kind === 'format') {
      format = event.format as 'meta_ads';
      continue;
    }
    for (const row of event.rows) {
      const name = row.creative ?? '';
      let creativeId = creatives.get(name);
      if (!creativeId) creatives.set(name, (creativeId = randomUUID()));
      const plan = planRow(format ?? 'meta_ads', { row, campaignId, creativeId });
      events.push(...plan.events);
      if (plan.period) periods.push(plan.period);
    }
  }
  const copy = async (sql: string, lines: Iterable<string>): Promise<void> => {
    const stream = client.query(copyFrom(sql));
    const done = new Promise<void>((resolve, reject) => {
      stream.on('finish', resolve);
      stream.on('error', reject);
    });
    let buffer = '';
    for (const line of lines) {
      buffer += line;
      if (buffer.length > 256 * 1024) {
        if (!stream.write(buffer)) await new Promise((r) => stream.once('drain', r));
        buffer = '';
      }
    }
    stream.end(buffer);
    await done;
  };
  const importId = randomUUID();
  const started = process.hrtime.bigint();
  await copy(
    `COPY bench_copy_events (org_id, event_id, occurred_at, day, campaign_id, creative_id, platform, type, age_band, gender, region, language, count, import_id) FROM STDIN`,
    (function* () {
      for (const e of events) {
        yield `${tenant.orgId}\t${e.eventId}\t${e.day}T00:00:00Z\t${e.day}\t${e.campaignId}\t${e.creativeId}\t${e.platform}\t${e.type}\t${e.ageBand}\t${e.gender}\t${e.region}\tunknown\t${e.count}\t${importId}\n`;
      }
    })(),
  );
  await copy(
    `COPY bench_copy_periods (org_id, import_id, row_key, grain, period_start, period_end, campaign_id, creative_id, platform, age_band, gender, region, reach, ${METRICS.join(', ')}) FROM STDIN`,
    (function* () {
      for (const p of periods) {
        const counts = EVENT_TYPES.map((t) => p.counts[t]).join('\t');
        yield `${tenant.orgId}\t${importId}\t${p.rowKey}\t${p.grain}\t${p.periodStart}\t${p.periodEnd}\t${p.campaignId}\t${p.creativeId ?? '\\N'}\t${p.platform}\t${p.ageBand ?? '\\N'}\t${p.gender ?? '\\N'}\t${p.region ?? '\\N'}\t${p.reach ?? '\\N'}\t${counts}\n`;
      }
    })(),
  );
  return Number(process.hrtime.bigint() - started) / 1e9;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const log = (msg: string): void => void process.stderr.write(`${msg}\n`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'resonance-bench-import-'));
  const { header, records } = exportRows(options.rows);
  const csvPath = path.join(dir, 'meta.csv');
  writeFileSync(csvPath, `${[header, ...records].map((r) => r.join(',')).join('\n')}\n`);
  const xlsxPath = path.join(dir, 'meta.xlsx');
  await writeXlsx(xlsxPath, header, records);
  const csv = readFileSync(csvPath);
  const xlsx = readFileSync(xlsxPath);
  log(
    `Import benchmark: ${fmt(options.rows)} Meta rows (CSV ${(csv.length / 1e6).toFixed(1)} MB, XLSX ${(xlsx.length / 1e6).toFixed(1)} MB) × ${options.runs} runs`,
  );

  const db = await freshDatabase();
  let api: Awaited<ReturnType<typeof startApi>> | null = null;
  const client = new pg.Client({ connectionString: db.url });
  try {
    api = await startApi(db.url, { RESONANCE_IMPORT_MAX_ROWS: String(Math.max(200_000, options.rows)) });
    const sampler = new RssSampler(api.child.pid ?? 0);
    const idleRssMb = sampler.sample() / 1024;
    sampler.start();
    await client.connect();
    await client.query('CREATE TABLE bench_copy_events (LIKE events INCLUDING ALL)');
    await client.query('CREATE TABLE bench_copy_periods (LIKE reported_periods INCLUDING ALL)');

    const times = { copy: [] as number[], csv: [] as number[], xlsx: [] as number[] };
    const health: number[] = [];
    const updates: number[] = [];
    for (let run = 1; run <= options.runs; run += 1) {
      times.copy.push(await runCopy(client, await createTenant(client, `copy ${run}`), csvPath));
      log(`run ${run}: COPY ${fmt(options.rows / (times.copy.at(-1) ?? 1))} rows/s`);
      for (const kind of ['csv', 'xlsx'] as const) {
        const tenant = await createTenant(client, `${kind} ${run}`);
        const result = await runImport(api.port, tenant, kind === 'csv' ? csv : xlsx, `meta.${kind}`, options.rows);
        times[kind].push(result.seconds);
        health.push(result.maxHealthMs);
        updates.push(result.progressUpdates);
        log(
          `run ${run}: ${kind.toUpperCase()} import ${fmt(options.rows / result.seconds)} rows/s, slowest /health ${result.maxHealthMs.toFixed(0)} ms, ${result.progressUpdates} progress readings, api RSS peak so far ${(sampler.peakKb / 1024).toFixed(0)} MB`,
        );
      }
    }
    sampler.stop();
    const rate = (seconds: number[]): number => options.rows / median(seconds);
    const copyRate = rate(times.copy);
    const csvRate = rate(times.csv);
    const xlsxRate = rate(times.xlsx);
    const peakRssMb = sampler.peakKb / 1024;
    const table: [string, number[], number][] = [
      ['COPY of the parsed rows (events + periods)', times.copy, copyRate],
      ['CSV import over HTTP (parse, stage, write)', times.csv, csvRate],
      ['XLSX import over HTTP', times.xlsx, xlsxRate],
    ];
    console.log(
      [
        '',
        `Import of ${fmt(options.rows)} Meta Ads rows (the sample's shape, one row per day × ad × age × gender), median of ${options.runs} runs`,
        `${'path'.padEnd(46)}${'rows/s'.padStart(10)}${'vs COPY'.padStart(10)}   runs (s)`,
        ...table.map(
          ([label, secs, r]) =>
            `${label.padEnd(46)}${fmt(r).padStart(10)}${`${Math.round((r / copyRate) * 100)}%`.padStart(10)}   ${secs.map((s) => s.toFixed(2)).join(' / ')}`,
        ),
        `slowest /health during imports: ${Math.max(...health).toFixed(0)} ms; progress readings per import: ${updates.join(' / ')}`,
        `api RSS: ${idleRssMb.toFixed(0)} MB idle, ${peakRssMb.toFixed(0)} MB peak`,
        'Imports also write rollup_daily, rollup_daily_creative, rollup_hourly and check for unchanged rows; COPY writes events and periods only.',
        '',
      ].join('\n'),
    );
    console.log(
      JSON.stringify({
        rows: options.rows,
        copyRowsPerSec: Math.round(copyRate),
        csvRowsPerSec: Math.round(csvRate),
        xlsxRowsPerSec: Math.round(xlsxRate),
        ratioCsvToCopy: Number((csvRate / copyRate).toFixed(3)),
        ratioXlsxToCopy: Number((xlsxRate / copyRate).toFixed(3)),
        maxHealthMs: Math.round(Math.max(...health)),
        apiPeakRssMb: Math.round(peakRssMb),
      }),
    );
  } catch (error) {
    if (api) log(`api output:\n${api.logs.join('').slice(-4000)}`);
    throw error;
  } finally {
    await client.end().catch(() => undefined);
    if (api && api.child.exitCode === null) {
      const exited = new Promise((r) => api?.child.once('exit', r));
      api.child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    }
    await db.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
