/**
 * `npm run bench:live [-- --rate 2000 --seconds 30 --prefill 100000 --batch 500 --days 1]`
 *
 * Live reads while ingesting (issue 16, target 2). On a fresh database (as bench:ingest) boots the
 * real api as a child process, fills the last `--days` days (today included) with `--prefill` events
 * and waits for the background refresher to have the cube current (the catch-up time after a
 * backfill), then for `--seconds` ingests into today at `--rate` events/s over HTTP (JSON batches)
 * while a dashboard asks questions over today in a loop: the summary, age × gender, creatives and one
 * campaign's summary (cube questions; today is changed since its last build almost all the time, so
 * they read today's exact rows, see warehouse/cube/live-days.ts). Every 8th tick, once every batch
 * sent so far is acknowledged, a summary over today must include them all (read-your-writes: its
 * published impressions within the cell-key perturbation of the acknowledged impressions). Prints
 * ingest rate and latency, each question's p50/p95 and source, how far the cube lags after the last
 * event, and, last, one JSON line.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import http from 'node:http';
import pg from 'pg';
import { CELL_KEY_MAX_PERTURBATION } from '@resonance/analytics';
import { API_KEY_PREFIX, hashApiKey } from '../api-keys/api-keys.service.js';
import { ALL_CAMPAIGNS } from '../warehouse/cube/cube-grains.js';
import { freshDatabase, RssSampler, startApi } from './bench-harness.js';
import { percentile, rng } from './bench-support.js';

interface Options {
  rate: number;
  seconds: number;
  prefill: number;
  batch: number;
  days: number;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { rate: 2_000, seconds: 30, prefill: 100_000, batch: 500, days: 1 };
  for (let i = 0; i < argv.length; i += 2) {
    const name = (argv[i] ?? '').replace(/^--/, '') as keyof Options;
    const n = Number(argv[i + 1]);
    if (!(name in options))
      throw new Error(`Unknown flag ${argv[i]}: use --rate, --seconds, --prefill, --batch, --days`);
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} needs a whole number`);
    options[name] = n;
  }
  if (options.batch < 1 || options.batch > 10_000) throw new Error('--batch must be 1…10000');
  if (options.days < 1 || options.days > 365) throw new Error('--days must be 1…365');
  return options;
}

const CAMPAIGNS = 10;
const CREATIVES = 5;
const MEMBERS = 200_000;
const AGES = ['13-17', '18-24', '25-34', '35-44', '45-54', '55-64', '65+', 'unknown'];
const GENDERS = ['female', 'male', 'non_binary', 'unknown'];
const REGIONS = ['US', 'US', 'GB', 'CA', 'AU', 'DE'];
const PLATFORMS = ['instagram', 'tiktok', 'facebook', 'x', 'youtube'];
const TYPES = ['impression', 'impression', 'impression', 'impression', 'impression', 'view', 'like', 'click'];

function request(
  port: number,
  method: string,
  path: string,
  key: string,
  body?: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent,
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const log = (msg: string): void => console.error(msg);
  const db = await freshDatabase();
  let api: { child: ChildProcess; port: number; logs: string[] } | null = null;
  const client = new pg.Client({ connectionString: db.url });
  try {
    api = await startApi(db.url);
    const sampler = new RssSampler(api.child.pid ?? 0);
    sampler.start();
    await client.connect();
    const secret = randomBytes(32);
    const org = await client.query<{ id: string }>(
      `INSERT INTO organizations (name, member_key_secret) VALUES ('Live bench', $1) RETURNING id`,
      [secret],
    );
    const orgId = org.rows[0]?.id ?? '';
    for (let c = 0; c < CAMPAIGNS; c++) {
      const campaign = await client.query<{ id: string }>(
        `INSERT INTO campaigns (org_id, key, name) VALUES ($1, $2, $2) RETURNING id`,
        [orgId, `live-${c}`],
      );
      for (let k = 0; k < CREATIVES; k++) {
        await client.query(
          `INSERT INTO creatives (org_id, campaign_id, key, name, platform, format) VALUES ($1, $2, $3, $3, $4, 'short_video')`,
          [orgId, campaign.rows[0]?.id, `creative-${k}`, PLATFORMS[(c + k) % PLATFORMS.length]],
        );
      }
    }
    const newKey = async (scope: string): Promise<string> => {
      const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
      await client.query(
        `INSERT INTO api_keys (org_id, name, prefix, key_hash, scopes) VALUES ($1, $2, $3, $4, $5::text[])`,
        [orgId, `live ${scope} ${randomBytes(3).toString('hex')}`, key.slice(0, 8), hashApiKey(key), `{${scope}}`],
      );
      return key;
    };
    // The per-key budget is 600 requests a minute: a key per 500 requests.
    const ingestKeys: string[] = [];
    const batchesNeeded = Math.ceil((options.prefill + options.rate * options.seconds * 1.2) / options.batch);
    for (let i = 0; i < Math.ceil(batchesNeeded / 500) + 1; i++) ingestKeys.push(await newKey('ingest'));
    const readKeys: string[] = [];
    for (let i = 0; i < Math.ceil(options.seconds / 20) + 2; i++) readKeys.push(await newKey('read'));
    let ingestRequests = 0;
    let readRequests = 0;

    const random = rng(20261202);
    let seq = 0;
    const today = new Date().toISOString().slice(0, 10);
    /** n events (at the given day offset back from now), and how many of them are impressions. */
    const makeBatch = (n: number, daysBack = 0): { body: string; impressions: number } => {
      const events = [];
      const at = new Date(Date.now() - 5_000 - daysBack * 86_400_000).toISOString();
      let impressions = 0;
      for (let i = 0; i < n; i++) {
        const type = TYPES[Math.floor(random() * TYPES.length)] as string;
        if (type === 'impression') impressions++;
        const c = Math.floor(random() * CAMPAIGNS);
        const k = Math.floor(random() * CREATIVES);
        const m = Math.floor(random() ** 2 * MEMBERS);
        events.push({
          eventId: `live-${seq++}`,
          occurredAt: at,
          campaign: `live-${c}`,
          creative: `creative-${k}`,
          platform: PLATFORMS[(c + k) % PLATFORMS.length],
          type,
          memberId: `member-${m}`,
          ageBand: AGES[m % AGES.length],
          gender: GENDERS[(m >> 3) % GENDERS.length],
          region: REGIONS[(m >> 5) % REGIONS.length],
          language: 'en',
        });
      }
      return { body: JSON.stringify(events), impressions };
    };
    /** Impressions acknowledged into today (every event is new, so every one is accepted). */
    let acknowledgedToday = 0;
    const ingest = async (n: number, daysBack = 0): Promise<number> => {
      const started = performance.now();
      const key = ingestKeys[Math.floor(ingestRequests++ / 500)] ?? '';
      const batch = makeBatch(n, daysBack);
      const res = await request(api?.port ?? 0, 'POST', '/api/v1/events', key, batch.body);
      if (res.status !== 200) throw new Error(`ingest → ${res.status} ${res.body.slice(0, 300)}`);
      if (daysBack === 0) acknowledgedToday += batch.impressions;
      return performance.now() - started;
    };
    const ask = async (path: string): Promise<{ ms: number; body: Record<string, unknown> }> => {
      const started = performance.now();
      const key = readKeys[Math.floor(readRequests++ / 500)] ?? '';
      const res = await request(api?.port ?? 0, 'GET', path, key);
      const ms = performance.now() - started;
      if (res.status !== 200) throw new Error(`${path} → ${res.status} ${res.body.slice(0, 300)}`);
      return { ms, body: JSON.parse(res.body) as Record<string, unknown> };
    };
    const cubeTotal = async (): Promise<number> => {
      const r = await client.query<{ n: string }>(
        `SELECT coalesce(sum(impressions + views + likes + clicks), 0)::text AS n FROM cube_daily
          WHERE org_id = $1 AND grain = 'total' AND campaign_id = $2`,
        [orgId, ALL_CAMPAIGNS],
      );
      return Number(r.rows[0]?.n ?? 0);
    };

    /** Seconds from now until the background refresher has built every marked day (NaN after 10 min). */
    const cubeCurrentAfter = async (): Promise<number> => {
      const from = performance.now();
      for (;;) {
        const dirty = await client.query(`SELECT 1 FROM cube_dirty WHERE org_id = $1 AND pending LIMIT 1`, [orgId]);
        if (dirty.rowCount === 0) return (performance.now() - from) / 1000;
        if (performance.now() - from > 600_000) return NaN;
        await new Promise((r) => setTimeout(r, 100));
      }
    };

    log(
      `Prefilling ${options.days === 1 ? `today (${today})` : `the last ${options.days} days`} with ${options.prefill.toLocaleString('en')} events…`,
    );
    const prefillStarted = performance.now();
    for (let done = 0, chunk = 0; done < options.prefill; done += 5_000, chunk++) {
      await ingest(Math.min(5_000, options.prefill - done), chunk % options.days);
    }
    const prefillSeconds = (performance.now() - prefillStarted) / 1000;
    log('Waiting for the background refresher to build the cube…');
    const catchUpSeconds = await cubeCurrentAfter();
    const q = `from=${today}&to=${today}`;
    const questions: [string, string][] = [
      ['summary today', `/api/v1/analytics/summary?${q}`],
      ['breakdown age × gender today', `/api/v1/analytics/breakdown?${q}&by=ageBand,gender`],
      ['creatives today', `/api/v1/analytics/breakdown?${q}&by=creative`],
      ['campaign summary today', `/api/v1/analytics/summary?${q}&campaign=live-0`],
    ];
    for (const [, path] of questions) await ask(path); // warm-up (connections, sketch cache)

    log(
      `Ingesting ${options.rate.toLocaleString('en')} events/s into today for ${options.seconds} s while reading today…`,
    );
    const ingestTimes: number[] = [];
    const readTimes = new Map<string, number[]>(questions.map(([name]) => [name, []]));
    const sources = new Map<string, string>();
    let sent = 0;
    const ryw = { checked: 0, missing: 0 };
    const started = performance.now();
    const deadline = started + options.seconds * 1000;
    const perTick = Math.max(1, Math.round(options.rate / (1000 / 250))); // every 250 ms
    // Writer: a batch of the tick's events every 250 ms (split into --batch requests, two in flight).
    let writerSeconds = 0;
    const writer = (async () => {
      let tick = 0;
      while (performance.now() < deadline) {
        const due = started + tick * 250;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        tick++;
        const parts: number[] = [];
        for (let left = perTick; left > 0; left -= options.batch) parts.push(Math.min(options.batch, left));
        const times = await Promise.all(parts.map((n) => ingest(n)));
        ingestTimes.push(...times);
        sent += perTick;
        // Read-your-writes, every 8th tick (no write in flight): the answer holds every acknowledged impression.
        if (tick % 8 === 0) {
          const acknowledged = acknowledgedToday;
          const answer = await ask(`/api/v1/analytics/summary?${q}`);
          const published = Number((answer.body['current'] as { impressions?: unknown }).impressions);
          ryw.checked++;
          if (!(Math.abs(published - acknowledged) <= CELL_KEY_MAX_PERTURBATION)) ryw.missing++;
        }
      }
      writerSeconds = (performance.now() - started) / 1000;
    })();
    // Reader: the dashboard's questions over today, one after another.
    const reader = (async () => {
      while (performance.now() < deadline) {
        for (const [name, path] of questions) {
          const r = await ask(path);
          readTimes.get(name)?.push(r.ms);
          sources.set(name, String((r.body['meta'] as { source?: string } | undefined)?.source ?? '?'));
        }
      }
    })();
    await Promise.all([writer, reader]);
    // How long until the background refresher has the cube current without any question asking.
    const lagSeconds = await cubeCurrentAfter();
    // Every day marked at once, as a backfill faster than the refresher leaves them: the time to build
    // them all from a standing start (past days' builds a moment old wait for the refresher's busy-day pause).
    await client.query(
      `UPDATE cube_dirty SET version = version + 1, marked_at = now(), pending = true WHERE org_id = $1`,
      [orgId],
    );
    const rebuildAllSeconds = await cubeCurrentAfter();
    const [stored] = (
      await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM events_all WHERE org_id = $1`, [orgId])
    ).rows;
    const storedEvents = Number(stored?.n);
    const cube = await cubeTotal();
    sampler.stop();

    // The writer's own span (the reader may finish its last round of questions after it).
    const rate = sent / writerSeconds;
    console.log(
      `\nLive benchmark: ${options.prefill.toLocaleString('en')} events prefilled over ${options.days} day(s) in ${prefillSeconds.toFixed(0)} s ` +
        `(${Math.round(options.prefill / prefillSeconds).toLocaleString('en')} events/s); cube current ${catchUpSeconds.toFixed(1)} s after the last of them. ` +
        `Then ${sent.toLocaleString('en')} into today in ${writerSeconds.toFixed(1)} s`,
    );
    console.log(
      `Ingest: ${Math.round(rate).toLocaleString('en')} events/s (target ${options.rate.toLocaleString('en')}); request p50 ${percentile(ingestTimes, 50).toFixed(0)} ms, p95 ${percentile(ingestTimes, 95).toFixed(0)} ms`,
    );
    const pad = (s: string, n: number): string => s.padEnd(n);
    console.log(
      `\n${pad('question (today, while ingesting)', 34)}${'n'.padStart(6)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(9)}  source`,
    );
    for (const [name] of questions) {
      const t = readTimes.get(name) ?? [];
      console.log(
        `${pad(name, 34)}${String(t.length).padStart(6)}${percentile(t, 50).toFixed(1).padStart(9)}${percentile(t, 95).toFixed(1).padStart(9)}  ${sources.get(name)}`,
      );
    }
    console.log(
      `\nRead-your-writes: ${ryw.checked - ryw.missing} of ${ryw.checked} checks: today's summary held every acknowledged impression (within the ±${CELL_KEY_MAX_PERTURBATION} of the cell-key perturbation).`,
    );
    console.log(
      `Cube current ${lagSeconds.toFixed(1)} s after the last event (background refresher); stored events ${Number(stored?.n).toLocaleString('en')}, cube total (impressions+views+likes+clicks) ${cube.toLocaleString('en')}. api RSS peak ${(sampler.peakKb / 1024).toFixed(0)} MB.`,
    );
    console.log(
      `All ${options.days} day(s) marked at once (${storedEvents.toLocaleString('en')} events): cube current ${rebuildAllSeconds.toFixed(1)} s later ` +
        `(${Math.round(storedEvents / rebuildAllSeconds).toLocaleString('en')} events/s rebuilt).`,
    );
    const json: Record<string, unknown> = {
      rebuildAllSeconds: +rebuildAllSeconds.toFixed(1),
      prefill: options.prefill,
      prefillDays: options.days,
      prefillSeconds: +prefillSeconds.toFixed(1),
      catchUpSeconds: +catchUpSeconds.toFixed(1),
      targetRate: options.rate,
      eventsPerSec: Math.round(rate),
      ingestP50Ms: +percentile(ingestTimes, 50).toFixed(1),
      ingestP95Ms: +percentile(ingestTimes, 95).toFixed(1),
      readYourWritesChecks: ryw.checked,
      readYourWritesMissing: ryw.missing,
      cubeLagSeconds: +lagSeconds.toFixed(1),
      storedEvents: Number(stored?.n),
      cubeTotal: cube,
      apiRssPeakMb: Math.round(sampler.peakKb / 1024),
    };
    for (const [name] of questions) {
      const t = readTimes.get(name) ?? [];
      json[name.replace(/[^a-z0-9]+/gi, '_').replace(/_+$/, '')] = {
        n: t.length,
        p50: +percentile(t, 50).toFixed(1),
        p95: +percentile(t, 95).toFixed(1),
        source: sources.get(name),
      };
    }
    console.log(JSON.stringify(json));
  } finally {
    await client.end().catch(() => undefined);
    api?.child.kill('SIGTERM');
    agent.destroy();
    await db.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
