/**
 * `npm run bench:ingest [-- --events N --runs R --concurrency C]`
 *
 * On a fresh database (a new one on DATABASE_URL's server, else a throwaway embedded
 * PostgreSQL), boots the real api as a child process and measures, on the same synthetic
 * events: (a) raw COPY into an identically indexed scratch copy of `events` (the baseline),
 * (b) JSON batches of 5,000 over HTTP, a few in parallel, (c) one NDJSON stream over HTTP.
 * Each is repeated (median reported) into a fresh organisation, so every run writes new rows, after an
 * unmeasured warm-up round through every path (a running service has compiled its hot code long before).
 * Every path's input is written out before its clock starts (the load generator's work is not the
 * api's), and every path starts once the api's background refresher has built the cube days of the
 * paths before (for the HTTP paths, how long after their last event that took is reported). The api's resident memory is sampled from /proc throughout. At the end, the on-disk size
 * of everything the HTTP paths stored (raw events, indexes, rollups, reach rows, cube) per
 * stored event, after VACUUM. Prints a table and, last, one JSON line.
 */
import 'reflect-metadata';
import { createHmac, randomBytes } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import http from 'node:http';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { API_KEY_PREFIX, hashApiKey } from '../api-keys/api-keys.service.js';
import { defaultIngestThreads } from '../infra/config/app-config.js';
import { CpuMeter, freshDatabase, RssSampler, startApi } from './bench-harness.js';
import { rng } from './bench-support.js';

const PATHS = ['copy', 'json', 'ndjson'] as const;
/** The api's ingest threads in this run (RESONANCE_INGEST_THREADS reaches the api through the environment). */
const INGEST_THREADS = Number(process.env['RESONANCE_INGEST_THREADS'] || defaultIngestThreads());
type Path = (typeof PATHS)[number];

interface Options {
  events: number;
  runs: number;
  concurrency: number;
  batch: number;
  paths: Set<Path>;
}

type NumericOption = Exclude<keyof Options, 'paths'>;
const NUMERIC_OPTIONS: readonly NumericOption[] = ['events', 'runs', 'concurrency', 'batch'];

function parseArgs(argv: string[]): Options {
  const options: Options = { events: 500_000, runs: 3, concurrency: 4, batch: 5_000, paths: new Set(PATHS) };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] ?? '';
    const name = flag.replace(/^--/, '');
    const value = argv[i + 1] ?? '';
    i++;
    if (name === 'paths') {
      const chosen = value.split(',');
      if (!chosen.every((p): p is Path => (PATHS as readonly string[]).includes(p))) {
        throw new Error(`--paths takes a comma-separated list of ${PATHS.join(', ')}`);
      }
      if (!chosen.includes('copy'))
        throw new Error('--paths must include copy: the other rates are reported against it');
      options.paths = new Set(chosen);
    } else if ((NUMERIC_OPTIONS as readonly string[]).includes(name)) {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} needs a positive whole number`);
      options[name as NumericOption] = n;
    } else {
      throw new Error(
        `Unknown flag ${flag}: use --events N, --runs R, --concurrency C, --batch B, --paths copy,json,ndjson`,
      );
    }
  }
  if (options.batch > 10_000) throw new Error('--batch must be at most 10000 (the JSON request limit)');
  return options;
}

// ---------- deterministic synthetic events ----------

const CAMPAIGNS = 20;
const CREATIVES_PER_CAMPAIGN = 10;
const MEMBERS = 1_000_000;
const PLATFORM_WEIGHTS: [string, number][] = [
  ['instagram', 35],
  ['tiktok', 25],
  ['facebook', 20],
  ['x', 10],
  ['youtube', 10],
];
const TYPE_WEIGHTS: [string, number][] = [
  ['impression', 600],
  ['view', 150],
  ['like', 80],
  ['click', 50],
  ['video_view', 50],
  ['video_complete', 20],
  ['share', 15],
  ['resource_click', 10],
  ['save', 10],
  ['comment', 10],
  ['follow', 5],
];
const AGE_BANDS = ['13-17', '18-24', '25-34', '35-44', '45-54', '55-64', '65+', 'unknown'];
const GENDERS = ['female', 'male', 'non_binary', 'unknown'];
const REGIONS = [
  'US-CA',
  'US-NY',
  'US-TX',
  'US-FL',
  'US-IL',
  'GB-ENG',
  'GB-SCT',
  'GB-WLS',
  'CA-ON',
  'CA-BC',
  'AU-NSW',
  'AU-VIC',
  'IE',
  'NZ',
  'DE-BE',
  'FR-75',
  'ES-MD',
  'MX-CMX',
  'BR-SP',
  'IN-MH',
];
const LANGUAGES = ['en', 'en', 'en', 'en', 'es', 'fr', 'de', 'pt-BR'];
const MAY_2026 = Date.UTC(2026, 4, 1);
const THIRTY_DAYS_S = 30 * 24 * 3600;

function weighted(weights: [string, number][]): string[] {
  return weights.flatMap(([v, w]) => Array.from({ length: w }, () => v));
}
const TYPE_TABLE = weighted(TYPE_WEIGHTS);
const PLATFORM_TABLE = weighted(PLATFORM_WEIGHTS);

interface SynthEvent {
  eventId: string;
  occurredAt: string;
  campaign: string;
  creative: string;
  platform: string;
  type: string;
  memberId?: string;
  member: number;
  ageBand: string;
  gender: string;
  region: string;
  language: string;
}

const creativePlatform = (campaign: number, creative: number): string =>
  PLATFORM_TABLE[(campaign * 31 + creative * 17) % PLATFORM_TABLE.length] ?? 'other';

/** The same N events for every mode (only the id prefix differs, so each run stores new events). */
function* synthesise(count: number, idPrefix: string): Generator<SynthEvent> {
  const random = rng(20260501);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  for (let i = 0; i < count; i++) {
    const campaign = Math.floor(random() * CAMPAIGNS);
    const creative = Math.floor(random() * CREATIVES_PER_CAMPAIGN);
    // Skewed towards a core audience, as real followings are.
    const member = Math.floor(random() ** 2 * MEMBERS);
    const anonymous = random() < 0.1;
    yield {
      eventId: `${idPrefix}${i}`,
      // Arrival order follows time (a live stream or a sorted backfill), with ten minutes of jitter.
      occurredAt: new Date(MAY_2026 + Math.floor((i / count) * THIRTY_DAYS_S + random() * 600) * 1000).toISOString(),
      campaign: `campaign-${String(campaign).padStart(2, '0')}`,
      creative: `creative-${creative}`,
      platform: creativePlatform(campaign, creative),
      type: pick(TYPE_TABLE),
      ...(anonymous ? {} : { memberId: `member-${member}` }),
      member: anonymous ? -1 : member,
      // A member's dimensions are stable: derived from the member number.
      ageBand: AGE_BANDS[member % AGE_BANDS.length] ?? 'unknown',
      gender: GENDERS[(member >> 3) % GENDERS.length] ?? 'unknown',
      region: REGIONS[(member >> 5) % REGIONS.length] ?? 'US-CA',
      language: LANGUAGES[(member >> 7) % LANGUAGES.length] ?? 'en',
    };
  }
}

function wire(e: SynthEvent): string {
  const { member: _member, ...rest } = e;
  return JSON.stringify(rest);
}

// ---------- infrastructure ----------

interface Tenant {
  orgId: string;
  secret: Buffer;
  campaignIds: string[];
  creativeIds: string[][];
  keys: string[];
}

/** An organisation with its campaigns and creatives, and enough ingest keys to stay under the per-key rate limit. */
async function createTenant(client: pg.Client, label: string, keyCount: number): Promise<Tenant> {
  const secret = randomBytes(32);
  const org = await client.query<{ id: string }>(
    `INSERT INTO organizations (name, member_key_secret) VALUES ($1, $2) RETURNING id`,
    [`Bench ${label}`, secret],
  );
  const orgId = org.rows[0]?.id ?? '';
  const campaignIds: string[] = [];
  const creativeIds: string[][] = [];
  for (let c = 0; c < CAMPAIGNS; c++) {
    const key = `campaign-${String(c).padStart(2, '0')}`;
    const campaign = await client.query<{ id: string }>(
      `INSERT INTO campaigns (org_id, key, name, starts_on, ends_on) VALUES ($1, $2, $2, '2026-05-01', '2026-05-30') RETURNING id`,
      [orgId, key],
    );
    const campaignId = campaign.rows[0]?.id ?? '';
    campaignIds.push(campaignId);
    const ids: string[] = [];
    for (let k = 0; k < CREATIVES_PER_CAMPAIGN; k++) {
      const creative = await client.query<{ id: string }>(
        `INSERT INTO creatives (org_id, campaign_id, key, name, platform, format) VALUES ($1, $2, $3, $3, $4, 'short_video') RETURNING id`,
        [orgId, campaignId, `creative-${k}`, creativePlatform(c, k)],
      );
      ids.push(creative.rows[0]?.id ?? '');
    }
    creativeIds.push(ids);
  }
  const keys: string[] = [];
  for (let i = 0; i < keyCount; i++) {
    const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    await client.query(
      `INSERT INTO api_keys (org_id, name, prefix, key_hash, scopes) VALUES ($1, $2, $3, $4, '{ingest}')`,
      [orgId, `bench ${i}`, key.slice(0, 8), hashApiKey(key)],
    );
    keys.push(key);
  }
  return { orgId, secret, campaignIds, creativeIds, keys };
}

// ---------- the three measured paths ----------

const EVENT_COLUMNS =
  'org_id, event_id, occurred_at, day, campaign_id, creative_id, platform, type, member_hash, age_band, gender, region, language, count';

async function runCopy(
  client: pg.Client,
  tenant: Tenant,
  options: Options,
  prefix: string,
  cpu: CpuMeter,
): Promise<{ seconds: number; cpu: CpuPerEvent }> {
  // Member hashes are computed before the clock starts: the baseline measures the database.
  const hashes = new Map<number, string>();
  for (const e of synthesise(options.events, prefix)) {
    if (e.member >= 0 && !hashes.has(e.member)) {
      hashes.set(
        e.member,
        createHmac('sha256', tenant.secret).update(`member-${e.member}`).digest().readBigInt64BE(0).toString(),
      );
    }
  }
  // The rows are written out before the clock starts too (as the HTTP paths' bodies are).
  const chunks: string[] = [];
  let buffer = '';
  for (const e of synthesise(options.events, prefix)) {
    const c = Number(e.campaign.slice(-2));
    const k = Number(e.creative.slice(9));
    const hash = e.member >= 0 ? (hashes.get(e.member) ?? '\\N') : '\\N';
    buffer += `${tenant.orgId}\t${e.eventId}\t${e.occurredAt}\t${e.occurredAt.slice(0, 10)}\t${tenant.campaignIds[c]}\t${tenant.creativeIds[c]?.[k]}\t${e.platform}\t${e.type}\t${hash}\t${e.ageBand}\t${e.gender}\t${e.region}\t${e.language}\t1\n`;
    if (buffer.length > 256 * 1024) {
      chunks.push(buffer);
      buffer = '';
    }
  }
  chunks.push(buffer);
  await cpu.begin();
  const started = process.hrtime.bigint();
  const stream = client.query(copyFrom(`COPY bench_copy_events (${EVENT_COLUMNS}) FROM STDIN`));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  for (const chunk of chunks) {
    if (!stream.write(chunk)) await new Promise((r) => stream.once('drain', r));
  }
  stream.end();
  await done;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { seconds, cpu: await cpu.perItem(options.events) };
}

function post(
  port: number,
  key: string,
  contentType: string,
  write: (req: http.ClientRequest) => Promise<void>,
  agent: http.Agent,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/v1/events',
        agent,
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': contentType },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      },
    );
    req.on('error', reject);
    write(req).then(
      () => req.end(),
      (error: unknown) => req.destroy(error as Error),
    );
  });
}

/** CPU µs per event while a path ran: the api's, the database backends' (null where not on this machine), the load generator's. */
type CpuPerEvent = Awaited<ReturnType<CpuMeter['perItem']>>;

interface Totals {
  accepted: number;
  duplicates: number;
  rejected: number;
}

async function runJson(
  port: number,
  tenant: Tenant,
  options: Options,
  prefix: string,
  cpu: CpuMeter,
): Promise<{ seconds: number; totals: Totals; cpu: CpuPerEvent }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  const totals: Totals = { accepted: 0, duplicates: 0, rejected: 0 };
  let requestNo = 0;
  // Every body is written before the clock starts: the load generator's JSON is not the api's work.
  const bodies: string[] = [];
  let rows: string[] = [];
  for (const e of synthesise(options.events, prefix)) {
    rows.push(wire(e));
    if (rows.length === options.batch) {
      bodies.push(`[${rows.join(',')}]`);
      rows = [];
    }
  }
  if (rows.length > 0) bodies.push(`[${rows.join(',')}]`);
  let nextBody = 0;
  const nextBatch = (): string | null => bodies[nextBody++] ?? null;
  await cpu.begin();
  const started = process.hrtime.bigint();
  const worker = async (): Promise<void> => {
    for (let body = nextBatch(); body !== null; body = nextBatch()) {
      const key = tenant.keys[Math.floor(requestNo++ / KEY_REQUESTS)] ?? '';
      const payload = body;
      const res = await post(port, key, 'application/json', async (req) => void req.write(payload), agent);
      if (res.status !== 200) throw new Error(`JSON batch answered ${res.status}: ${res.body.slice(0, 500)}`);
      const answer = JSON.parse(res.body) as Totals;
      totals.accepted += answer.accepted;
      totals.duplicates += answer.duplicates;
      totals.rejected += answer.rejected;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, () => worker()));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  agent.destroy();
  return { seconds, totals, cpu: await cpu.perItem(options.events) };
}

async function runNdjson(
  port: number,
  tenant: Tenant,
  options: Options,
  prefix: string,
  cpu: CpuMeter,
): Promise<{ seconds: number; totals: Totals; cpu: CpuPerEvent }> {
  const agent = new http.Agent({ keepAlive: false });
  // The stream's text is written before the clock starts, as the other paths' input is.
  const chunks: string[] = [];
  let buffer = '';
  for (const e of synthesise(options.events, prefix)) {
    buffer += `${wire(e)}\n`;
    if (buffer.length > 64 * 1024) {
      chunks.push(buffer);
      buffer = '';
    }
  }
  chunks.push(buffer);
  await cpu.begin();
  const started = process.hrtime.bigint();
  const res = await post(
    port,
    tenant.keys[0] ?? '',
    'application/x-ndjson',
    async (req) => {
      for (const chunk of chunks) {
        if (!req.write(chunk)) await new Promise((r) => req.once('drain', r));
      }
    },
    agent,
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = await cpu.perItem(options.events);
  if (res.status !== 200) throw new Error(`NDJSON stream answered ${res.status}: ${res.body.slice(0, 500)}`);
  return { seconds, totals: JSON.parse(res.body) as Totals, cpu: used };
}

/** A CPU reading as text: `api 9.1, database 6.2, load generator 0.8 µs/event`. */
function cpuText(c: CpuPerEvent): string {
  const part = (label: string, v: number | null): string => `${label} ${v === null ? 'n/a' : v.toFixed(1)}`;
  return `CPU ${part('api', c.api)}, ${part('database', c.db)}, ${part('load generator', c.loadGenerator)} µs/event`;
}

/** The median of each part of several CPU readings. */
function medianCpu(list: CpuPerEvent[]): CpuPerEvent {
  const of = (pick: (c: CpuPerEvent) => number | null): number | null => {
    const values = list.map(pick).filter((v): v is number => v !== null);
    return values.length === 0 ? null : median(values);
  };
  return { api: of((c) => c.api), db: of((c) => c.db), loadGenerator: of((c) => c.loadGenerator) ?? 0 };
}

// ---------- the cube's background builds ----------

/** The longest the bench waits for the api's background refresher to build what a path marked. */
const SETTLE_TIMEOUT_S = 600;

/**
 * Waits until no day is marked for the cube (the api's background refresher has built every day
 * written so far) and returns how long that took. Every path starts on a settled database, so no path
 * is timed while builds of another path's days run beside it.
 */
async function cubeSettled(client: pg.Client): Promise<number> {
  const started = performance.now();
  for (;;) {
    const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM cube_dirty WHERE pending');
    if ((rows[0]?.n ?? 0) === 0) return (performance.now() - started) / 1000;
    if (performance.now() - started > SETTLE_TIMEOUT_S * 1000) {
      throw new Error(`the cube still had ${rows[0]?.n} marked days ${SETTLE_TIMEOUT_S} s after the last write`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

// ---------- storage ----------

/**
 * Every table an HTTP ingest writes or the cube builds from it (the rollups and reach_daily are views over
 * events: nothing stored); `bench_copy_events` is the baseline's, not counted.
 */
const STORED_TABLES = ['events', 'events_packed', 'cube_daily', 'cube_days', 'cube_dirty'] as const;

/** Bytes on disk (heap, TOAST and indexes) per stored event, per table and all-in, after VACUUM. */
async function storage(
  client: pg.Client,
): Promise<{ events: number; perEvent: Record<string, number>; total: number }> {
  const present = await client.query<{ relname: string }>(
    `SELECT relname FROM pg_class WHERE relkind IN ('r', 'p') AND relname = ANY($1::text[])`,
    [STORED_TABLES],
  );
  const tables = STORED_TABLES.filter((t) => present.rows.some((r) => r.relname === t));
  for (const table of tables) await client.query(`VACUUM ANALYZE ${table}`);
  const counted = await client.query<{ n: string }>('SELECT count(*) AS n FROM events_all');
  const events = Number(counted.rows[0]?.n ?? 0);
  const perEvent: Record<string, number> = {};
  let total = 0;
  for (const table of tables) {
    const size = await client.query<{ bytes: string }>('SELECT pg_total_relation_size($1::regclass) AS bytes', [table]);
    const bytes = Number(size.rows[0]?.bytes ?? 0);
    total += bytes;
    perEvent[table] = events === 0 ? 0 : Math.round(bytes / events);
  }
  return { events, perEvent, total: events === 0 ? 0 : Math.round(total / events) };
}

// ---------- report ----------

/** Events through each path before the measured runs (warm-up, not measured). */
const WARM_UP_EVENTS = 20_000;

/** Requests per key before the next key is used: the per-key ingest budget is 600 a minute. */
const KEY_REQUESTS = 500;

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};
const fmt = (n: number): string => Math.round(n).toLocaleString('en');

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const log = (msg: string): void => void process.stderr.write(`${msg}\n`);
  log(
    `Ingest benchmark: ${fmt(options.events)} events × ${options.runs} runs per path (JSON batches of ${options.batch}, ${options.concurrency} in parallel; api ingest threads: ${INGEST_THREADS})`,
  );
  const db = await freshDatabase();
  let api: { child: ChildProcess; port: number; logs: string[] } | null = null;
  const client = new pg.Client({ connectionString: db.url });
  try {
    api = await startApi(db.url);
    const sampler = new RssSampler(api.child.pid ?? 0);
    const idleRssMb = sampler.sample() / 1024;
    sampler.start();
    await client.connect();
    const meter = new CpuMeter(api.child.pid ?? 0, client);
    await client.query('CREATE TABLE bench_copy_events (LIKE events INCLUDING ALL)');
    const indexes = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_indexes WHERE tablename = 'events'`,
    );
    const keyCount = Math.ceil(Math.ceil(options.events / options.batch) / KEY_REQUESTS);

    // A warm-up round, not measured: the api's first requests run code not yet compiled by V8's
    // optimising compiler and start its ingest thread, which a running service has done long before.
    const warmEvents = Math.min(options.events, WARM_UP_EVENTS);
    const warmOptions = { ...options, events: warmEvents };
    await runCopy(client, await createTenant(client, 'warm-up copy', 1), warmOptions, 'wc-', meter);
    if (options.paths.has('json')) {
      await runJson(api.port, await createTenant(client, 'warm-up json', keyCount), warmOptions, 'wj-', meter);
    }
    if (options.paths.has('ndjson')) {
      await runNdjson(api.port, await createTenant(client, 'warm-up ndjson', 1), warmOptions, 'wn-', meter);
    }
    log(`warm-up: ${fmt(warmEvents)} events through each path (not measured)`);

    const times = { copy: [] as number[], json: [] as number[], ndjson: [] as number[] };
    const cpu = { copy: [] as CpuPerEvent[], json: [] as CpuPerEvent[], ndjson: [] as CpuPerEvent[] };
    /** Per HTTP path and run: seconds from its last acknowledged event until the cube held every day it wrote. */
    const cubeAfter = { json: [] as number[], ndjson: [] as number[] };
    const ndjsonPeaks: number[] = [];
    for (let run = 1; run <= options.runs; run++) {
      await cubeSettled(client);
      const copyTenant = await createTenant(client, `copy ${run}`, 1);
      const copied = await runCopy(client, copyTenant, options, `c${run}-`, meter);
      times.copy.push(copied.seconds);
      cpu.copy.push(copied.cpu);
      log(`run ${run}: COPY ${fmt(options.events / copied.seconds)} rows/s (${cpuText(copied.cpu)})`);

      if (options.paths.has('json')) {
        const jsonTenant = await createTenant(client, `json ${run}`, keyCount);
        const json = await runJson(api.port, jsonTenant, options, `j${run}-`, meter);
        if (json.totals.accepted !== options.events) {
          throw new Error(`JSON stored ${json.totals.accepted} of ${options.events}`);
        }
        times.json.push(json.seconds);
        cpu.json.push(json.cpu);
        cubeAfter.json.push(await cubeSettled(client));
        log(
          `run ${run}: JSON ${fmt(options.events / json.seconds)} rows/s (${cpuText(json.cpu)}), cube complete ${(cubeAfter.json.at(-1) ?? 0).toFixed(1)} s later`,
        );
      }

      if (options.paths.has('ndjson')) {
        const ndjsonTenant = await createTenant(client, `ndjson ${run}`, 1);
        sampler.peakKb = 0;
        log(`run ${run}: api RSS before NDJSON ${(sampler.sample() / 1024).toFixed(0)} MB`);
        const ndjson = await runNdjson(api.port, ndjsonTenant, options, `n${run}-`, meter);
        ndjsonPeaks.push(sampler.peakKb / 1024);
        const streamPeakMb = sampler.peakKb / 1024;
        if (ndjson.totals.accepted !== options.events) {
          throw new Error(`NDJSON stored ${ndjson.totals.accepted} of ${options.events}`);
        }
        times.ndjson.push(ndjson.seconds);
        cpu.ndjson.push(ndjson.cpu);
        cubeAfter.ndjson.push(await cubeSettled(client));
        log(
          `run ${run}: NDJSON ${fmt(options.events / ndjson.seconds)} rows/s (${cpuText(ndjson.cpu)}), api RSS peak ${streamPeakMb.toFixed(0)} MB (${(sampler.peakKb / 1024).toFixed(0)} MB with the builds after it), cube complete ${(cubeAfter.ndjson.at(-1) ?? 0).toFixed(1)} s later`,
        );
      }
    }
    sampler.stop();
    // The whole run's peak: every path, and the cube builds after each.
    const peakRssMb = sampler.maxKb / 1024;
    const stored = await storage(client);

    const rate = (seconds: number[]): number => (seconds.length === 0 ? 0 : options.events / median(seconds));
    const copyRate = rate(times.copy);
    const jsonRate = rate(times.json);
    const ndjsonRate = rate(times.ndjson);
    /**
     * Each run's rate against the COPY of the same run (COPY ran just before it), the median of those:
     * the machine's load drifts between runs, and this pairs each path with the baseline it ran beside.
     */
    const paired = (seconds: number[]): number | null =>
      seconds.length === 0 ? null : median(seconds.map((s, i) => (times.copy[i] ?? s) / s));
    const pairedText = (seconds: number[]): string => {
      const ratio = paired(seconds);
      return ratio === null ? '' : `${Math.round(ratio * 100)}%`;
    };
    const rows: [string, number[], number][] = [
      [`raw COPY into events copy (${indexes.rows[0]?.n ?? '?'} index)`, times.copy, copyRate],
      [`HTTP JSON, ${options.batch}/request ×${options.concurrency}`, times.json, jsonRate],
      ['HTTP NDJSON, one stream', times.ndjson, ndjsonRate],
    ].filter(([, secs]) => (secs as number[]).length > 0) as [string, number[], number][];
    const lines = [
      '',
      `Ingest of ${fmt(options.events)} events (${CAMPAIGNS} campaigns, ${CAMPAIGNS * CREATIVES_PER_CAMPAIGN} creatives, ~${fmt(MEMBERS)} members), median of ${options.runs} runs`,
      `${'path'.padEnd(44)}${'rows/s'.padStart(12)}${'vs COPY'.padStart(10)}${'paired'.padStart(9)}   runs (s)`,
      ...rows.map(
        ([label, secs, r]) =>
          `${label.padEnd(44)}${fmt(r).padStart(12)}${`${Math.round((r / copyRate) * 100)}%`.padStart(10)}${pairedText(secs).padStart(9)}   ${secs.map((s) => s.toFixed(2)).join(' / ')}`,
      ),
      "vs COPY: the path's median rate against COPY's; paired: the median of each run's rate against the COPY run just before it",
      `a warm-up round of ${fmt(warmEvents)} events went through each path first (not measured)`,
      `api RSS: ${idleRssMb.toFixed(0)} MB idle, ${peakRssMb.toFixed(0)} MB peak over the whole run, cube builds included (NDJSON runs: ${ndjsonPeaks.map((p) => p.toFixed(0)).join(' / ')} MB)`,
      `CPU per event while each path ran (medians; µs): ${(['copy', 'json', 'ndjson'] as const)
        .filter((p) => cpu[p].length > 0)
        .map((p) => `${p} ${cpuText(medianCpu(cpu[p]))}`)
        .join('; ')}`,
      "HTTP paths write raw events (COPY) and their days' cube marks in one transaction per batch (the rollups are views); the baseline COPY writes raw events only.",
      `the cube held every day written ${cubeAfter.json.length > 0 ? `${median(cubeAfter.json).toFixed(1)} s after a JSON run` : ''}${cubeAfter.json.length > 0 && cubeAfter.ndjson.length > 0 ? ', ' : ''}${cubeAfter.ndjson.length > 0 ? `${median(cubeAfter.ndjson).toFixed(1)} s after an NDJSON run` : ''} (median; the api builds a day once its writes pause); every path starts with the cube complete, and all input is written out before its clock starts`,
      `storage after VACUUM, ${fmt(stored.events)} events stored over HTTP: ${stored.total} B/event all-in (${Object.entries(
        stored.perEvent,
      )
        .map(([table, bytes]) => `${table} ${bytes}`)
        .join(', ')})`,
      '',
    ];
    console.log(lines.join('\n'));
    console.log(
      JSON.stringify({
        copyRowsPerSec: Math.round(copyRate),
        jsonRowsPerSec: Math.round(jsonRate),
        ndjsonRowsPerSec: Math.round(ndjsonRate),
        ratioJsonToCopy: Number((jsonRate / copyRate).toFixed(3)),
        ratioNdjsonToCopy: Number((ndjsonRate / copyRate).toFixed(3)),
        pairedRatioJsonToCopy: Number((paired(times.json) ?? 0).toFixed(3)),
        pairedRatioNdjsonToCopy: Number((paired(times.ndjson) ?? 0).toFixed(3)),
        ingestThreads: INGEST_THREADS,
        apiPeakRssMb: Math.round(peakRssMb),
        cubeCompleteAfterJsonSeconds: cubeAfter.json.length > 0 ? Number(median(cubeAfter.json).toFixed(1)) : null,
        cubeCompleteAfterNdjsonSeconds:
          cubeAfter.ndjson.length > 0 ? Number(median(cubeAfter.ndjson).toFixed(1)) : null,
        cpuMicrosPerEvent: {
          copy: medianCpu(cpu.copy),
          json: medianCpu(cpu.json),
          ndjson: medianCpu(cpu.ndjson),
        },
        storageBytesPerEvent: stored.total,
        storageBytesPerEventByTable: stored.perEvent,
        events: options.events,
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
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
