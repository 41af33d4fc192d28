import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { NestExpressApplication } from '@nestjs/platform-express';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { AccountsService } from '../accounts/accounts.service.js';
import { ApiKeysService } from '../api-keys/api-keys.service.js';
import { CubeBuilder } from '../warehouse/cube/cube-builder.js';
import { FirstRunService } from '../bootstrap/first-run.service.js';
import { createApp } from '../create-app.js';
import { parseConfig } from '../infra/config/app-config.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../infra/database/embedded-postgres.js';
import { pgPool } from '../infra/database/pg-transaction.js';
import { memberHash } from '../ingest/member-key.js';
import { writeEvents, type StoredEvent } from '../warehouse/events/event-writer.js';
import { percentile, rng } from './bench-support.js';
import { readOrgSettings } from '../warehouse/org-settings.js';
import { catalogueObservanceId } from '../planning/catalogue-ids.js';
import { SegmentsService } from '../segments/segments.service.js';
import { compactEvents, maintainIndexes } from '../warehouse/retention/index-maintenance.js';
import { EventPacker } from '../warehouse/events/event-packer.service.js';

/**
 * `npm run bench:query [-- --events 10000000]`: analytics routes over HTTP against a generated
 * organisation (20 campaigns, 200 creatives, ~1M members, 90 days), warm p50/p95 and the first
 * (cold) run after a database restart, next to the same questions answered by SQL on the raw
 * events table in the same run. Prints a table, then one JSON line.
 */

const CAMPAIGNS = 20;
const CREATIVES_PER_CAMPAIGN = 10;
const DAYS = 90;
const END_DAY = Date.UTC(2026, 9, 31); // the 90 days end on 2026-10-31
const START_MS = END_DAY - (DAYS - 1) * 86_400_000;
const AGE_BANDS = ['13-17', '18-24', '25-34', '35-44', '45-54', '55-64', '65+', 'unknown'];
const GENDERS = ['female', 'male', 'non_binary', 'unknown'];
const REGIONS = ['US', 'US', 'US', 'GB', 'GB', 'CA', 'AU', 'IE', 'NZ', 'DE', 'IN', 'ZA'];
const LANGUAGES = ['en', 'en', 'en', 'en', 'es', 'fr'];
const PLATFORMS = ['instagram', 'tiktok', 'facebook', 'x', 'youtube'];
// Impressions dominate, as on every platform.
const TYPES: [string, number][] = [
  ['impression', 70],
  ['view', 6],
  ['video_view', 8],
  ['video_complete', 3],
  ['like', 6],
  ['comment', 1],
  ['share', 1],
  ['save', 1],
  ['click', 2],
  ['resource_click', 1],
  ['follow', 1],
];
const TYPE_TABLE = TYPES.flatMap(([t, w]) => Array.from({ length: w }, () => t));

interface Dataset {
  campaignIds: string[];
  creativeIds: string[][];
  members: number;
}

async function generate(
  dataSource: DataSource,
  orgId: string,
  secret: Buffer,
  events: number,
  log: (msg: string) => void,
): Promise<Dataset> {
  const members = Math.min(1_000_000, Math.max(1000, Math.round(events / 10)));
  const campaignIds: string[] = [];
  const creativeIds: string[][] = [];
  for (let c = 0; c < CAMPAIGNS; c++) {
    const [campaign] = await dataSource.query(
      `INSERT INTO campaigns (org_id, key, name, starts_on, ends_on) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [
        orgId,
        `bench-${c}`,
        `Benchmark campaign ${c}`,
        new Date(START_MS).toISOString().slice(0, 10),
        new Date(END_DAY).toISOString().slice(0, 10),
      ],
    );
    campaignIds.push(campaign.id);
    const ids: string[] = [];
    for (let k = 0; k < CREATIVES_PER_CAMPAIGN; k++) {
      const [creative] = await dataSource.query(
        `INSERT INTO creatives (org_id, campaign_id, key, name, platform, format) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [
          orgId,
          campaign.id,
          `creative-${k}`,
          `Creative ${c}.${k}`,
          PLATFORMS[(c + k) % PLATFORMS.length],
          k % 2 ? 'short_video' : 'article',
        ],
      );
      ids.push(creative.id);
    }
    creativeIds.push(ids);
  }
  const hashes = Array.from({ length: members }, (_, m) => memberHash(secret, `bench-member-${m}`));
  const random = rng(20261031);
  const pool = pgPool(dataSource);
  const chunk = 20_000;
  const started = performance.now();
  let written = 0;
  const writeChunk = async (batch: StoredEvent[]): Promise<void> => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await writeEvents(client, { orgId, timeZone: 'UTC', events: batch });
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  };
  // Arrival order follows time, as a live stream does; two writers at once.
  const inFlight: Promise<void>[] = [];
  for (let start = 0; start < events; start += chunk) {
    const batch: StoredEvent[] = [];
    for (let i = start; i < Math.min(events, start + chunk); i++) {
      const c = Math.floor(random() * random() * CAMPAIGNS);
      const k = Math.floor(random() * CREATIVES_PER_CAMPAIGN);
      const m = Math.floor(random() ** 2 * members);
      batch.push({
        eventId: `b${i}`,
        occurredAt: new Date(START_MS + Math.floor((i / events) * DAYS * 86_400_000)).toISOString(),
        campaignId: campaignIds[c] ?? '',
        creativeId: creativeIds[c]?.[k] ?? '',
        platform: PLATFORMS[(c + k) % PLATFORMS.length] ?? 'other',
        type: TYPE_TABLE[Math.floor(random() * TYPE_TABLE.length)] ?? 'impression',
        memberHash: hashes[m] ?? null,
        ageBand: AGE_BANDS[m % AGE_BANDS.length] ?? 'unknown',
        gender: GENDERS[(m >> 3) % GENDERS.length] ?? 'unknown',
        region: REGIONS[(m >> 5) % REGIONS.length] ?? 'US',
        language: LANGUAGES[(m >> 7) % LANGUAGES.length] ?? 'en',
        count: 1,
        importId: null,
      });
    }
    inFlight.push(writeChunk(batch));
    if (inFlight.length >= 2) await inFlight.shift();
    written += batch.length;
    if (written % 1_000_000 < chunk) {
      log(
        `  ${written.toLocaleString('en')} events (${Math.round(written / ((performance.now() - started) / 1000)).toLocaleString('en')}/s)`,
      );
    }
  }
  await Promise.all(inFlight);
  return { campaignIds, creativeIds, members };
}

interface RouteCase {
  name: string;
  path: string;
  rawSql: string;
  rawParams: unknown[];
}

/** Which store answered: analytics routes say it in meta.source, planning routes in source. */
function sourceOf(body: unknown): string {
  const b = body as { meta?: { source?: string }; source?: string | null } | undefined;
  return b?.meta?.source ?? b?.source ?? '?';
}

async function timeFetch(url: string, key: string): Promise<{ ms: number; body: unknown }> {
  const started = performance.now();
  const res = await fetch(url, { headers: { authorization: `Bearer ${key}` } });
  // Exports answer with a file: timed to the last byte; its source is the file type.
  const json = (res.headers.get('content-type') ?? '').includes('json');
  const body: unknown = json ? await res.json() : { source: `file (${(await res.text()).length} chars)` };
  const ms = performance.now() - started;
  if (!res.ok) throw new Error(`${url} → ${res.status} ${JSON.stringify(body)}`);
  return { ms, body };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      events: { type: 'string', default: '10000000' },
      runs: { type: 'string', default: '20' },
      // With DATABASE_URL: keep the generated database (--keep) and time it again later (--reuse NAME).
      keep: { type: 'boolean', default: false },
      reuse: { type: 'string' },
    },
  });
  if ((values.keep || values.reuse) && !process.env['DATABASE_URL'])
    throw new Error('--keep and --reuse need DATABASE_URL');
  const events = Number(values.events.replace(/[_,]/g, ''));
  const runs = Number(values.runs);
  const log = (msg: string): void => console.error(msg);
  const base = parseConfig({
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'error',
    RESONANCE_DASHBOARD_DIR: 'none',
  });

  // A database of its own: a new database on DATABASE_URL, or an embedded cluster we can restart.
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'resonance-bench-query-'));
  await fs.chmod(tmp, 0o755);
  let embedded: EmbeddedDatabase | null = null;
  let url: string;
  const name = values.reuse ?? `resonance_bench_query_${Date.now()}`;
  if (base.databaseUrl) {
    if (!values.reuse) {
      const admin = new pg.Client({ connectionString: base.databaseUrl });
      admin.on('error', () => undefined); // a dropped connection fails the next query instead
      await admin.connect();
      await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)}`);
      await admin.end();
    }
    const u = new URL(base.databaseUrl);
    u.pathname = `/${name}`;
    url = u.toString();
  } else {
    embedded = await startEmbeddedPostgres({ dataDir: path.join(tmp, 'pg'), database: name });
    url = embedded.url;
  }
  const config = { ...base, databaseUrl: url };

  let app: NestExpressApplication = await createApp({ config, databaseUrl: url });
  await app.get(FirstRunService).migrate();
  // Started as `npm start` starts it (without listening yet): its background cube refresher builds days
  // while they are written, as it would during a real backfill.
  await app.init();
  let orgId: string;
  let dataset: Dataset;
  let generationSeconds = NaN;
  if (values.reuse) {
    const [org] = await app
      .get(DataSource)
      .query(`SELECT id::text AS id FROM organizations WHERE name = 'Query benchmark'`);
    orgId = org.id as string;
    const campaigns: { id: string }[] = await app
      .get(DataSource)
      .query(`SELECT id::text AS id FROM campaigns WHERE org_id = $1 ORDER BY (substring(key from 7))::int`, [orgId]);
    dataset = {
      campaignIds: campaigns.map((c) => c.id),
      creativeIds: [],
      members: Math.min(1_000_000, Math.round(events / 10)),
    };
  } else {
    const { organization } = await app.get(AccountsService).createOrganizationWithOwner({
      name: 'Query benchmark',
      email: `bench-${randomBytes(4).toString('hex')}@resonance.local`,
      password: randomBytes(18).toString('base64url'),
    });
    orgId = organization.id;
    const settings = await readOrgSettings(app.get(DataSource), orgId);
    if (!settings) throw new Error(`organisation ${orgId} not found`);
    log(`Generating ${events.toLocaleString('en')} events (20 campaigns, 200 creatives, 90 days)…`);
    const genStarted = performance.now();
    dataset = await generate(app.get(DataSource), orgId, settings.memberKeySecret, events, log);
    generationSeconds = (performance.now() - genStarted) / 1000;
  }
  // Planning: the first two campaigns are for World Mental Health Day 2026 (10 October, inside the 90 days).
  await app
    .get(DataSource)
    .query(
      `UPDATE campaigns SET observance_id = $2, observance_year = 2026 WHERE org_id = $1 AND key IN ('bench-0', 'bench-1')`,
      [orgId, catalogueObservanceId('world-mental-health-day')],
    );
  // The saved segment of the issue's table: women 25–34 in the US on Instagram.
  const segment = await app.get(SegmentsService).create({
    orgId,
    request: {
      name: `Women 25–34 US Instagram ${randomBytes(3).toString('hex')}`,
      rules: { gender: ['female'], ageBand: ['25-34'], region: ['US'], platform: ['instagram'] },
    },
  });
  const created = await app
    .get(ApiKeysService)
    .create({ auth: { orgId, via: 'api_key', scopes: ['read'] }, ip: null, name: 'bench', scopes: ['read'] });
  // The background refresher has been building days as they were written; finish the rest.
  log('Finishing the analytics cube…');
  const cubeStarted = performance.now();
  await app.get(CubeBuilder).refreshAll();
  const cubeSeconds = (performance.now() - cubeStarted) / 1000;
  // A full rebuild of one day: the background refresher's work for a changed day (questions never wait for it).
  const rebuildDay = async (): Promise<number> => {
    const rebuildTimes: number[] = [];
    for (let i = 0; i < 3; i++) {
      await app
        .get(DataSource)
        .query(
          `INSERT INTO cube_dirty (org_id, day) VALUES ($1, '2026-10-15') ON CONFLICT (org_id, day) DO UPDATE SET version = cube_dirty.version + 1, marked_at = excluded.marked_at, pending = true`,
          [orgId],
        );
      const started = performance.now();
      await app.get(CubeBuilder).rebuildDay(orgId, '2026-10-15');
      rebuildTimes.push(performance.now() - started);
    }
    return percentile(rebuildTimes, 50);
  };
  const dayRebuildMs = await rebuildDay();
  await app.get(DataSource).query('VACUUM ANALYZE');
  // Storage per event, all-in (issue 16 target 4): the raw events and the cube, each with its indexes and
  // TOAST (the rollups and reach are views over events). Measured as the backfill left it, then after the
  // index maintenance the daily retention run does (index-maintenance.ts: the events primary key, left
  // half empty by concurrent inserts, rebuilt).
  const measureStorage = async () => {
    const sizes: { relname: string; rows: string; size: string; bytes: string }[] = await app.get(DataSource).query(
      `SELECT relname, n_live_tup::text AS rows, pg_size_pretty(pg_total_relation_size(relid)) AS size,
              pg_total_relation_size(relid)::text AS bytes
       FROM pg_stat_user_tables WHERE relname IN ('events','events_packed','cube_daily','cube_days','cube_dirty') ORDER BY relname`,
    );
    const bytesOf = (names: string[]): number =>
      sizes.filter((s) => names.includes(s.relname)).reduce((sum, s) => sum + Number(s.bytes), 0);
    return {
      sizes,
      events: bytesOf(['events', 'events_packed']) / events,
      packed: bytesOf(['events_packed']) / events,
      cube: bytesOf(['cube_daily', 'cube_days', 'cube_dirty']) / events,
    };
  };
  const storageBefore = await measureStorage();
  // The daily run's maintenance (retention.service.ts): closed days packed (event-packer.ts; every day of the
  // set is past the packer's three days), the events table compacted if that left it mostly empty, the
  // events key rebuilt if inserts left it half empty.
  log('Packing closed days…');
  const packStarted = performance.now();
  const packed = await app.get(EventPacker).packClosedDays({ orgId, limit: 100_000 });
  const packSeconds = (performance.now() - packStarted) / 1000;
  const compaction = await compactEvents(app.get(DataSource));
  const maintenance = await maintainIndexes(app.get(DataSource));
  await app.get(DataSource).query('VACUUM ANALYZE');
  const storage = await measureStorage();
  // The same day's rebuild once it is packed (a late event into a closed day).
  const packedDayRebuildMs = await rebuildDay();
  await app.get(EventPacker).packClosedDays({ orgId });
  const sizes = storage.sizes;

  const campaignKey = 'bench-0';
  const campaignId = dataset.campaignIds[0];
  const last30 = { from: '2026-10-02', to: '2026-10-31' };
  const all90 = { from: new Date(START_MS).toISOString().slice(0, 10), to: '2026-10-31' };
  const from30 = `${last30.from}T00:00:00Z`;
  const to30 = '2026-11-01T00:00:00Z';
  const from90 = `${all90.from}T00:00:00Z`;
  const engagement = `sum(count) FILTER (WHERE type IN ('like','comment','share','save','click'))`;
  const cases: RouteCase[] = [
    {
      name: 'summary 30 days',
      path: `/api/v1/analytics/summary?from=${last30.from}&to=${last30.to}`,
      rawSql: `SELECT type, sum(count) FROM events_all WHERE org_id = $1 AND occurred_at >= $2 AND occurred_at < $3 GROUP BY type`,
      rawParams: [orgId, from30, to30],
    },
    {
      name: 'timeseries 90 days',
      path: `/api/v1/analytics/timeseries?from=${all90.from}&to=${all90.to}&granularity=day`,
      rawSql: `SELECT date_trunc('day', occurred_at AT TIME ZONE 'UTC') AS d, sum(count) FILTER (WHERE type = 'impression'), ${engagement}
               FROM events_all WHERE org_id = $1 AND occurred_at >= $2 AND occurred_at < $3 GROUP BY 1`,
      rawParams: [orgId, from90, to30],
    },
    {
      name: 'breakdown age × gender',
      path: `/api/v1/analytics/breakdown?from=${last30.from}&to=${last30.to}&by=ageBand,gender`,
      rawSql: `SELECT age_band, gender, sum(count) FILTER (WHERE type = 'impression'), ${engagement}, count(DISTINCT member_hash)
               FROM events_all WHERE org_id = $1 AND occurred_at >= $2 AND occurred_at < $3 GROUP BY 1, 2`,
      rawParams: [orgId, from30, to30],
    },
    {
      name: 'creative × segment matrix',
      path: `/api/v1/analytics/creatives?campaign=${campaignKey}&from=${last30.from}&to=${last30.to}`,
      rawSql: `SELECT creative_id, age_band, sum(count) FILTER (WHERE type = 'impression'), ${engagement}
               FROM events_all WHERE org_id = $1 AND campaign_id = $4 AND occurred_at >= $2 AND occurred_at < $3 GROUP BY 1, 2`,
      rawParams: [orgId, from30, to30, campaignId],
    },
    {
      name: 'campaign reach 90 days',
      path: `/api/v1/analytics/summary?campaign=${campaignKey}&from=${all90.from}&to=${all90.to}`,
      rawSql: `SELECT count(DISTINCT member_hash) AS reach FROM events_all WHERE org_id = $1 AND campaign_id = $4 AND occurred_at >= $2 AND occurred_at < $3`,
      rawParams: [orgId, from90, to30, campaignId],
    },
    {
      name: 'organisation reach 90 days',
      path: `/api/v1/analytics/summary?from=${all90.from}&to=${all90.to}`,
      rawSql: `SELECT count(DISTINCT member_hash) AS reach FROM events_all WHERE org_id = $1 AND occurred_at >= $2 AND occurred_at < $3`,
      rawParams: [orgId, from90, to30],
    },
    {
      name: 'planning year over year',
      path: `/api/v1/planning/yoy?observance=world-mental-health-day&leadDays=30&lagDays=21`,
      rawSql: `SELECT age_band, sum(count) FILTER (WHERE type = 'impression'), ${engagement}
               FROM events_all WHERE org_id = $1 AND campaign_id = ANY($4::uuid[]) AND occurred_at >= $2 AND occurred_at < $3 GROUP BY 1`,
      rawParams: [orgId, '2026-09-10T00:00:00Z', '2026-11-01T00:00:00Z', dataset.campaignIds.slice(0, 2)],
    },
    {
      name: 'planning recommendations',
      path: `/api/v1/planning/recommendations?observance=world-mental-health-day`,
      rawSql: `SELECT e.creative_id, e.platform, c.format, c.theme, e.age_band, sum(e.count) FILTER (WHERE e.type = 'impression'),
                      sum(e.count) FILTER (WHERE e.type IN ('like','comment','share','save','click'))
               FROM events_all e JOIN creatives c ON c.org_id = e.org_id AND c.id = e.creative_id
               WHERE e.org_id = $1 GROUP BY 1, 2, 3, 4, 5`,
      rawParams: [orgId],
    },
    // Every other class of question the dashboard and API ask (issue 16's table).
    {
      name: 'breakdown age × region',
      path: `/api/v1/analytics/breakdown?from=${last30.from}&to=${last30.to}&by=ageBand,region`,
      rawSql: `SELECT age_band, region, sum(count) FILTER (WHERE type = 'impression'), ${engagement}, count(DISTINCT member_hash)
               FROM events_all WHERE org_id = $1 AND occurred_at >= $2 AND occurred_at < $3 GROUP BY 1, 2`,
      rawParams: [orgId, from30, to30],
    },
    {
      name: 'breakdown gender × creative, one campaign',
      path: `/api/v1/analytics/breakdown?campaign=${campaignKey}&from=${last30.from}&to=${last30.to}&by=gender,creative`,
      rawSql: `SELECT gender, creative_id, sum(count) FILTER (WHERE type = 'impression'), ${engagement}, count(DISTINCT member_hash)
               FROM events_all WHERE org_id = $1 AND campaign_id = $4 AND occurred_at >= $2 AND occurred_at < $3 GROUP BY 1, 2`,
      rawParams: [orgId, from30, to30, campaignId],
    },
    {
      name: 'breakdown gender × creative, organisation',
      path: `/api/v1/analytics/breakdown?from=${last30.from}&to=${last30.to}&by=gender,creative`,
      rawSql: `SELECT gender, creative_id, sum(count) FILTER (WHERE type = 'impression'), ${engagement}, count(DISTINCT member_hash)
               FROM events_all WHERE org_id = $1 AND occurred_at >= $2 AND occurred_at < $3 GROUP BY 1, 2`,
      rawParams: [orgId, from30, to30],
    },
    {
      name: 'platform instagram × age breakdown',
      path: `/api/v1/analytics/breakdown?from=${last30.from}&to=${last30.to}&by=ageBand&platform=instagram`,
      rawSql: `SELECT age_band, sum(count) FILTER (WHERE type = 'impression'), ${engagement}, count(DISTINCT member_hash)
               FROM events_all WHERE org_id = $1 AND platform = 'instagram' AND occurred_at >= $2 AND occurred_at < $3 GROUP BY 1`,
      rawParams: [orgId, from30, to30],
    },
    {
      name: 'saved segment report 90 days',
      path: `/api/v1/analytics/segments?from=${all90.from}&to=${all90.to}&segment=${segment.id}`,
      rawSql: `SELECT sum(count) FILTER (WHERE type = 'impression'), ${engagement}, count(DISTINCT member_hash)
               FROM events_all WHERE org_id = $1 AND gender = 'female' AND age_band = '25-34' AND region = 'US'
                 AND platform = 'instagram' AND occurred_at >= $2 AND occurred_at < $3`,
      rawParams: [orgId, from90, to30],
    },
    {
      name: 'CSV export age × region',
      path: `/api/v1/exports/breakdown.csv?from=${last30.from}&to=${last30.to}&by=ageBand,region`,
      rawSql: `SELECT age_band, region, sum(count) FILTER (WHERE type = 'impression'), ${engagement}, count(DISTINCT member_hash)
               FROM events_all WHERE org_id = $1 AND occurred_at >= $2 AND occurred_at < $3 GROUP BY 1, 2`,
      rawParams: [orgId, from30, to30],
    },
    {
      name: 'insights organisation',
      path: `/api/v1/analytics/insights?from=${last30.from}&to=${last30.to}`,
      rawSql: `SELECT campaign_id, age_band, gender, region, platform, sum(count) FILTER (WHERE type = 'impression'), ${engagement}
               FROM events_all WHERE org_id = $1 AND occurred_at >= $2 AND occurred_at < $3 GROUP BY 1, 2, 3, 4, 5`,
      rawParams: [orgId, from30, to30],
    },
    {
      name: 'timeseries day America/New_York',
      path: `/api/v1/analytics/timeseries?from=${last30.from}&to=${last30.to}&granularity=day&tz=America/New_York`,
      rawSql: `SELECT (occurred_at AT TIME ZONE 'America/New_York')::date AS d, sum(count) FILTER (WHERE type = 'impression'), ${engagement},
                      count(DISTINCT member_hash)
               FROM events_all WHERE org_id = $1 AND occurred_at >= $2 AND occurred_at < $3 GROUP BY 1`,
      rawParams: [orgId, '2026-10-02T04:00:00Z', '2026-11-01T04:00:00Z'],
    },
    {
      name: 'timeseries hourly 7 days',
      path: `/api/v1/analytics/timeseries?from=2026-10-25&to=${last30.to}&granularity=hour`,
      rawSql: `SELECT date_trunc('hour', occurred_at) AS h, sum(count) FILTER (WHERE type = 'impression'), ${engagement}
               FROM events_all WHERE org_id = $1 AND occurred_at >= $2 AND occurred_at < $3 GROUP BY 1`,
      rawParams: [orgId, '2026-10-25T00:00:00Z', to30],
    },
  ];

  // Cold: restart the database (empty shared buffers) and the app, then the first request of each route.
  await app.close();
  if (embedded) {
    await embedded.stop();
    embedded = await startEmbeddedPostgres({ dataDir: path.join(tmp, 'pg'), database: name });
    url = embedded.url;
  }
  app = await createApp({ config: { ...config, databaseUrl: url }, databaseUrl: url });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  const results: Record<string, { cold: number; p50: number; p95: number; raw: number; body: unknown }> = {};
  for (const c of cases) {
    const cold = await timeFetch(baseUrl + c.path, created.key);
    const warm: number[] = [];
    let body: unknown = cold.body;
    for (let i = 0; i < runs; i++) {
      const r = await timeFetch(baseUrl + c.path, created.key);
      warm.push(r.ms);
      body = r.body;
    }
    results[c.name] = { cold: cold.ms, p50: percentile(warm, 50), p95: percentile(warm, 95), raw: NaN, body };
    log(
      `  ${c.name}: cold ${cold.ms.toFixed(0)} ms, p50 ${percentile(warm, 50).toFixed(1)} ms, p95 ${percentile(warm, 95).toFixed(1)} ms`,
    );
  }

  // The same questions in plain SQL over the raw events, packed or not (events_all; median of 3), and the reach check.
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined); // a dropped connection fails the next query instead
  await client.connect();
  const rawReach: Record<string, number> = {};
  for (const c of cases) {
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      const r = await client.query(c.rawSql, c.rawParams);
      times.push(performance.now() - started);
      if ('reach' in (r.rows[0] ?? {})) rawReach[c.name] = Number(r.rows[0].reach);
    }
    const entry = results[c.name];
    if (entry) entry.raw = percentile(times, 50);
  }
  await client.end();

  const reachOf = (name: string): number | null => {
    const body = results[name]?.body as { current?: { reach?: unknown } } | undefined;
    return typeof body?.current?.reach === 'number' ? body.current.reach : null;
  };
  const reachErrors = Object.entries(rawReach).map(([name, exact]) => {
    const served = reachOf(name);
    return served === null || exact === 0 ? NaN : Math.abs(served - exact) / exact;
  });
  const reachError = Math.max(...reachErrors);

  await app.close();
  if (embedded) await embedded.stop();
  else if (values.keep || values.reuse) {
    log(`Kept database ${name}: time it again with --reuse ${name} --events ${events}`);
  } else {
    const admin = new pg.Client({ connectionString: base.databaseUrl ?? '' });
    admin.on('error', () => undefined); // a dropped connection fails the next query instead
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(name)} WITH (FORCE)`);
    await admin.end();
  }
  await fs.rm(tmp, { recursive: true, force: true });

  const pad = (s: string, n: number): string => s.padEnd(n);
  const num = (n: number): string => (Number.isFinite(n) ? n.toFixed(1) : 'n/a').padStart(9);
  console.log(
    `\nQuery benchmark: ${events.toLocaleString('en')} events, ${dataset.members.toLocaleString('en')} members, ${CAMPAIGNS} campaigns, ${CAMPAIGNS * CREATIVES_PER_CAMPAIGN} creatives, ${DAYS} days`,
  );
  console.log(
    Number.isFinite(generationSeconds)
      ? `Generated through the ingest writer in ${generationSeconds.toFixed(0)} s (${Math.round(events / generationSeconds).toLocaleString('en')} events/s)`
      : `Reused database ${name} (generated earlier)`,
  );
  console.log(
    `Analytics cube complete ${cubeSeconds.toFixed(0)} s after the last event was written (the background refresher ` +
      `rebuilds days while they are being written; a full rebuild of one day of ${Math.round(events / DAYS).toLocaleString('en')} events ` +
      `is the background refresher's work for a changed day; questions read such a day's exact rows meanwhile)`,
  );
  console.log(
    `Rebuilding one day of the cube: ${dayRebuildMs.toFixed(0)} ms from raw events, ${packedDayRebuildMs.toFixed(0)} ms packed (medians of 3)`,
  );
  console.log(sizes.map((s) => `  ${s.relname}: ${Number(s.rows).toLocaleString('en')} rows, ${s.size}`).join('\n'));
  console.log(
    `Packed ${packed.events.toLocaleString('en')} events of ${packed.days} closed days in ${packSeconds.toFixed(0)} s;` +
      ` events table ${compaction?.compacted ? `compacted, ${compaction.bytes} → ${compaction.bytesAfter} bytes` : 'not compacted'}`,
  );
  console.log(
    `Storage: ${(storage.events + storage.cube).toFixed(0)} B/event all-in (events ${storage.events.toFixed(0)} of which packed ${storage.packed.toFixed(0)}, cube ${storage.cube.toFixed(0)}; target ≤ 250)` +
      ` after the daily maintenance (${maintenance.map((r) => `${r.index} ${r.rebuilt ? `rebuilt, ${r.bytes} → ${r.bytesAfter} bytes` : 'left as it was'}`).join('; ')});` +
      ` ${(storageBefore.events + storageBefore.cube).toFixed(0)} B/event as the backfill left it (events ${storageBefore.events.toFixed(0)})`,
  );
  console.log(
    `\n${pad('route', 44)}${'cold ms'.padStart(9)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(9)}${'raw ms'.padStart(9)}${'raw/p50'.padStart(9)}  source`,
  );
  for (const c of cases) {
    const r = results[c.name];
    if (!r) continue;
    console.log(
      `${pad(c.name, 44)}${num(r.cold)}${num(r.p50)}${num(r.p95)}${num(r.raw)}${num(r.raw / r.p50)}  ${sourceOf(r.body)}`,
    );
  }
  const methods = [
    ...new Set(
      cases
        .map((c) => (results[c.name]?.body as { meta?: { reach?: { method?: string } } })?.meta?.reach?.method)
        .filter((m) => m !== undefined),
    ),
  ];
  const sources = [...new Set(cases.map((c) => sourceOf(results[c.name]?.body)))];
  console.log(`\nAnswered from: ${sources.join(', ')}; reach method: ${methods.join(', ')}.`);
  console.log(
    `Reach: largest relative difference from COUNT(DISTINCT) on raw events: ${(reachError * 100).toFixed(3)}%`,
  );
  console.log(
    `Cold = first request after restarting ${embedded ? 'the embedded PostgreSQL (empty shared buffers; the OS page cache stays warm)' : 'the app (an external server keeps its buffers)'}.`,
  );
  const json: Record<string, unknown> = {
    events,
    members: dataset.members,
    generationEventsPerSec: Math.round(events / generationSeconds),
    cubeCompleteAfterIngestSeconds: +cubeSeconds.toFixed(1),
    cubeDayRebuildMs: +dayRebuildMs.toFixed(0),
    cubePackedDayRebuildMs: +packedDayRebuildMs.toFixed(0),
    bytesPerEvent: Math.round(storage.events + storage.cube),
    bytesPerEventBeforeIndexMaintenance: Math.round(storageBefore.events + storageBefore.cube),
    bytesPerEventEvents: Math.round(storage.events),
    bytesPerEventCube: Math.round(storage.cube),
    bytesPerEventPacked: Math.round(storage.packed),
    bytesPerEventEventsBeforePacking: Math.round(storageBefore.events),
    packSeconds: +packSeconds.toFixed(1),
    reachError,
  };
  for (const c of cases) {
    const r = results[c.name];
    if (!r) continue;
    const key = c.name.replace(/[^a-z0-9]+/gi, '_').replace(/_+$/, '');
    json[key] = {
      p50: +r.p50.toFixed(1),
      p95: +r.p95.toFixed(1),
      cold: +r.cold.toFixed(1),
      rawMs: +r.raw.toFixed(1),
      ratioRawToP50: +(r.raw / r.p50).toFixed(1),
      source: sourceOf(r.body),
    };
  }
  console.log(JSON.stringify(json));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
