import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseConfig, SETTING_NAMES } from './config.ts';

function parseEnvFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (t === '' || t.startsWith('#')) continue;
    const eq = t.indexOf('=');
    assert.ok(eq > 0, `not a KEY=value line: ${t}`);
    env[t.slice(0, eq)] = t.slice(eq + 1);
  }
  return env;
}

test('the example env file parses and lists every setting with its default', () => {
  const env = parseEnvFile(readFileSync(new URL('../../../notewave.example.env', import.meta.url), 'utf8'));
  assert.deepEqual(Object.keys(env).sort(), [...SETTING_NAMES].sort());
  const fromExample = parseConfig(env);
  assert.deepEqual(fromExample.warnings, []);
  assert.deepEqual(fromExample.config, parseConfig({}).config);
});

test('defaults are sensible and the config is frozen', () => {
  const { config } = parseConfig({});
  assert.equal(config.databaseUrl, 'sqlite://./data/notewave.db');
  assert.equal(config.port, 3000);
  assert.equal(config.host, '127.0.0.1');
  assert.equal(config.role, 'all');
  assert.ok(Object.isFrozen(config));
});

test('sizes, durations and lists are parsed', () => {
  const { config } = parseConfig({
    NOTEWAVE_MAX_UPLOAD_BYTES: '2mb',
    NOTEWAVE_BODY_LIMIT: '512kb',
    NOTEWAVE_TOKEN_TTL: '12h',
    NOTEWAVE_OPERATOR_IDS: 'u_1, u_2 ,',
    NOTEWAVE_ROLE: 'worker',
  });
  assert.equal(config.maxUploadBytes, 2 * 1024 * 1024);
  assert.equal(config.bodyLimit, 512 * 1024);
  assert.equal(config.tokenTtlMs, 12 * 3_600_000);
  assert.deepEqual(config.operatorIds, ['u_1', 'u_2']);
  assert.equal(config.role, 'worker');
});

test('bad values fail with one message naming every bad setting', () => {
  assert.throws(
    () => parseConfig({ NOTEWAVE_PORT: 'eighty', NOTEWAVE_ROLE: 'boss', NOTEWAVE_DATABASE_URL: 'mysql://x' }),
    (e: Error) => /NOTEWAVE_PORT/.test(e.message) && /NOTEWAVE_ROLE/.test(e.message) && /NOTEWAVE_DATABASE_URL/.test(e.message),
  );
});

test('unknown NOTEWAVE_ names are reported as likely typos', () => {
  assert.deepEqual(parseConfig({ NOTEWAVE_PROT: '1' }).warnings, ['unknown setting NOTEWAVE_PROT is ignored']);
});

test('the served model is one of the training registry, retrained on an interval that 0 turns off', () => {
  const { config } = parseConfig({ NOTEWAVE_MODEL: 'ials', NOTEWAVE_MODEL_REFRESH: '0', NOTEWAVE_MODEL_MIN_INTERACTIONS: '20' });
  assert.deepEqual([config.model, config.modelRefreshMs, config.modelMinInteractions], ['ials', 0, 20]);
  assert.equal(parseConfig({ NOTEWAVE_MODEL_REFRESH: '90m' }).config.modelRefreshMs, 90 * 60_000);
  assert.throws(
    () => parseConfig({ NOTEWAVE_MODEL: 'deepfm' }),
    (e: Error) => /NOTEWAVE_MODEL="deepfm": must be one of .*itemknn.*ials/.test(e.message),
  );
});

test('metrics protection and image origins are parsed and checked', () => {
  const { config } = parseConfig({
    NOTEWAVE_METRICS_TOKEN: 'a-long-enough-token',
    NOTEWAVE_METRICS_ADDRESS: '[::1]:9100',
    NOTEWAVE_IMAGE_ORIGINS: 'https://cdn.example, http://img.example:8080/',
  });
  assert.equal(config.metricsToken, 'a-long-enough-token');
  assert.deepEqual(config.metricsAddress, { host: '::1', port: 9100 });
  assert.deepEqual(config.imageOrigins, ['https://cdn.example', 'http://img.example:8080']);
  const defaults = parseConfig({}).config;
  assert.deepEqual([defaults.metricsToken, defaults.metricsAddress, defaults.imageOrigins], [null, null, []]);
  assert.throws(() => parseConfig({ NOTEWAVE_METRICS_TOKEN: 'short' }), /NOTEWAVE_METRICS_TOKEN/);
  assert.throws(() => parseConfig({ NOTEWAVE_METRICS_ADDRESS: '9100' }), /NOTEWAVE_METRICS_ADDRESS/);
  assert.throws(() => parseConfig({ NOTEWAVE_IMAGE_ORIGINS: 'https://cdn.example/path' }), /NOTEWAVE_IMAGE_ORIGINS/);
  assert.throws(() => parseConfig({ NOTEWAVE_OPERATOR_IDS: 'alice bob' }), /NOTEWAVE_OPERATOR_IDS/);
});

test('trusted proxies are a hop count or addresses, never a blanket true', () => {
  assert.equal(parseConfig({}).config.trustProxy, false);
  assert.equal(parseConfig({ NOTEWAVE_TRUST_PROXY: '1' }).config.trustProxy, 1);
  assert.equal(parseConfig({ NOTEWAVE_TRUST_PROXY: '2' }).config.trustProxy, 2);
  assert.deepEqual(parseConfig({ NOTEWAVE_TRUST_PROXY: '10.0.0.0/8, ::1,loopback' }).config.trustProxy, ['10.0.0.0/8', '::1', 'loopback']);
  for (const raw of ['true', 'yes', 'proxy.example', '10.0.0.0/8,nope']) {
    assert.throws(() => parseConfig({ NOTEWAVE_TRUST_PROXY: raw }), /NOTEWAVE_TRUST_PROXY/, raw);
  }
});

test('rate limits are count per window, or off', () => {
  const { config } = parseConfig({ NOTEWAVE_LIMIT_WRITES_PER_USER: '5/30s', NOTEWAVE_LIMIT_SEARCHES_PER_IP: 'off', NOTEWAVE_LOGIN_FAILURES_PER_PAIR: '3/1h' });
  assert.deepEqual(config.limitWritesPerUser, { limit: 5, windowMs: 30_000 });
  assert.equal(config.limitSearchesPerIp, null);
  assert.deepEqual(config.loginFailuresPerPair, { limit: 3, windowMs: 3_600_000 });
  assert.deepEqual(parseConfig({ NOTEWAVE_LIMIT_SIGNUPS_PER_IP: '20/h' }).config.limitSignupsPerIp, { limit: 20, windowMs: 3_600_000 });
  for (const raw of ['5', '5/', '0/1m', '5/0s', '5/1y', 'off']) {
    assert.throws(() => parseConfig({ NOTEWAVE_LOGIN_FAILURES_PER_PAIR: raw }), /NOTEWAVE_LOGIN_FAILURES_PER_PAIR/, raw);
  }
});

test('the NATS event bus needs its servers and a PostgreSQL store, and is named when its servers are given', () => {
  const pg = 'postgres://db.example/notewave';
  const nats = parseConfig({ NOTEWAVE_DATABASE_URL: pg, NOTEWAVE_EVENT_BUS: 'nats', NOTEWAVE_NATS_URL: 'nats://a:4222, nats://b:4222' }).config;
  assert.equal(nats.eventBus, 'nats');
  assert.equal(nats.natsUrl, 'nats://a:4222,nats://b:4222');
  assert.equal(nats.natsSubject, 'notewave.commits');
  assert.equal(parseConfig({}).config.eventBus, 'postgres');
  const fails = (env: Record<string, string>, pattern: RegExp) => assert.throws(() => parseConfig(env), (e: Error) => pattern.test(e.message), JSON.stringify(env));
  fails({ NOTEWAVE_DATABASE_URL: pg, NOTEWAVE_EVENT_BUS: 'nats' }, /NOTEWAVE_EVENT_BUS=nats needs NOTEWAVE_NATS_URL/);
  fails({ NOTEWAVE_EVENT_BUS: 'nats', NOTEWAVE_NATS_URL: 'nats://a:4222' }, /needs a shared PostgreSQL store/);
  fails({ NOTEWAVE_DATABASE_URL: pg, NOTEWAVE_NATS_URL: 'nats://a:4222' }, /NOTEWAVE_NATS_URL is set but NOTEWAVE_EVENT_BUS is postgres/);
  fails({ NOTEWAVE_EVENT_BUS: 'kafka' }, /NOTEWAVE_EVENT_BUS.*must be one of postgres, nats/);
  fails({ NOTEWAVE_DATABASE_URL: pg, NOTEWAVE_EVENT_BUS: 'nats', NOTEWAVE_NATS_URL: 'http://a b' }, /NOTEWAVE_NATS_URL.*'http:\/\/a b' is not one/);
  fails({ NOTEWAVE_NATS_SUBJECT: 'notewave.>' }, /NOTEWAVE_NATS_SUBJECT/);
});
