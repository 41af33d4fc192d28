/**
 * `npm run chaos [-- --kills 10 --restarts 5 --batch 6000 --budget 600 --seed 11]`
 *
 * A fault suite, on loopback only, against a PostgreSQL it starts and controls itself (embedded,
 * throwaway; the machine's own server is never touched) and the real api as a child process:
 *   (a) SIGKILLs the api at random moments while a client streams NDJSON batches and resends
 *       whatever was not acknowledged (the whole batch after a lost connection, the tail after
 *       lastCommittedLine on a 503), restarting the api each time;
 *   (b) restarts PostgreSQL (alternately fast and immediate, i.e. crash-like) during ingest;
 *   (c) has dashboards query summary, breakdown and timeseries throughout.
 * Then it checks that raw events, rollups, the cube and the summary route all hold exactly what
 * was sent (nothing lost, nothing counted twice) and that the api never exited on its own.
 * Prints the figures and, last, one JSON line. Exits 1 when a check fails or the budget is spent.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { ALL_CAMPAIGNS } from '../warehouse/cube/cube-grains.js';
import { cellKeySecret, type DisclosurePolicy } from '../warehouse/read/disclosure.js';
import { readOrgSettings } from '../warehouse/org-settings.js';
import { publishCounts } from '../analytics/engine/suppression.js';
import { API_KEY_PREFIX, hashApiKey } from '../api-keys/api-keys.service.js';
import { rng } from '../bench/bench-support.js';
import { freePort, startEmbeddedPostgres, type EmbeddedDatabase } from '../infra/database/embedded-postgres.js';

interface Options {
  kills: number;
  restarts: number;
  batch: number;
  budget: number;
  seed: number;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { kills: 10, restarts: 5, batch: 6_000, budget: 900, seed: 11 };
  for (let i = 0; i < argv.length; i += 2) {
    const name = (argv[i] ?? '').replace(/^--/, '');
    const value = Number(argv[i + 1]);
    if (!(name in options))
      throw new Error(`Unknown flag --${name}: use --kills, --restarts, --batch, --budget (s), --seed`);
    if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} needs a positive whole number`);
    options[name as keyof Options] = value;
  }
  return options;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const CAMPAIGNS = ['chaos-a', 'chaos-b', 'chaos-c'];
const TYPES = [...Array<string>(7).fill('impression'), 'click', 'click', 'like'];
const COLUMN: Record<string, 'impressions' | 'clicks' | 'likes'> = {
  impression: 'impressions',
  click: 'clicks',
  like: 'likes',
};
type Totals = Record<'events' | 'impressions' | 'clicks' | 'likes', number>;
const zero = (): Totals => ({ events: 0, impressions: 0, clicks: 0, likes: 0 });

/** Yesterday and the six days before it (UTC): inside retention, never in the future. */
const DAYS = Array.from({ length: 7 }, (_, i) =>
  new Date(Date.now() - (i + 1) * 86_400_000).toISOString().slice(0, 10),
);
const FROM = DAYS[DAYS.length - 1] ?? '';
const TO = DAYS[0] ?? '';

/** Batch n: deterministic lines (resending gives byte-identical events), tallied once into `sent`. */
function makeBatch(n: number, size: number, sent: Totals): string[] {
  const random = rng(n * 7_919 + 1);
  const lines: string[] = [];
  for (let i = 0; i < size; i++) {
    const type = TYPES[Math.floor(random() * TYPES.length)] ?? 'impression';
    const member = Math.floor(random() * 20_000);
    lines.push(
      JSON.stringify({
        eventId: `chaos-${n}-${i}`,
        occurredAt: `${DAYS[i % DAYS.length]}T${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00Z`,
        campaign: CAMPAIGNS[i % CAMPAIGNS.length],
        creative: `creative-${member % 4}`,
        platform: member % 2 === 0 ? 'instagram' : 'tiktok',
        type,
        memberId: `member-${member}`,
        ageBand: ['18-24', '25-34', '35-44'][member % 3],
        region: ['GB', 'US', 'IE', 'CA'][member % 4],
      }),
    );
    sent.events += 1;
    sent[COLUMN[type] ?? 'impressions'] += 1;
  }
  return lines;
}

interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown>;
}

function call(
  port: number,
  options: { method: string; path: string; key: string; body?: string },
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: options.method,
        path: options.path,
        headers: {
          authorization: `Bearer ${options.key}`,
          ...(options.body === undefined ? {} : { 'content-type': 'application/x-ndjson' }),
        },
        timeout: 120_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          let body: Record<string, unknown> = {};
          try {
            body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
          } catch {
            // Not JSON (a cut-off answer): the status is what counts.
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(options.body);
  });
}

/** The api as a child process, as in production; an exit not caused by this script is counted. */
class Api {
  child: ChildProcess | null = null;
  kills = 0;
  unexpectedExits = 0;
  unhandledLogLines = 0;
  restartSeconds: number[] = [];
  readonly tail: string[] = [];
  private expectExit = false;

  constructor(
    private readonly databaseUrl: string,
    readonly port: number,
  ) {}

  async start(): Promise<void> {
    const started = Date.now();
    const main = fileURLToPath(new URL('../main.js', import.meta.url));
    this.expectExit = false;
    const child = spawn(process.execPath, [main], {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        DATABASE_URL: this.databaseUrl,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        RESONANCE_SEED_DEMO: 'false',
        RESONANCE_DASHBOARD_DIR: 'none',
        RESONANCE_ADMIN_EMAIL: '',
        RESONANCE_ADMIN_PASSWORD: '',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const keep = (chunk: Buffer): void => {
      const text = chunk.toString();
      if (/unhandled|uncaught/i.test(text)) this.unhandledLogLines += 1;
      this.tail.push(text);
      if (this.tail.length > 100) this.tail.shift();
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.on('exit', (code, signal) => {
      if (this.child === child) this.child = null;
      if (this.expectExit) return;
      this.unexpectedExits += 1;
      console.error(`!! the api exited on its own (code ${code}, signal ${signal}):\n${this.tail.slice(-20).join('')}`);
      // Keep the run going so every figure is reported.
      void sleep(500).then(() => (this.child === null ? this.start() : undefined));
    });
    for (let i = 0; i < 1_200; i++) {
      if (this.child !== child) throw new Error(`the api exited while starting:\n${this.tail.join('')}`);
      if ((await this.health()) === 200) {
        this.restartSeconds.push((Date.now() - started) / 1000);
        return;
      }
      await sleep(100);
    }
    throw new Error(`the api did not become healthy:\n${this.tail.join('')}`);
  }

  health(): Promise<number> {
    return new Promise((resolve) => {
      const req = http.get({ host: '127.0.0.1', port: this.port, path: '/api/v1/health' }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', () => resolve(0));
    });
  }

  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.expectExit = true;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    this.kills += 1;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.expectExit = true;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(15_000)]);
  }
}

interface IngestStats {
  batches: number;
  requests: number;
  accepted: number;
  duplicates: number;
  connectionErrors: number;
  answers503: number;
  answers503WithoutRetryAfter: number;
  resentTails: number;
  otherAnswers: string[];
}

/** Streams batches, resending what was not acknowledged until each is answered 200. */
class Sender {
  readonly stats: IngestStats = {
    batches: 0,
    requests: 0,
    accepted: 0,
    duplicates: 0,
    connectionErrors: 0,
    answers503: 0,
    answers503WithoutRetryAfter: 0,
    resentTails: 0,
    otherAnswers: [],
  };
  readonly sent = zero();
  private next = 0;

  constructor(
    private readonly api: Api,
    private readonly key: string,
    private readonly batchSize: number,
    private readonly deadline: number,
  ) {}

  async runUntil(done: () => boolean): Promise<void> {
    while (!done()) await this.deliver();
  }

  async deliver(): Promise<void> {
    const lines = makeBatch(this.next++, this.batchSize, this.sent);
    let from = 0;
    for (;;) {
      if (Date.now() > this.deadline) throw new Error('the time budget ran out while a batch was unacknowledged');
      this.stats.requests += 1;
      let res: HttpAnswer;
      try {
        res = await call(this.api.port, {
          method: 'POST',
          path: '/api/v1/events',
          key: this.key,
          body: `${lines.slice(from).join('\n')}\n`,
        });
      } catch {
        // The api went away mid-request: nothing after the last acknowledgement is known to be stored.
        this.stats.connectionErrors += 1;
        await sleep(200);
        continue;
      }
      if (res.status === 200) {
        this.stats.accepted += Number(res.body['accepted']);
        this.stats.duplicates += Number(res.body['duplicates']);
        this.stats.batches += 1;
        return;
      }
      if (res.status === 503) {
        this.stats.answers503 += 1;
        const retryAfter = Number(res.headers['retry-after']);
        if (!Number.isFinite(retryAfter)) this.stats.answers503WithoutRetryAfter += 1;
        const details = res.body['details'] as { lastCommittedLine?: unknown; accepted?: unknown } | undefined;
        if (typeof details?.lastCommittedLine === 'number' && details.lastCommittedLine > 0) {
          // "rows up to line N are stored, resend from line N + 1"
          from += details.lastCommittedLine;
          this.stats.accepted += Number(details.accepted ?? 0);
          this.stats.resentTails += 1;
        }
        // Retry-After says 5 s; a second keeps the suite short and still waits for the database.
        await sleep(Math.min(Number.isFinite(retryAfter) ? retryAfter * 1000 : 1000, 1000));
        continue;
      }
      this.stats.otherAnswers.push(`${res.status} ${String(res.body['code'])}: ${String(res.body['message'])}`);
      await sleep(500);
    }
  }
}

interface QueryStats {
  ok: number;
  answers503: number;
  answers503WithoutRetryAfter: number;
  unreachable: number;
  other: string[];
}

/** Dashboards asking summary, breakdown and timeseries, two at a time, until stopped. */
async function dashboards(port: number, key: string, stop: { stopped: boolean }, stats: QueryStats): Promise<void> {
  const paths = [
    `/api/v1/analytics/summary?from=${FROM}&to=${TO}`,
    `/api/v1/analytics/breakdown?from=${FROM}&to=${TO}&by=platform`,
    `/api/v1/analytics/timeseries?from=${FROM}&to=${TO}&granularity=day`,
    `/api/v1/analytics/breakdown?from=${FROM}&to=${TO}&by=ageBand&campaign=chaos-a`,
  ];
  const worker = async (offset: number): Promise<void> => {
    for (let i = offset; !stop.stopped; i++) {
      try {
        const res = await call(port, { method: 'GET', path: paths[i % paths.length] ?? '', key });
        if (res.status === 200) stats.ok += 1;
        else if (res.status === 503) {
          stats.answers503 += 1;
          if (res.headers['retry-after'] === undefined) stats.answers503WithoutRetryAfter += 1;
        } else stats.other.push(`${res.status} ${String(res.body['code'])}: ${String(res.body['message'])}`);
      } catch {
        stats.unreachable += 1;
      }
      await sleep(100);
    }
  };
  await Promise.all([worker(0), worker(1)]);
}

async function setupTenant(url: string): Promise<{ orgId: string; key: string }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const org = await client.query<{ id: string }>(
      `INSERT INTO organizations (name, member_key_secret) VALUES ('Chaos', $1) RETURNING id::text AS id`,
      [randomBytes(32)],
    );
    const orgId = org.rows[0]?.id ?? '';
    for (const key of CAMPAIGNS) {
      await client.query(`INSERT INTO campaigns (org_id, key, name) VALUES ($1, $2, $2)`, [orgId, key]);
    }
    const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    await client.query(
      `INSERT INTO api_keys (org_id, name, prefix, key_hash, scopes) VALUES ($1, 'chaos', $2, $3, '{ingest,read}')`,
      [orgId, key.slice(0, 8), hashApiKey(key)],
    );
    return { orgId, key };
  } finally {
    await client.end();
  }
}

async function stored(
  url: string,
  orgId: string,
): Promise<{ raw: Totals; rollups: Totals; cube: Totals; policy: DisclosurePolicy }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (let i = 0; i < 300; i++) {
      const dirty = await client.query(`SELECT 1 FROM cube_dirty WHERE org_id = $1 AND pending LIMIT 1`, [orgId]);
      if (dirty.rowCount === 0) break;
      await sleep(200);
    }
    const q = async (sql: string): Promise<Totals> => {
      const row = (await client.query<Record<keyof Totals, string | null>>(sql, [orgId])).rows[0];
      return {
        events: Number(row?.events ?? 0),
        impressions: Number(row?.impressions ?? 0),
        clicks: Number(row?.clicks ?? 0),
        likes: Number(row?.likes ?? 0),
      };
    };
    const sums = 'sum(impressions) AS impressions, sum(clicks) AS clicks, sum(likes) AS likes';
    const settings = await readOrgSettings(client, orgId);
    if (!settings) throw new Error(`organisation ${orgId} not found`);
    return {
      policy: { threshold: settings.suppressionThreshold, cellKeySecret: cellKeySecret(settings.memberKeySecret) },
      raw: await q(
        `SELECT count(*) AS events, count(*) FILTER (WHERE type = 'impression') AS impressions,
                count(*) FILTER (WHERE type = 'click') AS clicks, count(*) FILTER (WHERE type = 'like') AS likes
           FROM events_all WHERE org_id = $1`,
      ),
      rollups: await q(`SELECT ${sums} FROM rollup_daily WHERE org_id = $1`),
      cube: await q(
        `SELECT ${sums} FROM cube_daily WHERE org_id = $1 AND grain = 'total' AND campaign_id = '${ALL_CAMPAIGNS}'`,
      ),
    };
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const deadline = started + options.budget * 1000;
  const random = rng(options.seed);
  const between = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo));
  const dataDir = path.join(os.tmpdir(), `resonance-chaos-${process.pid}-${Date.now()}`, 'pg');
  // Commits wait for their WAL write: a crash-like (immediate) restart must not lose acknowledged events.
  const db: EmbeddedDatabase = await startEmbeddedPostgres({
    dataDir,
    database: 'resonance_chaos',
    throwaway: true,
    crashSafeCommits: true,
  });
  const api = new Api(db.url, await freePort());
  const dbRestarts: { mode: string; downSeconds: number; apiRecoverySeconds: number }[] = [];
  const queryStats: QueryStats = { ok: 0, answers503: 0, answers503WithoutRetryAfter: 0, unreachable: 0, other: [] };
  const stop = { stopped: false };
  let failure: string | null = null;
  let sender: Sender | null = null;
  let check: Awaited<ReturnType<typeof stored>> | null = null;
  let summary: Totals | null = null;
  let calm: { seconds: number; ok: number; answers503: number; other: number } | null = null;
  try {
    await api.start();
    const { orgId, key } = await setupTenant(db.url);
    sender = new Sender(api, key, options.batch, deadline);
    const queries = dashboards(api.port, key, stop, queryStats);
    const s = sender;

    console.log(`(a) ${options.kills} SIGKILLs of the api during NDJSON ingest…`);
    const ingestA = s.runUntil(() => api.kills >= options.kills);
    while (api.kills < options.kills && Date.now() < deadline) {
      await sleep(between(300, 2_500));
      await api.kill();
      await api.start();
    }
    await ingestA;

    console.log(`(b) ${options.restarts} PostgreSQL restarts during ingest…`);
    const ingestB = s.runUntil(() => dbRestarts.length >= options.restarts);
    while (dbRestarts.length < options.restarts && Date.now() < deadline) {
      await sleep(between(500, 2_500));
      const mode = dbRestarts.length % 2 === 0 ? 'immediate' : 'fast';
      const down = Date.now();
      await db.halt(mode);
      await sleep(between(500, 2_000));
      await db.resume();
      const resumed = Date.now();
      // How long the api takes to serve again by itself (no restart of the api).
      while (Date.now() < deadline && (await api.health()) !== 200) await sleep(100);
      dbRestarts.push({
        mode,
        downSeconds: (resumed - down) / 1000,
        apiRecoverySeconds: (Date.now() - resumed) / 1000,
      });
    }
    await ingestB;

    console.log('(c) ingest with no faults while dashboards keep asking…');
    const before = { ...queryStats };
    const calmFrom = Date.now();
    for (let i = 0; i < 3 || Date.now() - calmFrom < 15_000; i++) await s.deliver();
    stop.stopped = true;
    await queries;
    calm = {
      seconds: Math.round((Date.now() - calmFrom) / 1000),
      ok: queryStats.ok - before.ok,
      answers503: queryStats.answers503 - before.answers503,
      other: queryStats.other.length - before.other.length,
    };

    const res = await call(api.port, { method: 'GET', path: `/api/v1/analytics/summary?from=${FROM}&to=${TO}`, key });
    const current = (res.body['current'] ?? {}) as Record<string, unknown>;
    check = await stored(db.url, orgId);
    // The route publishes counts under cell-key perturbation (±5, keyed by the exact counts): it holds
    // exactly what was sent when it shows the published form of what was sent, to the unit.
    const sentSoFar = sender?.sent ?? zero();
    const exact = {
      impressions: sentSoFar.impressions,
      engagements: sentSoFar.likes + sentSoFar.clicks,
      clicks: sentSoFar.clicks,
    };
    const published = publishCounts(
      check.policy,
      { ...exact, shares: 0, videoViews: 0, videoCompletions: 0, resourceClicks: 0 },
      exact,
    );
    const shown = (id: keyof typeof exact): number => Number(current[id]);
    const unpublish = (id: keyof typeof exact): number =>
      shown(id) === published[id] ? exact[id] : shown(id) - Number(published[id]) + exact[id];
    if (!Number.isFinite(shown('engagements')))
      console.error(`summary answered ${res.status}: ${JSON.stringify(res.body).slice(0, 500)}`);
    // The summary has no likes figure of its own: engagements = likes + clicks for these events.
    const likes = unpublish('engagements') - unpublish('clicks');
    summary = {
      events: unpublish('impressions') + unpublish('clicks') + likes,
      impressions: unpublish('impressions'),
      clicks: unpublish('clicks'),
      likes,
    };
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
  } finally {
    stop.stopped = true;
    await api.stop();
    await db.stop();
  }

  const sent = sender?.sent ?? zero();
  const stores = { raw: check?.raw, rollups: check?.rollups, cube: check?.cube, summaryRoute: summary ?? undefined };
  const metrics = ['impressions', 'clicks', 'likes'] as const;
  let lost = 0;
  let doubled = 0;
  for (const totals of Object.values(stores)) {
    if (!totals) continue;
    for (const m of metrics) {
      lost = Math.max(lost, sent[m] - totals[m]);
      doubled = Math.max(doubled, totals[m] - sent[m]);
    }
  }
  if (check) lost = Math.max(lost, sent.events - check.raw.events);
  const ingest = sender?.stats;
  const result = {
    ok:
      failure === null &&
      check !== null &&
      lost === 0 &&
      doubled === 0 &&
      api.unexpectedExits === 0 &&
      api.unhandledLogLines === 0 &&
      (ingest?.otherAnswers.length ?? 0) === 0 &&
      queryStats.other.length === 0 &&
      (ingest?.answers503WithoutRetryAfter ?? 0) + queryStats.answers503WithoutRetryAfter === 0,
    failure,
    seconds: Math.round((Date.now() - started) / 1000),
    apiKills: api.kills,
    databaseRestarts: dbRestarts.length,
    databaseRestartModes: dbRestarts.map((r) => r.mode),
    apiExitsOnItsOwn: api.unexpectedExits,
    unhandledErrorLogLines: api.unhandledLogLines,
    apiBootSecondsMax: Math.max(0, ...api.restartSeconds),
    eventsSent: sent.events,
    lost,
    doubled,
    sent,
    stores,
    ingest: ingest && { ...ingest, otherAnswers: ingest.otherAnswers.slice(0, 5) },
    dashboards: { ...queryStats, other: queryStats.other.slice(0, 5), withoutFaults: calm },
    databaseRestartFigures: dbRestarts,
  };
  console.log('');
  console.log(`api SIGKILLs ............ ${result.apiKills} (exits on its own: ${result.apiExitsOnItsOwn})`);
  console.log(`PostgreSQL restarts ..... ${result.databaseRestarts} (${result.databaseRestartModes.join(', ')})`);
  console.log(
    `events sent ............. ${sent.events} in ${ingest?.batches ?? 0} batches, ${ingest?.requests ?? 0} requests`,
  );
  console.log(
    `resends ................. ${ingest?.connectionErrors ?? 0} after a lost connection, ${ingest?.answers503 ?? 0} after a 503 (${ingest?.resentTails ?? 0} from lastCommittedLine)`,
  );
  console.log(
    `dashboard queries ....... ${queryStats.ok} ok, ${queryStats.answers503} × 503, ${queryStats.unreachable} unreachable (api killed), ${queryStats.other.length} other; without faults: ${calm?.ok ?? 0} ok, ${calm?.answers503 ?? 0} × 503 in ${calm?.seconds ?? 0} s`,
  );
  console.log(
    `api serving again after a database restart: ${dbRestarts.map((r) => `${r.apiRecoverySeconds.toFixed(1)} s`).join(', ')}`,
  );
  for (const [name, totals] of Object.entries(stores)) {
    if (totals)
      console.log(
        `${name.padEnd(24, ' ')}  impressions ${totals.impressions}, clicks ${totals.clicks}, likes ${totals.likes}`,
      );
  }
  console.log(`${'sent'.padEnd(24, ' ')}  impressions ${sent.impressions}, clicks ${sent.clicks}, likes ${sent.likes}`);
  console.log(
    `lost ${lost}, doubled ${doubled}; ${result.ok ? 'PASS' : `FAIL${failure ? `: ${failure}` : ''}`} in ${result.seconds} s`,
  );
  console.log(JSON.stringify(result));
  process.exit(result.ok ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
