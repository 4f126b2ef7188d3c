import { EngineError, isValidTimeZone } from '@notewave/engine';
import { MODELS } from './jobs/train-model.ts';

/*
 * The only module that reads process.env. Everything else receives a frozen Config, so a setting is parsed
 * and checked once, at start-up, and a typo fails loudly instead of silently falling back to a default.
 */

export const ROLES = ['all', 'api', 'worker'] as const;
export type ServerRole = (typeof ROLES)[number];

/** What wakes a node when another one committed: PostgreSQL LISTEN/NOTIFY, or a NATS JetStream stream. */
export const EVENT_BUSES = ['postgres', 'nats'] as const;
export type EventBusKind = (typeof EVENT_BUSES)[number];

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
  /** Which bus carries the wake-ups between nodes on a shared store; the store stays the log they read. */
  eventBus: EventBusKind;
  /** NATS servers (`nats://host:4222`, comma-separated) when the bus is `nats`. */
  natsUrl: string | null;
  /** The NATS subject wake-ups are published on; its JetStream stream is named after it. One per deployment. */
  natsSubject: string;
  /** Apply pending storage migrations when the server starts. */
  autoMigrate: boolean;
  /** Seed for the engine's randomness (exploration, sampling); random when unset. */
  seed: number | null;
  /**
   * Behind reverse proxies: which X-Forwarded-For hops to believe, as the number of proxies in front of the server
   * or the proxies' addresses / CIDR ranges; false reads the socket address. Rate limits key on the result.
   */
  trustProxy: TrustProxy;
  /** Master switch for the request rate limits and the event quota (sign-in throttling always applies). */
  rateLimits: boolean;
  /** Per window: writes by one account, and by one address (NATs share one, so it is larger). */
  limitWritesPerUser: RateRule | null;
  limitWritesPerIp: RateRule | null;
  limitSignupsPerIp: RateRule | null;
  limitSigninsPerIp: RateRule | null;
  limitSearchesPerUser: RateRule | null;
  limitSearchesPerIp: RateRule | null;
  /** Events one user may have stored per window; the excess of a batch is dropped and reported per item. */
  limitEventsPerUser: RateRule | null;
  /** Failed sign-ins for one handle from one address before that pair must wait for the window to end. */
  loginFailuresPerPair: RateRule;
  /** Failed sign-ins for one handle from anywhere before it accepts one attempt per minute (from anyone). */
  loginFailuresPerHandle: RateRule;
  /** Which model of the training registry the feed's collaborative source is trained with. */
  model: string;
  /** How often the jobs role retrains the model from the event log; 0 turns training off on this node. */
  modelRefreshMs: number;
  /**
   * How long the jobs role keeps change-log entries on a shared database; 0 keeps them forever. A node further behind
   * than this misses changes, reports itself degraded and (under `notewave serve`) exits to be restarted from storage.
   */
  changeLogRetentionMs: number;
  /**
   * Where a node writes its engine snapshot when it shuts down and restores it from at start (then reading only the
   * log after it): `auto` (beside a SQLite database file, none otherwise), `off`, or a file path.
   */
  engineSnapshot: string;
  /** Positive (user, note) pairs needed before a model is trained at all. */
  modelMinInteractions: number;
  /** IANA time zone the community's analytics count days in. */
  timeZone: string;
}

/** `limit` hits per `windowMs`. */
export interface RateRule {
  limit: number;
  windowMs: number;
}

/** As Fastify's `trustProxy` takes it: false, a hop count, or proxy addresses and CIDR ranges. */
export type TrustProxy = false | number | readonly string[];

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
  setting('eventBus', 'NOTEWAVE_EVENT_BUS', 'postgres', (raw) => oneOf(raw, EVENT_BUSES)),
  setting('natsUrl', 'NOTEWAVE_NATS_URL', null, natsServers),
  setting('natsSubject', 'NOTEWAVE_NATS_SUBJECT', 'notewave.commits', natsSubject),
  setting('autoMigrate', 'NOTEWAVE_AUTO_MIGRATE', true, bool),
  setting('seed', 'NOTEWAVE_SEED', null, (raw) => int(raw, 0, 2 ** 32 - 1)),
  setting('trustProxy', 'NOTEWAVE_TRUST_PROXY', false, trustProxy),
  setting('rateLimits', 'NOTEWAVE_RATE_LIMITS', true, bool),
  setting('limitWritesPerUser', 'NOTEWAVE_LIMIT_WRITES_PER_USER', { limit: 300, windowMs: 60_000 }, optionalRule),
  setting('limitWritesPerIp', 'NOTEWAVE_LIMIT_WRITES_PER_IP', { limit: 1_200, windowMs: 60_000 }, optionalRule),
  setting('limitSignupsPerIp', 'NOTEWAVE_LIMIT_SIGNUPS_PER_IP', { limit: 20, windowMs: 3_600_000 }, optionalRule),
  setting('limitSigninsPerIp', 'NOTEWAVE_LIMIT_SIGNINS_PER_IP', { limit: 60, windowMs: 60_000 }, optionalRule),
  setting('limitSearchesPerUser', 'NOTEWAVE_LIMIT_SEARCHES_PER_USER', { limit: 120, windowMs: 60_000 }, optionalRule),
  setting('limitSearchesPerIp', 'NOTEWAVE_LIMIT_SEARCHES_PER_IP', { limit: 600, windowMs: 60_000 }, optionalRule),
  setting('limitEventsPerUser', 'NOTEWAVE_LIMIT_EVENTS_PER_USER', { limit: 3_000, windowMs: 60_000 }, optionalRule),
  setting('loginFailuresPerPair', 'NOTEWAVE_LOGIN_FAILURES_PER_PAIR', { limit: 10, windowMs: 15 * 60_000 }, rule),
  setting('loginFailuresPerHandle', 'NOTEWAVE_LOGIN_FAILURES_PER_HANDLE', { limit: 100, windowMs: 15 * 60_000 }, rule),
  setting('model', 'NOTEWAVE_MODEL', 'itemknn', (raw) => oneOf(raw, Object.keys(MODELS))),
  setting('modelRefreshMs', 'NOTEWAVE_MODEL_REFRESH', 15 * 60_000, (raw) => (raw === '0' ? 0 : duration(raw))),
  setting('changeLogRetentionMs', 'NOTEWAVE_CHANGE_LOG_RETENTION', 7 * 86_400_000, (raw) => (raw === '0' ? 0 : duration(raw))),
  setting('engineSnapshot', 'NOTEWAVE_ENGINE_SNAPSHOT', 'auto', nonEmpty),
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
  if (errors.length === 0) errors.push(...busErrors(out as unknown as Config));
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

/** Settings that are only wrong together. */
function busErrors(c: Config): string[] {
  if (c.eventBus === 'nats') {
    if (c.natsUrl === null) return ['NOTEWAVE_EVENT_BUS=nats needs NOTEWAVE_NATS_URL (such as nats://127.0.0.1:4222)'];
    if (!/^postgres(ql)?:\/\//.test(c.databaseUrl)) return ['NOTEWAVE_EVENT_BUS=nats needs a shared PostgreSQL store in NOTEWAVE_DATABASE_URL: the bus only wakes nodes, they read the store'];
  } else if (c.natsUrl !== null) {
    return ['NOTEWAVE_NATS_URL is set but NOTEWAVE_EVENT_BUS is postgres: set NOTEWAVE_EVENT_BUS=nats to use NATS, or unset NOTEWAVE_NATS_URL'];
  }
  return [];
}

/** `nats://127.0.0.1:4222`, `nats://a:4222,nats://b:4222`, `tls://nats.example:4222`, `127.0.0.1:4222`. */
function natsServers(raw: string): string {
  const servers = list(raw);
  const server = /^(?:(?:nats|tls|ws|wss):\/\/)?(?:[^\s:/@]+(?::[^\s/@]*)?@)?(?:\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+)(?::\d{1,5})?$/;
  const bad = servers.find((s) => !server.test(s));
  if (servers.length === 0 || bad !== undefined) throw new Error(`must be NATS server URLs such as nats://127.0.0.1:4222, comma-separated${bad ? ` ('${bad}' is not one)` : ''}`);
  return servers.join(',');
}

/** A concrete subject: dot-separated tokens, no wildcards, so one deployment's nodes share it and no other's. */
function natsSubject(raw: string): string {
  if (!/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/.test(raw) || raw.length > 200) {
    throw new Error('must be a NATS subject of letters, digits, - and _ tokens joined by dots, such as notewave.commits');
  }
  return raw;
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

/**
 * `1` (hops: the number of proxies in front), or addresses and CIDR ranges of the proxies (`10.0.0.0/8,::1`);
 * `false`/`0` reads the socket address. `true` is refused: it would believe any address a client writes itself.
 */
function trustProxy(raw: string): TrustProxy {
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  if (/^(1|true|yes|on)$/i.test(raw) && !/^1$/.test(raw)) {
    throw new Error('true would trust any X-Forwarded-For a client sends: give the number of proxies in front (e.g. 1) or their addresses');
  }
  if (/^\d+$/.test(raw)) return int(raw, 1, 32);
  const list = raw.split(',').map((a) => a.trim()).filter((a) => a.length > 0);
  const address = /^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f:.]*:[0-9a-f:.]*)(?:\/\d{1,3})?$/i;
  const named = /^(loopback|linklocal|uniquelocal)$/;
  const bad = list.find((a) => !address.test(a) && !named.test(a));
  if (list.length === 0 || bad !== undefined) throw new Error(`must be a hop count or proxy addresses / CIDR ranges${bad ? ` ('${bad}' is neither)` : ''}`);
  return Object.freeze(list);
}

const WINDOW_UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `120/1m`: at most 120 per minute (windows in s, m, h or d). */
function rule(raw: string): RateRule {
  const m = /^(\d+)\s*\/\s*(\d*)\s*([smhd])$/i.exec(raw);
  if (!m) throw new Error('must be a limit per window such as 120/1m, 20/1h or 5/30s');
  const limit = int(m[1] as string, 1, 1_000_000_000);
  const windowMs = (m[2] === '' ? 1 : Number(m[2])) * (WINDOW_UNITS[(m[3] as string).toLowerCase()] as number);
  if (windowMs < 1000 || windowMs > 7 * 86_400_000) throw new Error('the window must be between 1s and 7d');
  return Object.freeze({ limit, windowMs });
}

/** A rule, or `off`. */
function optionalRule(raw: string): RateRule | null {
  return /^off$/i.test(raw) ? null : rule(raw);
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
