/**
 * `npm run bench:import [-- --rows N --runs R]`
 *
 * On a fresh database, boots the real api as a child process and measures, on a Meta Ads export
 * of the sample's shape (apps/api/test/fixtures/exports/meta-ads-age-gender-daily.csv repeated
 * week after week up to N rows): (a) the baseline, COPY of the same rows already parsed and
 * planned (their events and reach periods) into identically indexed copies of `events` and
 * `reported_periods`, and a second baseline that also COPYs everything else an import writes for them
 * (reported_spend, pre-computed; the rollups are views over events); (b) the CSV imported over HTTP with an import-scoped API key; (c) the same
 * rows as XLSX; (d) a Meta export broken down by region and placement (50 ads over 11 months, rows
 * spread over many distinct ads, days and cells, the placements of a cell added together) at N/4
 * and N rows, to check that time is linear in rows. Each is repeated into a fresh organisation
 * (median reported). During imports, /health is polled (its slowest answer is printed), the
 * import's progress is polled, and the api's resident memory is sampled; the api's own log says
 * where each import's time went (reading and staging, waiting for the parser, the final write).
 * Prints a table and, last, one JSON line.
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
import { planRow, spendRowKey, type PlannedEvent, type PlannedPeriod } from '../imports/import-plan.js';
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

/**
 * The sample's rows, copy after copy, each copy a week earlier (never in the future, which an import
 * refuses): every row a new day/ad/age/gender cell.
 */
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
          day.setUTCDate(day.getUTCDate() - 7 * copy);
          return day.toISOString().slice(0, 10);
        }),
      );
    }
  }
  return { header, records };
}

const REGIONS = [
  'Maharashtra',
  'Karnataka',
  'Tamil Nadu',
  'Delhi',
  'Kerala',
  'Gujarat',
  'West Bengal',
  'Telangana',
  'Uttar Pradesh',
  'Rajasthan',
  'Punjab',
  'Haryana',
  'Bihar',
  'Odisha',
  'Assam',
  'Madhya Pradesh',
  'Andhra Pradesh',
  'Jharkhand',
  'Goa',
  'Chandigarh',
  'Uttarakhand',
  'Himachal Pradesh',
  'Chhattisgarh',
  'Jammu and Kashmir',
  'Tripura',
];
const PLACEMENTS = ['Facebook Feed', 'Facebook Stories', 'Instagram Feed', 'Instagram Reels'];
const REGIONAL_ADS = 50;
const REGIONAL_DAYS = 334; // 2025-06-01 … 2026-04-30: 11 months

/**
 * A Meta export by region and placement, in Ads Manager's order (day, ad, region, placement): the
 * (day, ad, region) cells are spread over all 50 ads, 11 months and 25 regions (a stride through
 * them), each cell with its four placement rows, which the import adds together (placement is not
 * a breakdown Resonance keeps). The row count decides how many distinct ads, days and cells there are.
 */
function regionalRows(rows: number): { header: string[]; records: string[][] } {
  const header = [
    'Reporting starts',
    'Reporting ends',
    'Campaign name',
    'Ad set name',
    'Ad name',
    'Region',
    'Placement',
    'Amount spent (INR)',
    'Impressions',
    'Reach',
    'Link clicks',
    'Post reactions',
    'Post comments',
    'Post shares',
    'Post saves',
    'ThruPlays',
  ];
  const space = REGIONAL_DAYS * REGIONAL_ADS * REGIONS.length;
  const stride = 104_729; // a prime sharing no factor with the space: i·stride mod space visits every cell once
  const cells = Array.from({ length: Math.ceil(rows / PLACEMENTS.length) }, (_, i) => (i * stride) % space).sort(
    (a, b) => a - b,
  );
  const records: string[][] = [];
  const start = Date.UTC(2025, 5, 1);
  for (const cell of cells) {
    const region = cell % REGIONS.length;
    const ad = Math.floor(cell / REGIONS.length) % REGIONAL_ADS;
    const dayIndex = Math.floor(cell / (REGIONS.length * REGIONAL_ADS));
    const day = new Date(start + dayIndex * 86_400_000).toISOString().slice(0, 10);
    for (const [p, placement] of PLACEMENTS.entries()) {
      if (records.length >= rows) break;
      const seed = (cell * 31 + p * 7) % 997;
      const impressions = 50 + seed;
      records.push([
        day,
        day,
        CAMPAIGN_NAME,
        `Awareness - ${REGIONS[region] ?? ''}`,
        `Ad ${String(ad + 1).padStart(2, '0')} - story`,
        REGIONS[region] ?? '',
        placement,
        (impressions / 97).toFixed(2),
        String(impressions),
        String(Math.round(impressions * 0.8)),
        String(seed % 13),
        String(seed % 29),
        String(seed % 5),
        String(seed % 7),
        String(seed % 3),
        String(seed % 41),
      ]);
    }
  }
  return { header, records };
}

const csvText = (header: string[], records: string[][]): string =>
  `${[header, ...records].map((r) => r.join(',')).join('\n')}\n`;

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
  id: string;
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
  const record = JSON.parse(res.body) as { id: string; rowsAccepted: number };
  if (record.rowsAccepted !== rows) throw new Error(`import accepted ${record.rowsAccepted} of ${rows} rows`);
  return { id: record.id, seconds, maxHealthMs, progressUpdates: progress.size };
}

const METRICS = EVENT_TYPES.map((t) => METRIC_COLUMN_BY_TYPE[t]);

interface CopyTimes {
  /** COPY of the events and reach periods. */
  seconds: number;
  /** Then also of everything else an import writes for these rows: spend. */
  allSeconds: number;
}

/**
 * Parses and plans the file in-process (untimed), then times COPY of the planned rows: events and
 * periods first (the baseline the target names), then the spend.
 */
async function runCopy(client: pg.Client, tenant: Tenant, csvPath: string): Promise<CopyTimes> {
  const campaignId = (await client.query<{ id: string }>(`SELECT id FROM campaigns WHERE org_id = $1`, [tenant.orgId]))
    .rows[0]?.id;
  if (!campaignId) throw new Error('no campaign');
  const creatives = new Map<string, string>();
  const events: PlannedEvent[] = [];
  const periods: PlannedPeriod[] = [];
  const spend: string[] = [];
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
      const resolved = { row, campaignId, creativeId };
      const plan = planRow(format ?? 'meta_ads', resolved);
      events.push(...plan.events);
      if (plan.period) periods.push(plan.period);
      if (row.spend) {
        const key = spendRowKey(format ?? 'meta_ads', resolved, row.spend.currency);
        const counts = EVENT_TYPES.map((t) => row.counts[t] ?? 0).join('\t');
        spend.push(
          `${key}\t${row.grain}\t${row.periodStart}\t${row.periodEnd}\t${campaignId}\t${creativeId}\t${row.platform}\t${row.ageBand ?? '\\N'}\t${row.gender ?? '\\N'}\t${row.region ?? '\\N'}\t${row.spend.currency}\t${row.spend.micros}\t${counts}`,
        );
      }
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
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const metricList = METRICS.join(', ');
  const more = process.hrtime.bigint();
  await copy(
    `COPY bench_copy_spend (org_id, import_id, row_key, grain, period_start, period_end, campaign_id, creative_id, platform, age_band, gender, region, currency, spend_micros, ${metricList}) FROM STDIN`,
    (function* () {
      for (const line of spend) yield `${tenant.orgId}\t${importId}\t${line}\n`;
    })(),
  );
  return { seconds, allSeconds: seconds + Number(process.hrtime.bigint() - more) / 1e9 };
}

/** The api's own account of where an import's time went (its completion log line). */
function importTimings(logs: readonly string[], id: string): string {
  const line = logs
    .join('')
    .split('\n')
    .find((l) => l.includes(`import ${id} `));
  // The api colours its log.
  const plain = (line ?? '').replace(/\u001b\[[0-9;]*m/g, '');
  return /timings: (.*)$/.exec(plain)?.[1]?.trim() ?? '(no timings logged)';
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const log = (msg: string): void => void process.stderr.write(`${msg}\n`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'resonance-bench-import-'));
  const { header, records } = exportRows(options.rows);
  const csvPath = path.join(dir, 'meta.csv');
  writeFileSync(csvPath, csvText(header, records));
  const xlsxPath = path.join(dir, 'meta.xlsx');
  await writeXlsx(xlsxPath, header, records);
  const csv = readFileSync(csvPath);
  const xlsx = readFileSync(xlsxPath);
  const quarter = Math.max(1, Math.round(options.rows / 4));
  const regional = { quarter: regionalRows(quarter), full: regionalRows(options.rows) };
  const regionalCsv = {
    quarter: Buffer.from(csvText(regional.quarter.header, regional.quarter.records)),
    full: Buffer.from(csvText(regional.full.header, regional.full.records)),
  };
  const distinct = (rows: string[][], pick: (r: string[]) => string): number => new Set(rows.map(pick)).size;
  const regionalShape = `${distinct(regional.full.records, (r) => r[4] ?? '')} ads, ${distinct(regional.full.records, (r) => r[0] ?? '')} days, ${distinct(regional.full.records, (r) => `${r[0]}|${r[4]}|${r[5]}`)} cells`;
  log(
    `Import benchmark: ${fmt(options.rows)} Meta rows (CSV ${(csv.length / 1e6).toFixed(1)} MB, XLSX ${(xlsx.length / 1e6).toFixed(1)} MB) × ${options.runs} runs; ` +
      `region × placement export at ${fmt(quarter)} and ${fmt(options.rows)} rows (${regionalShape})`,
  );

  const db = await freshDatabase();
  let api: Awaited<ReturnType<typeof startApi>> | null = null;
  const client = new pg.Client({ connectionString: db.url });
  try {
    // LOG_LEVEL 'log': the api logs each import's timings, printed beside the figures.
    api = await startApi(db.url, {
      RESONANCE_IMPORT_MAX_ROWS: String(Math.max(200_000, options.rows)),
      LOG_LEVEL: 'log',
    });
    const sampler = new RssSampler(api.child.pid ?? 0);
    const idleRssMb = sampler.sample() / 1024;
    sampler.start();
    await client.connect();
    await client.query('CREATE TABLE bench_copy_events (LIKE events INCLUDING ALL)');
    await client.query('CREATE TABLE bench_copy_periods (LIKE reported_periods INCLUDING ALL)');
    await client.query('CREATE TABLE bench_copy_spend (LIKE reported_spend INCLUDING ALL)');

    const kinds = ['csv', 'xlsx', 'regionalQuarter', 'regional'] as const;
    type Kind = (typeof kinds)[number];
    const files: Record<Kind, { file: Buffer; name: string; rows: number; label: string }> = {
      csv: { file: csv, name: 'meta.csv', rows: options.rows, label: 'CSV' },
      xlsx: { file: xlsx, name: 'meta.xlsx', rows: options.rows, label: 'XLSX' },
      regionalQuarter: {
        file: regionalCsv.quarter,
        name: 'meta-region-placement.csv',
        rows: quarter,
        label: 'region × placement CSV, N/4',
      },
      regional: {
        file: regionalCsv.full,
        name: 'meta-region-placement.csv',
        rows: options.rows,
        label: 'region × placement CSV, N',
      },
    };
    const times: Record<'copy' | 'copyAll' | Kind, number[]> = {
      copy: [],
      copyAll: [],
      csv: [],
      xlsx: [],
      regionalQuarter: [],
      regional: [],
    };
    const health: number[] = [];
    const updates: number[] = [];
    const timings: string[] = [];
    for (let run = 1; run <= options.runs; run += 1) {
      const copied = await runCopy(client, await createTenant(client, `copy ${run}`), csvPath);
      times.copy.push(copied.seconds);
      times.copyAll.push(copied.allSeconds);
      log(
        `run ${run}: COPY ${fmt(options.rows / copied.seconds)} rows/s (events + periods), ${fmt(options.rows / copied.allSeconds)} rows/s (all an import writes)`,
      );
      for (const kind of kinds) {
        const { file, name, rows, label } = files[kind];
        const tenant = await createTenant(client, `${kind} ${run}`);
        const result = await runImport(api.port, tenant, file, name, rows);
        times[kind].push(result.seconds);
        health.push(result.maxHealthMs);
        if (kind === 'csv' || kind === 'xlsx') updates.push(result.progressUpdates);
        const where = importTimings(api.logs, result.id);
        timings.push(`run ${run} ${label}: ${where}`);
        log(
          `run ${run}: ${label} import ${fmt(rows / result.seconds)} rows/s (${result.seconds.toFixed(2)} s: ${where}), slowest /health ${result.maxHealthMs.toFixed(0)} ms, ${result.progressUpdates} progress readings, api RSS peak so far ${(sampler.peakKb / 1024).toFixed(0)} MB`,
        );
      }
    }
    sampler.stop();
    const rate = (seconds: number[], rows = options.rows): number => rows / median(seconds);
    const copyRate = rate(times.copy);
    const copyAllRate = rate(times.copyAll);
    const csvRate = rate(times.csv);
    const xlsxRate = rate(times.xlsx);
    const regionalQuarterRate = rate(times.regionalQuarter, quarter);
    const regionalRate = rate(times.regional);
    // 1.0 = linear: the time for N rows over 4× the time for N/4 (scaled when N is not a multiple of 4).
    const growth = median(times.regional) / ((median(times.regionalQuarter) * options.rows) / quarter);
    const peakRssMb = sampler.peakKb / 1024;
    const table: [string, number[], number][] = [
      ['COPY of the parsed rows (events + periods)', times.copy, copyRate],
      ['COPY of all an import writes (+ spend)', times.copyAll, copyAllRate],
      ['CSV import over HTTP (parse, stage, write)', times.csv, csvRate],
      ['XLSX import over HTTP', times.xlsx, xlsxRate],
      [`region × placement CSV, ${fmt(quarter)} rows`, times.regionalQuarter, regionalQuarterRate],
      [`region × placement CSV, ${fmt(options.rows)} rows`, times.regional, regionalRate],
    ];
    console.log(
      [
        '',
        `Import of ${fmt(options.rows)} Meta Ads rows (the sample's shape, one row per day × ad × age × gender), median of ${options.runs} runs;`,
        `and a Meta export by region × placement (${regionalShape} at ${fmt(options.rows)} rows; placements of a cell added together)`,
        `${'path'.padEnd(48)}${'rows/s'.padStart(10)}${'vs COPY'.padStart(10)}${'vs all'.padStart(9)}   runs (s)`,
        ...table.map(
          ([label, secs, r]) =>
            `${label.padEnd(48)}${fmt(r).padStart(10)}${`${Math.round((r / copyRate) * 100)}%`.padStart(10)}${`${Math.round((r / copyAllRate) * 100)}%`.padStart(9)}   ${secs.map((s) => s.toFixed(2)).join(' / ')}`,
        ),
        `region × placement: time for ${fmt(options.rows)} rows / (4 × time for ${fmt(quarter)} rows) = ${growth.toFixed(2)} (1.00 = linear)`,
        `slowest /health during imports: ${Math.max(...health).toFixed(0)} ms; progress readings per import (sample CSV, XLSX): ${updates.join(' / ')}`,
        `api RSS: ${idleRssMb.toFixed(0)} MB idle, ${peakRssMb.toFixed(0)} MB peak; machine load average at the end: ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} cores`,
        "Where the time went (the api's log):",
        ...timings.map((t) => `  ${t}`),
        'vs COPY: against COPY of events and periods only; vs all: against COPY of everything the import writes (events, periods,',
        'spend), pre-computed; the rollups are views over events. Imports also check for stored rows and mark cube days.',
        '',
      ].join('\n'),
    );
    console.log(
      JSON.stringify({
        rows: options.rows,
        copyRowsPerSec: Math.round(copyRate),
        copyAllRowsPerSec: Math.round(copyAllRate),
        csvRowsPerSec: Math.round(csvRate),
        xlsxRowsPerSec: Math.round(xlsxRate),
        ratioCsvToCopy: Number((csvRate / copyRate).toFixed(3)),
        ratioXlsxToCopy: Number((xlsxRate / copyRate).toFixed(3)),
        ratioCsvToCopyAll: Number((csvRate / copyAllRate).toFixed(3)),
        ratioXlsxToCopyAll: Number((xlsxRate / copyAllRate).toFixed(3)),
        regionalRowsPerSec: Math.round(regionalRate),
        regionalQuarterRowsPerSec: Math.round(regionalQuarterRate),
        regionalGrowth: Number(growth.toFixed(3)),
        maxHealthMs: Math.round(Math.max(...health)),
        apiPeakRssMb: Math.round(peakRssMb),
        loadAverage: Number((os.loadavg()[0] ?? 0).toFixed(1)),
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
