import net from 'node:net';
import path from 'node:path';
import { availableParallelism } from 'node:os';

/** Everything the api reads from its environment, validated once at boot. */
export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /** A server named by DATABASE_URL, or null to start the embedded PostgreSQL. */
  databaseUrl: string | null;
  /** Where the embedded PostgreSQL keeps its data. */
  dataDir: string;
  /** Load the demo organisation when the database has none. */
  seedDemo: boolean;
  adminEmail: string | null;
  adminPassword: string | null;
  /** Name of the organisation created for RESONANCE_ADMIN_EMAIL on first run. */
  adminOrganizationName: string;
  allowSignup: boolean;
  /** Serve the built dashboard from this folder (null: api only). */
  dashboardDir: string | null;
  /** Days raw events are kept before rollups alone remain. */
  rawEventRetentionDays: number;
  /** Threads ingest parses, validates and hashes events on (0: on the thread serving requests). */
  ingestThreads: number;
  logLevel: 'error' | 'warn' | 'log' | 'debug';
  /** Cookies get the Secure flag unless the app is served from localhost. */
  secureCookies: boolean;
  bodyLimitBytes: number;
  /** Largest size a compressed (gzip) request body may expand to; 413 beyond. */
  maxInflatedBytes: number;
  /** Express `trust proxy`: which peers' X-Forwarded-For is believed (client IPs for rate limits and audit). */
  trustProxy: false | number | string[];
  /** Data rows one import may have; reading stops at the first row past it. */
  importMaxRows: number;
  /** Login and sign-up attempts allowed per client IP per minute. */
  authRateLimitPerMinute: number;
  /** SMTP server for scheduled digests (smtp:// or smtps://); null: mail is off, the dashboard previews. */
  smtpUrl: string | null;
  /** The From address of digests. */
  mailFrom: string;
  /** The address people reach the dashboard at, for links in e-mails. */
  publicUrl: string;
  /** First retry delay of a failed digest send; later retries back off exponentially. */
  digestRetryDelaySeconds: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['error', 'warn', 'log', 'debug'] as const;
const NODE_ENVS = ['development', 'production', 'test'] as const;

function parseBoolean(env: Env, name: string, fallback: boolean, problems: string[]): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['true', '1', 'yes'].includes(raw.toLowerCase())) return true;
  if (['false', '0', 'no'].includes(raw.toLowerCase())) return false;
  problems.push(`${name} must be true or false (got '${raw}')`);
  return fallback;
}

function parseInteger(env: Env, name: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name} must be an integer from ${min} to ${max} (got '${raw}')`);
    return fallback;
  }
  return value;
}

function parseEnum<T extends string>(
  env: Env,
  name: string,
  allowed: readonly T[],
  fallback: T,
  problems: string[],
): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  problems.push(`${name} must be one of ${allowed.join(', ')} (got '${raw}')`);
  return fallback;
}

const PROXY_SUBNET_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

function isAddressOrSubnet(entry: string): boolean {
  if (PROXY_SUBNET_NAMES.includes(entry) || net.isIP(entry) !== 0) return true;
  const [address = '', prefix = '', ...rest] = entry.split('/');
  const family = net.isIP(address);
  const bits = Number(prefix);
  return rest.length === 0 && family !== 0 && /^\d+$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
}

/** `loopback` (the default), `false`, a hop count, or a comma-separated list of addresses, subnets and names. */
function parseTrustProxy(env: Env, problems: string[]): AppConfig['trustProxy'] {
  const raw = env['RESONANCE_TRUST_PROXY']?.trim() ?? '';
  if (raw === '') return ['loopback'];
  if (raw === 'false') return false;
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops <= 10) return hops === 0 ? false : hops;
  } else if (raw !== 'true') {
    const entries = raw.split(',').map((e) => e.trim());
    const bad = entries.filter((e) => !isAddressOrSubnet(e));
    if (bad.length === 0) return entries;
  }
  problems.push(
    `RESONANCE_TRUST_PROXY must be false, a number of proxies from 0 to 10, or a comma-separated list of addresses, CIDR subnets or ${PROXY_SUBNET_NAMES.join('/')} (got '${raw}'; 'true' is refused: it would let any client choose its own IP)`,
  );
  return ['loopback'];
}

/** Validates an environment into an AppConfig, listing every problem at once. */
/** One ingest thread per core beyond the first, at most two (the api's own thread and PostgreSQL need the rest). */
export function defaultIngestThreads(): number {
  return Math.max(0, Math.min(2, availableParallelism() - 1));
}

export function parseConfig(env: Env, cwd: string = process.cwd()): AppConfig {
  const problems: string[] = [];
  const nodeEnv = parseEnum(env, 'NODE_ENV', NODE_ENVS, 'development', problems);

  let databaseUrl: string | null = env['DATABASE_URL']?.trim() || null;
  if (databaseUrl) {
    try {
      const url = new URL(databaseUrl);
      if (!['postgres:', 'postgresql:'].includes(url.protocol)) {
        problems.push(`DATABASE_URL must start with postgres:// or postgresql:// (got '${url.protocol}//…')`);
      }
    } catch {
      problems.push('DATABASE_URL is not a valid URL (expected postgres://user:password@host:5432/database)');
      databaseUrl = null;
    }
  }

  const adminEmail = env['RESONANCE_ADMIN_EMAIL']?.trim() || null;
  const adminPassword = env['RESONANCE_ADMIN_PASSWORD'] || null;
  if ((adminEmail === null) !== (adminPassword === null)) {
    problems.push('RESONANCE_ADMIN_EMAIL and RESONANCE_ADMIN_PASSWORD must be set together');
  }
  if (adminEmail !== null && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(adminEmail)) {
    problems.push(`RESONANCE_ADMIN_EMAIL must be an email address (got '${adminEmail}')`);
  }
  if (adminPassword !== null && adminPassword.length < 12) {
    problems.push('RESONANCE_ADMIN_PASSWORD must be at least 12 characters');
  }

  const dashboardRaw = env['RESONANCE_DASHBOARD_DIR'];
  const dashboardDir = dashboardRaw === 'none' ? null : path.resolve(cwd, dashboardRaw || 'apps/dashboard/dist');

  const smtpUrl = env['SMTP_URL']?.trim() || null;
  if (smtpUrl) {
    try {
      const url = new URL(smtpUrl);
      if (!['smtp:', 'smtps:'].includes(url.protocol)) {
        problems.push(`SMTP_URL must start with smtp:// or smtps:// (got '${url.protocol}//…')`);
      }
    } catch {
      problems.push('SMTP_URL is not a valid URL (expected smtp://user:password@host:587)');
    }
  }
  const publicUrl = (env['RESONANCE_PUBLIC_URL']?.trim() || '').replace(/\/+$/, '');
  if (publicUrl && !/^https?:\/\/[^/\s]+/.test(publicUrl)) {
    problems.push(
      `RESONANCE_PUBLIC_URL must be an http(s) address such as https://resonance.example.org (got '${publicUrl}')`,
    );
  }

  const host = env['HOST']?.trim() || '0.0.0.0';
  const port = parseInteger(env, 'PORT', 3000, 0, 65535, problems);
  const config: AppConfig = {
    nodeEnv,
    port,
    host,
    databaseUrl,
    dataDir: path.resolve(cwd, env['RESONANCE_DATA_DIR'] || '.resonance/pg'),
    seedDemo: parseBoolean(env, 'RESONANCE_SEED_DEMO', databaseUrl === null, problems),
    adminEmail,
    adminPassword,
    adminOrganizationName: env['RESONANCE_ADMIN_ORGANIZATION']?.trim() || 'Resonance',
    allowSignup: parseBoolean(env, 'RESONANCE_ALLOW_SIGNUP', false, problems),
    dashboardDir,
    rawEventRetentionDays: parseInteger(env, 'RESONANCE_RAW_EVENT_RETENTION_DAYS', 400, 1, 3650, problems),
    ingestThreads: parseInteger(env, 'RESONANCE_INGEST_THREADS', defaultIngestThreads(), 0, 16, problems),
    logLevel: parseEnum(env, 'LOG_LEVEL', LOG_LEVELS, nodeEnv === 'test' ? 'warn' : 'log', problems),
    secureCookies: parseBoolean(env, 'RESONANCE_SECURE_COOKIES', nodeEnv === 'production', problems),
    bodyLimitBytes: parseInteger(
      env,
      'RESONANCE_BODY_LIMIT_BYTES',
      20 * 1024 * 1024,
      1024,
      512 * 1024 * 1024,
      problems,
    ),
    maxInflatedBytes: parseInteger(
      env,
      'RESONANCE_MAX_INFLATED_BYTES',
      128 * 1024 * 1024,
      1024,
      64 * 1024 * 1024 * 1024,
      problems,
    ),
    trustProxy: parseTrustProxy(env, problems),
    authRateLimitPerMinute: parseInteger(env, 'RESONANCE_AUTH_RATE_LIMIT_PER_MINUTE', 20, 1, 10000, problems),
    smtpUrl,
    mailFrom: env['RESONANCE_MAIL_FROM']?.trim() || 'Resonance <no-reply@resonance.local>',
    publicUrl: publicUrl || `http://localhost:${port}`,
    digestRetryDelaySeconds: parseInteger(env, 'RESONANCE_DIGEST_RETRY_DELAY_SECONDS', 60, 1, 86400, problems),
    importMaxRows: parseInteger(env, 'RESONANCE_IMPORT_MAX_ROWS', 200_000, 1, 10_000_000, problems),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** The one place that reads process.env. */
export function loadConfigFromEnv(overrides: Env = {}): AppConfig {
  return parseConfig({ ...process.env, ...overrides });
}

export const APP_CONFIG = Symbol('APP_CONFIG');
