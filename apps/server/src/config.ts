import { EngineError, isValidTimeZone } from '@notewave/engine';
import { MODELS } from './jobs/train-model.ts';

/*
 * The only module that reads process.env. Everything else receives a frozen Config, so a setting is parsed
 * and checked once, at start-up, and a typo fails loudly instead of silently falling back to a default.
 */

export const ROLES = ['all', 'api', 'worker'] as const;
export type ServerRole = (typeof ROLES)[number];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  databaseUrl: string;
  port: number;
  host: string;
  role: ServerRole;
  uploadDir: string;
  maxUploadBytes: number;
  bodyLimit: number;
  logLevel: LogLevel;
  tokenTtlMs: number;
  /**
   * User ids of existing accounts that are made operators at start-up (ids that name no account are reported and
   * skipped). Never handles: whoever registers a handle first must not become an operator.
   */
  operatorIds: readonly string[];
  /** When set, GET /metrics needs `Authorization: Bearer <token>`; unset, it is open. */
  metricsToken: string | null;
  /** When set (`host:port`), /metrics is served only on this separate address, not on the API's. */
  metricsAddress: { host: string; port: number } | null;
  /**
   * Origins (`https://cdn.example`) whose images notes may show, besides this server's own /uploads/ and
   * /covers/ paths. Empty: only local images, so a note cannot load a tracking pixel from elsewhere.
   */
  imageOrigins: readonly string[];
  /** How often an API node reads events other nodes appended; 0 turns tailing off. */
  eventTailMs: number;
  /** Apply pending storage migrations when the server starts. */
  autoMigrate: boolean;
  /** Seed for the engine's randomness (exploration, sampling); random when unset. */
  seed: number | null;
  /** Behind a reverse proxy: take the client address from X-Forwarded-For (sign-in throttling keys on it). */
  trustProxy: boolean;
  /** Which model of the training registry the feed's collaborative source is trained with. */
  model: string;
  /** How often the jobs role retrains the model from the event log; 0 turns training off on this node. */
  modelRefreshMs: number;
  /** Positive (user, note) pairs needed before a model is trained at all. */
  modelMinInteractions: number;
  /** IANA time zone the community's analytics count days in. */
  timeZone: string;
}

type Env = Readonly<Record<string, string | undefined>>;

interface Setting<K extends keyof Config> {
  key: K;
  env: string;
  parse(raw: string): Config[K];
  fallback: Config[K];
}

function setting<K extends keyof Config>(key: K, env: string, fallback: Config[K], parse: (raw: string) => Config[K]): Setting<K> {
  return { key, env, fallback, parse };
}

const SETTINGS = [
  setting('databaseUrl', 'NOTEWAVE_DATABASE_URL', 'sqlite://./data/notewave.db', (raw) => {
    if (!/^(sqlite:|postgres(ql)?:\/\/)/.test(raw)) throw new Error('must start with sqlite:// , sqlite::memory: or postgres://');
    return raw;
  }),
  setting('port', 'NOTEWAVE_PORT', 3000, (raw) => int(raw, 0, 65_535)),
  setting('host', 'NOTEWAVE_HOST', '127.0.0.1', nonEmpty),
  setting('role', 'NOTEWAVE_ROLE', 'all', (raw) => oneOf(raw, ROLES)),
  setting('uploadDir', 'NOTEWAVE_UPLOAD_DIR', './data/uploads', nonEmpty),
  setting('maxUploadBytes', 'NOTEWAVE_MAX_UPLOAD_BYTES', 10 * 1024 * 1024, (raw) => bytes(raw)),
  setting('bodyLimit', 'NOTEWAVE_BODY_LIMIT', 1024 * 1024, (raw) => bytes(raw)),
  setting('logLevel', 'NOTEWAVE_LOG_LEVEL', 'info', (raw) => oneOf(raw, LOG_LEVELS)),
  setting('tokenTtlMs', 'NOTEWAVE_TOKEN_TTL', 30 * 86_400_000, (raw) => duration(raw)),
  setting('operatorIds', 'NOTEWAVE_OPERATOR_IDS', [], (raw) => Object.freeze(list(raw).map(userId))),
  setting('metricsToken', 'NOTEWAVE_METRICS_TOKEN', null, (raw) => {
    if (raw.length < 16) throw new Error('must be at least 16 characters');
    return raw;
  }),
  setting('metricsAddress', 'NOTEWAVE_METRICS_ADDRESS', null, hostPort),
  setting('imageOrigins', 'NOTEWAVE_IMAGE_ORIGINS', [], (raw) => Object.freeze(list(raw).map(origin))),
  setting('eventTailMs', 'NOTEWAVE_EVENT_TAIL_MS', 1000, (raw) => int(raw, 0, 3_600_000)),
  setting('autoMigrate', 'NOTEWAVE_AUTO_MIGRATE', true, bool),
  setting('seed', 'NOTEWAVE_SEED', null, (raw) => int(raw, 0, 2 ** 32 - 1)),
  setting('trustProxy', 'NOTEWAVE_TRUST_PROXY', false, bool),
  setting('model', 'NOTEWAVE_MODEL', 'itemknn', (raw) => oneOf(raw, Object.keys(MODELS))),
  setting('modelRefreshMs', 'NOTEWAVE_MODEL_REFRESH', 15 * 60_000, (raw) => (raw === '0' ? 0 : duration(raw))),
  setting('modelMinInteractions', 'NOTEWAVE_MODEL_MIN_INTERACTIONS', 100, (raw) => int(raw, 1, 1_000_000_000)),
  setting('timeZone', 'NOTEWAVE_TIME_ZONE', 'UTC', (raw) => {
    if (!isValidTimeZone(raw)) throw new Error('must be an IANA time zone such as UTC, Asia/Shanghai or America/New_York');
    return raw;
  }),
] as const;

/** Names of every setting, for the example-file test and for typo detection. */
export const SETTING_NAMES: readonly string[] = SETTINGS.map((s) => s.env);

export interface ParsedConfig {
  config: Config;
  /** Unknown NOTEWAVE_* variables: probably typos, reported at start-up. */
  warnings: string[];
}

/** Parses settings from an environment-like map; throws EngineError('config_invalid') listing every bad value. */
export function parseConfig(env: Env): ParsedConfig {
  const out: Record<string, unknown> = {};
  const errors: string[] = [];
  for (const s of SETTINGS) {
    const raw = env[s.env]?.trim();
    if (raw === undefined || raw === '') {
      out[s.key] = s.fallback;
      continue;
    }
    try {
      out[s.key] = s.parse(raw);
    } catch (e) {
      errors.push(`${s.env}=${JSON.stringify(raw)}: ${(e as Error).message}`);
    }
  }
  if (errors.length > 0) throw new EngineError('config_invalid', `invalid configuration:\n  ${errors.join('\n  ')}`);
  const warnings = Object.keys(env)
    .filter((k) => k.startsWith('NOTEWAVE_') && !SETTING_NAMES.includes(k))
    .map((k) => `unknown setting ${k} is ignored`);
  return { config: Object.freeze(out as unknown as Config), warnings };
}

/** Reads process.env once; `overrides` (e.g. from CLI flags) win over the environment. */
export function loadConfig(overrides: Record<string, string | undefined> = {}): ParsedConfig {
  const given = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  return parseConfig({ ...process.env, ...given });
}

function list(raw: string): string[] {
  return raw.split(',').map((v) => v.trim()).filter((v) => v.length > 0);
}

function userId(raw: string): string {
  if (!/^[A-Za-z0-9_.:-]{1,64}$/.test(raw)) throw new Error(`'${raw}' is not a user id (see GET /api/me or \`notewave operator list\`)`);
  return raw;
}

/** `https://cdn.example` (scheme, host and optional port; no path). */
function origin(raw: string): string {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new Error(`'${raw}' is not an origin such as https://cdn.example`);
  }
  if ((u.protocol !== 'https:' && u.protocol !== 'http:') || u.origin !== raw.replace(/\/$/, '')) {
    throw new Error(`'${raw}' is not an origin such as https://cdn.example`);
  }
  return u.origin;
}

/** `127.0.0.1:9100`, `[::1]:9100`. */
function hostPort(raw: string): { host: string; port: number } {
  const m = /^(\[[0-9a-fA-F:]+\]|[^:\s]+):(\d+)$/.exec(raw);
  if (!m) throw new Error('must be host:port, such as 127.0.0.1:9100');
  return { host: (m[1] as string).replace(/^\[|\]$/g, ''), port: int(m[2] as string, 0, 65_535) };
}

function nonEmpty(raw: string): string {
  if (raw.length === 0) throw new Error('must not be empty');
  return raw;
}

function int(raw: string, min: number, max: number): number {
  if (!/^\d+$/.test(raw)) throw new Error('must be a whole number');
  const n = Number(raw);
  if (n < min || n > max) throw new Error(`must be between ${min} and ${max}`);
  return n;
}

function oneOf<T extends string>(raw: string, values: readonly T[]): T {
  if (!(values as readonly string[]).includes(raw)) throw new Error(`must be one of ${values.join(', ')}`);
  return raw as T;
}

function bool(raw: string): boolean {
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new Error('must be true or false');
}

const BYTE_UNITS: Record<string, number> = { '': 1, b: 1, kb: 1024, k: 1024, mb: 1024 ** 2, m: 1024 ** 2, gb: 1024 ** 3, g: 1024 ** 3 };

/** `1048576`, `512kb`, `10mb`. */
function bytes(raw: string): number {
  const m = /^(\d+)\s*([a-z]*)$/i.exec(raw);
  const unit = m ? BYTE_UNITS[(m[2] ?? '').toLowerCase()] : undefined;
  if (!m || unit === undefined) throw new Error('must be a size such as 1048576, 512kb or 10mb');
  const n = Number(m[1]) * unit;
  if (n < 1) throw new Error('must be at least 1 byte');
  return n;
}

const DURATION_UNITS: Record<string, number> = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `3600` (seconds), `90m`, `12h`, `30d`. */
function duration(raw: string): number {
  const m = /^(\d+)\s*([smhd]?)$/i.exec(raw);
  const unit = m ? DURATION_UNITS[(m[2] ?? '').toLowerCase()] : undefined;
  if (!m || unit === undefined) throw new Error('must be a duration such as 3600, 90m, 12h or 30d');
  const ms = Number(m[1]) * unit;
  if (ms < 60_000) throw new Error('must be at least one minute');
  return ms;
}
