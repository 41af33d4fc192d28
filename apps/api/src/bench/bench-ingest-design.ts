/**
 * `node apps/api/dist/bench/bench-ingest-design.js [--events N --runs R]` (after `nx run api:build`)
 *
 * Measures, in the database alone (no HTTP, no API), what the write statement of ingest would
 * cost with fewer derived tables — the design choice of issue 16 item 3 — against a plain insert
 * of the same rows into `events`, in one run on the same data. N synthetic events are staged once;
 * each variant writes them in batches of 5,000 (the JSON request size) into a fresh organisation,
 * sequentially on one connection (runs round-robin over the variants), through the same CTE shape as warehouse/events/event-writer.ts:
 *
 *   current       events + rollup_daily + rollup_daily_creative + rollup_hourly + reach_daily + cube_dirty,
 *                 with the batch read from a table, sent as array parameters (as the API does), or
 *                 COPYed into a temporary staging table first (NDJSON streamed into COPY)
 *   no reach      the same without reach_daily
 *   design        events + rollup_daily_creative + rollup_hourly + cube_dirty (rollup_daily and
 *                 reach_daily answered from `events`)
 *   design+index  the design with the (org_id, day) index on events that reading from events needs
 *   events only   events + cube_dirty (the floor), also measured with that index
 *
 * Prints µs and WAL bytes per event, the ratio of each to the plain insert of the same run, and
 * the bytes on disk per event each variant leaves; JSON last line. A prototype measurement: the
 * variants are not the product's code paths (only `current` is the statement ingest runs).
 */
import 'reflect-metadata';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { from as copyFrom } from 'pg-copy-streams';
import { dataSourceOptions } from '../infra/database/data-source-options.js';
import { METRIC_COLUMN_BY_TYPE, METRIC_COLUMNS } from '../warehouse/events/event-writer.js';
import { freshDatabase } from './bench-harness.js';

const BATCH = 5_000;

function parseArgs(argv: string[]): { events: number; runs: number } {
  const options = { events: 200_000, runs: 3 };
  for (let i = 0; i < argv.length; i += 2) {
    const name = (argv[i] ?? '').replace(/^--/, '');
    const n = Number(argv[i + 1]);
    if ((name !== 'events' && name !== 'runs') || !Number.isInteger(n) || n < 1) {
      throw new Error(`Unknown or bad flag ${argv[i] ?? ''}: use --events N --runs R`);
    }
    options[name] = n;
  }
  return options;
}

const sums = Object.entries(METRIC_COLUMN_BY_TYPE)
  .map(([type, column]) => `coalesce(sum("count") FILTER (WHERE "type" = '${type}'), 0) AS "${column}"`)
  .join(', ');
const columnList = METRIC_COLUMNS.map((c) => `"${c}"`).join(', ');
const increments = (table: string): string =>
  METRIC_COLUMNS.map((c) => `"${c}" = "${table}"."${c}" + excluded."${c}"`).join(', ');

const DERIVED: Record<'daily' | 'creative' | 'hourly' | 'reach', string> = {
  daily: `daily AS (
  INSERT INTO rollup_daily (org_id, day, campaign_id, creative_id, platform, age_band, gender, region, language, ${columnList})
  SELECT $1, day, campaign_id, creative_id, platform, age_band, gender, region, language, ${sums}
  FROM ins GROUP BY day, campaign_id, creative_id, platform, age_band, gender, region, language
  ORDER BY day, creative_id, platform, age_band, gender, region, language
  ON CONFLICT (org_id, day, creative_id, platform, age_band, gender, region, language) DO UPDATE SET ${increments('rollup_daily')}
)`,
  creative: `by_creative AS (
  INSERT INTO rollup_daily_creative (org_id, day, campaign_id, creative_id, platform, ${columnList})
  SELECT $1, day, campaign_id, creative_id, platform, ${sums}
  FROM ins GROUP BY day, campaign_id, creative_id, platform ORDER BY day, creative_id, platform
  ON CONFLICT (org_id, day, creative_id, platform) DO UPDATE SET ${increments('rollup_daily_creative')}
)`,
  hourly: `hourly AS (
  INSERT INTO rollup_hourly (org_id, hour, campaign_id, creative_id, platform, ${columnList})
  SELECT $1, date_trunc('hour', occurred_at, 'UTC'), campaign_id, creative_id, platform, ${sums}
  FROM ins GROUP BY date_trunc('hour', occurred_at, 'UTC'), campaign_id, creative_id, platform ORDER BY 2, 4, 5
  ON CONFLICT (org_id, hour, creative_id, platform) DO UPDATE SET ${increments('rollup_hourly')}
)`,
  reach: `reach AS (
  INSERT INTO reach_daily (org_id, day, creative_id, member_hash, campaign_id, platform, age_band, gender, region, language)
  SELECT DISTINCT ON (day, creative_id, member_hash) $1, day, creative_id, member_hash, campaign_id, platform, age_band, gender, region, language
  FROM ins WHERE member_hash IS NOT NULL ORDER BY day, creative_id, member_hash
  ON CONFLICT DO NOTHING
)`,
};

type Input = 'table' | 'arrays' | 'copy';
const INPUT: Record<Input, string> = {
  table: 'FROM design_input WHERE batch = $2',
  // As the API sends a batch today: one array parameter per column.
  arrays: `FROM unnest($2::text[], $3::timestamptz[], $4::uuid[], $5::uuid[], $6::text[], $7::text[], $8::bigint[],
                     $9::text[], $10::text[], $11::text[], $12::text[], $13::integer[])
         AS t(event_id, occurred_at, campaign_id, creative_id, platform, type, member_hash, age_band, gender, region, language, count)`,
  // "Stream NDJSON straight into COPY": the batch is COPYed into a temporary staging table first.
  copy: 'FROM design_staging',
};

const statement = (derived: (keyof typeof DERIVED)[], input: Input = 'table'): string => `
WITH ins AS (
  INSERT INTO events (org_id, event_id, occurred_at, day, campaign_id, creative_id, platform, type,
                      member_hash, age_band, gender, region, language, count)
  SELECT $1, event_id, occurred_at, (occurred_at AT TIME ZONE 'UTC')::date, campaign_id, creative_id,
         platform, type, member_hash, age_band, gender, region, language, count
  ${INPUT[input]}
  RETURNING day, occurred_at, campaign_id, creative_id, platform, type, member_hash, age_band, gender, region, language, count
),
${derived.map((d) => `${DERIVED[d]},`).join('\n')}
dirty AS (
  INSERT INTO cube_dirty (org_id, day) SELECT DISTINCT $1::uuid, day FROM ins ORDER BY day
  ON CONFLICT (org_id, day) DO UPDATE SET version = nextval('cube_version'), marked_at = now()
)
SELECT count(*)::int AS inserted FROM ins`;

const PLAIN = `INSERT INTO events (org_id, event_id, occurred_at, day, campaign_id, creative_id, platform, type,
                    member_hash, age_band, gender, region, language, count)
SELECT $1, event_id, occurred_at, (occurred_at AT TIME ZONE 'UTC')::date, campaign_id, creative_id,
       platform, type, member_hash, age_band, gender, region, language, count
FROM design_input WHERE batch = $2`;

interface Variant {
  name: string;
  sql: string;
  tables: string[];
  input?: Input;
}

const VARIANTS: Variant[] = [
  { name: 'plain insert into events', sql: PLAIN, tables: [] },
  {
    name: 'current (4 derived tables)',
    sql: statement(['daily', 'creative', 'hourly', 'reach']),
    tables: ['rollup_daily', 'rollup_daily_creative', 'rollup_hourly', 'reach_daily'],
  },
  {
    name: 'current, batch as array parameters (as the API sends it)',
    sql: statement(['daily', 'creative', 'hourly', 'reach'], 'arrays'),
    tables: ['rollup_daily', 'rollup_daily_creative', 'rollup_hourly', 'reach_daily'],
    input: 'arrays',
  },
  {
    name: 'current, batch COPYed into a staging table first',
    sql: statement(['daily', 'creative', 'hourly', 'reach'], 'copy'),
    tables: ['rollup_daily', 'rollup_daily_creative', 'rollup_hourly', 'reach_daily'],
    input: 'copy',
  },
  {
    name: 'without reach_daily',
    sql: statement(['daily', 'creative', 'hourly']),
    tables: ['rollup_daily', 'rollup_daily_creative', 'rollup_hourly'],
  },
  {
    name: 'design: creative + hourly rollups',
    sql: statement(['creative', 'hourly']),
    tables: ['rollup_daily_creative', 'rollup_hourly'],
  },
  { name: 'events + cube_dirty only', sql: statement([]), tables: [] },
];

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

async function stage(client: pg.Client, events: number): Promise<void> {
  // 20 campaigns × 10 creatives, skewed members (10% anonymous), 30 days in arrival order: as bench:ingest.
  await client.query(`CREATE UNLOGGED TABLE design_input AS
    WITH c AS (SELECT array_agg(gen_random_uuid()) AS ids FROM generate_series(1, 20)),
         k AS (SELECT array_agg(gen_random_uuid()) AS ids FROM generate_series(1, 200)),
         raw AS (
           SELECT i, floor(random() * 200)::int AS creative, floor(random() ^ 2 * 1000000)::int AS member,
                  random() < 0.1 AS anonymous, random() AS r
           FROM generate_series(0, ${events - 1}) AS i)
    SELECT i / ${BATCH} AS batch, 'e' || i AS event_id,
           timestamptz '2026-05-01 00:00Z' + (i::float8 / ${events} * 30 + r / 144) * interval '1 day' AS occurred_at,
           c.ids[creative / 10 + 1] AS campaign_id, k.ids[creative + 1] AS creative_id,
           (ARRAY['instagram','tiktok','facebook','x','youtube'])[creative % 5 + 1] AS platform,
           (ARRAY['impression','impression','impression','impression','impression','impression','view','like','click','video_view',
                  'share','comment'])[floor(r * 12)::int + 1] AS type,
           CASE WHEN anonymous THEN NULL ELSE hashtextextended('member-' || member, 0) END AS member_hash,
           (ARRAY['13-17','18-24','25-34','35-44','45-54','55-64','65+','unknown'])[member % 8 + 1] AS age_band,
           (ARRAY['female','male','non_binary','unknown'])[(member >> 3) % 4 + 1] AS gender,
           'R' || ((member >> 5) % 20) AS region,
           (ARRAY['en','en','en','en','es','fr','de','pt-BR'])[(member >> 7) % 8 + 1] AS language,
           1 AS count
    FROM raw, c, k`);
  await client.query('CREATE INDEX ON design_input (batch)');
  await client.query('ANALYZE design_input');
}

async function sizeOf(client: pg.Client, tables: string[]): Promise<number> {
  let bytes = 0;
  for (const t of ['events', ...tables]) {
    const r = await client.query<{ b: string }>('SELECT pg_total_relation_size($1::regclass) AS b', [t]);
    bytes += Number(r.rows[0]?.b ?? 0);
  }
  return bytes;
}

/** Each batch as the API would send it (array literals) or stream it (COPY text), fetched before the clock starts. */
async function batchInputs(client: pg.Client, input: Input, batches: number): Promise<(string[] | string)[]> {
  const out: (string[] | string)[] = [];
  for (let b = 0; b < batches; b++) {
    if (input === 'arrays') {
      const r = await client.query<Record<string, string>>(
        `SELECT array_agg(event_id ORDER BY event_id)::text AS a1, array_agg(occurred_at ORDER BY event_id)::text AS a2,
                array_agg(campaign_id ORDER BY event_id)::text AS a3, array_agg(creative_id ORDER BY event_id)::text AS a4,
                array_agg(platform ORDER BY event_id)::text AS a5, array_agg(type ORDER BY event_id)::text AS a6,
                array_agg(member_hash ORDER BY event_id)::text AS a7, array_agg(age_band ORDER BY event_id)::text AS a8,
                array_agg(gender ORDER BY event_id)::text AS a9, array_agg(region ORDER BY event_id)::text AS a10,
                array_agg(language ORDER BY event_id)::text AS a11, array_agg(count ORDER BY event_id)::text AS a12
           FROM design_input WHERE batch = $1`,
        [b],
      );
      const row = r.rows[0] ?? {};
      out.push(Array.from({ length: 12 }, (_, i) => row[`a${i + 1}`] ?? '{}'));
    } else if (input === 'copy') {
      const r = await client.query<{ text: string }>(
        `SELECT string_agg(concat_ws(E'\\t', event_id, occurred_at, campaign_id, creative_id, platform, type,
                                     coalesce(member_hash::text, '\\N'), age_band, gender, region, language, count), E'\\n') || E'\\n' AS text
           FROM design_input WHERE batch = $1`,
        [b],
      );
      out.push(r.rows[0]?.text ?? '');
    } else {
      out.push([]);
    }
  }
  return out;
}

async function copyText(client: pg.Client, text: string): Promise<void> {
  const stream = client.query(copyFrom('COPY design_staging FROM STDIN'));
  await new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
    stream.end(text);
  });
}

async function runVariant(
  client: pg.Client,
  variant: Variant,
  events: number,
  label: string,
): Promise<{ seconds: number; walBytes: number }> {
  const org = await client.query<{ id: string }>(
    `INSERT INTO organizations (name, member_key_secret) VALUES ($1, decode(md5(random()::text), 'hex')) RETURNING id`,
    [`design ${label}`],
  );
  const orgId = org.rows[0]?.id ?? '';
  const batches = Math.ceil(events / BATCH);
  const input = variant.input ?? 'table';
  const inputs = await batchInputs(client, input, batches);
  const walBefore = await client.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
  const started = process.hrtime.bigint();
  for (let b = 0; b < batches; b++) {
    const data = inputs[b] ?? [];
    await client.query('BEGIN');
    if (input === 'copy') await copyText(client, data as string);
    await client.query(
      variant.sql,
      input === 'arrays' ? [orgId, ...(data as string[])] : input === 'copy' ? [orgId] : [orgId, b],
    );
    await client.query('COMMIT');
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const wal = await client.query<{ bytes: string }>(
    'SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), $1::pg_lsn) AS bytes',
    [walBefore.rows[0]?.lsn],
  );
  return { seconds, walBytes: Number(wal.rows[0]?.bytes ?? 0) };
}

async function main(): Promise<void> {
  const { events, runs } = parseArgs(process.argv.slice(2));
  const log = (msg: string): void => void process.stderr.write(`${msg}\n`);
  log(`Write-statement design benchmark: ${events.toLocaleString('en')} events × ${runs} runs per variant`);
  const db = await freshDatabase();
  const dataSource = new DataSource(dataSourceOptions(db.url, { poolSize: 1 }));
  const client = new pg.Client({ connectionString: db.url });
  try {
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    await dataSource.destroy();
    await client.connect();
    await stage(client, events);
    await client.query(`CREATE TEMP TABLE design_staging (
      event_id text, occurred_at timestamptz, campaign_id uuid, creative_id uuid, platform text, type text,
      member_hash bigint, age_band text, gender text, region text, language text, count integer) ON COMMIT DELETE ROWS`);
    const results: { name: string; usPerEvent: number; walPerEvent: number; bytesPerEvent: number; plain: number }[] =
      [];
    for (const withIndex of [false, true]) {
      if (withIndex) await client.query('CREATE INDEX ix_events_org_day ON events (org_id, day)');
      const chosen = withIndex
        ? VARIANTS.filter((v) => !v.name.startsWith('current') && !v.name.startsWith('without'))
        : VARIANTS;
      // Runs round-robin over the variants, so a change in the machine's load hits every variant alike.
      const measured = chosen.map(() => ({ seconds: [] as number[], wal: [] as number[], bytesPerEvent: 0 }));
      for (let run = 1; run <= runs; run++) {
        for (const [i, variant] of chosen.entries()) {
          const name = withIndex ? `${variant.name} + (org_id, day) index` : variant.name;
          const m = measured[i] as (typeof measured)[number];
          // Each variant measured on its own: empty tables, so one variant's rows do not slow the next.
          await client.query(
            'TRUNCATE events, rollup_daily, rollup_daily_creative, rollup_hourly, reach_daily, cube_dirty',
          );
          const r = await runVariant(client, variant, events, `${name} ${run}`);
          m.seconds.push(r.seconds);
          m.wal.push(r.walBytes);
          await client.query('VACUUM events');
          for (const t of variant.tables) await client.query(`VACUUM ${t}`);
          m.bytesPerEvent = (await sizeOf(client, variant.tables)) / events;
          log(`${name} run ${run}: ${((r.seconds * 1e6) / events).toFixed(1)} µs/event`);
        }
      }
      // Each variant is compared with the plain insert under the same indexes (the first of its block).
      const plain = (median(measured[0]?.seconds ?? []) * 1e6) / events;
      for (const [i, variant] of chosen.entries()) {
        const m = measured[i] as (typeof measured)[number];
        results.push({
          name: withIndex ? `${variant.name} + (org_id, day) index` : variant.name,
          plain,
          usPerEvent: (median(m.seconds) * 1e6) / events,
          walPerEvent: median(m.wal) / events,
          bytesPerEvent: m.bytesPerEvent,
        });
      }
    }
    console.log(
      [
        '',
        `Write statement per event, ${events.toLocaleString('en')} events in batches of ${BATCH}, one connection, median of ${runs}`,
        `${'variant'.padEnd(58)}${'µs/event'.padStart(10)}${'plain/x'.padStart(9)}${'WAL B'.padStart(8)}${'disk B'.padStart(8)}`,
        ...results.map(
          (r) =>
            `${r.name.padEnd(58)}${r.usPerEvent.toFixed(1).padStart(10)}${(r.plain / r.usPerEvent).toFixed(2).padStart(9)}${Math.round(r.walPerEvent).toString().padStart(8)}${Math.round(r.bytesPerEvent).toString().padStart(8)}`,
        ),
        '',
      ].join('\n'),
    );
    console.log(
      JSON.stringify({
        events,
        runs,
        variants: results.map((r) => ({
          name: r.name,
          usPerEvent: Number(r.usPerEvent.toFixed(1)),
          ratioToPlainInsert: Number((r.plain / r.usPerEvent).toFixed(3)),
          walBytesPerEvent: Math.round(r.walPerEvent),
          diskBytesPerEvent: Math.round(r.bytesPerEvent),
        })),
      }),
    );
  } finally {
    await client.end().catch(() => undefined);
    if (dataSource.isInitialized) await dataSource.destroy();
    await db.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
