import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { parseConfig, SETTING_NAMES } from './config.ts';

const root = new URL('../../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const SYSTEMD = readdirSync(new URL('deploy/systemd/', root)).map((f) => `deploy/systemd/${f}`);
const DEPLOY_TEXTS = ['docs/deploy.md', 'deploy/compose.yaml', 'deploy/Caddyfile', ...SYSTEMD];

interface ComposeService {
  environment?: Record<string, string>;
  profiles?: string[];
  volumes?: string[];
  command?: string[];
}

function compose(): { services: Record<string, ComposeService> } {
  // Docker Compose reads YAML merge keys (`<<: *notewave`), which YAML 1.2 leaves to the reader to turn on.
  return parse(read('deploy/compose.yaml'), { merge: true }) as { services: Record<string, ComposeService> };
}

function settingsNamed(text: string): string[] {
  return [...new Set(text.match(/\bNOTEWAVE_[A-Z0-9_]*[A-Z0-9]\b/g) ?? [])];
}

test('every setting the deployment files name is one config.ts reads', () => {
  for (const path of DEPLOY_TEXTS) {
    const unknown = settingsNamed(read(path)).filter((name) => !SETTING_NAMES.includes(name));
    assert.deepEqual(unknown, [], `${path} names settings config.ts does not read`);
  }
});

test('the deployment guide lists every setting config.ts reads', () => {
  const named = settingsNamed(read('docs/deploy.md'));
  assert.deepEqual(SETTING_NAMES.filter((name) => !named.includes(name)), []);
});

test('the compose file parses into PostgreSQL, two API nodes, one worker, a proxy and NATS behind a profile', () => {
  const { services } = compose();
  assert.deepEqual(Object.keys(services).sort(), ['api1', 'api2', 'migrate', 'nats', 'postgres', 'proxy', 'worker']);
  assert.equal(services.api1?.environment?.NOTEWAVE_ROLE, 'api');
  assert.equal(services.api2?.environment?.NOTEWAVE_ROLE, 'api');
  assert.equal(services.worker?.environment?.NOTEWAVE_ROLE, 'worker');
  assert.deepEqual(services.migrate?.command, ['migrate']);
  assert.deepEqual(services.nats?.profiles, ['nats']);
  for (const name of ['api1', 'api2', 'worker']) {
    const env = services[name]?.environment ?? {};
    assert.match(env.NOTEWAVE_DATABASE_URL ?? '', /^postgres:\/\/.*@postgres:5432\//, `${name} uses the compose database`);
    assert.ok(services[name]?.volumes?.includes('uploads:/data/uploads'), `${name} shares the upload volume`);
    for (const key of Object.keys(env).filter((k) => k.startsWith('NOTEWAVE_'))) assert.ok(SETTING_NAMES.includes(key), `${name}: ${key}`);
  }
  const caddyfile = services.proxy?.volumes?.find((v) => v.includes('Caddyfile'))?.split(':')[0] ?? '';
  assert.ok(existsSync(new URL(`deploy/${caddyfile.replace(/^\.\//, '')}`, root)), 'the proxy config the compose file mounts exists');
  assert.match(read('deploy/Caddyfile'), /reverse_proxy api1:3000 api2:3000/);
});

test('the systemd env example is a valid configuration that leaves role and port to the units', () => {
  const env: Record<string, string> = {};
  for (const line of read('deploy/systemd/notewave.env.example').split('\n')) {
    const t = line.trim();
    if (t === '' || t.startsWith('#')) continue;
    const eq = t.indexOf('=');
    assert.ok(eq > 0, `not a KEY=value line: ${t}`);
    env[t.slice(0, eq)] = t.slice(eq + 1);
  }
  assert.equal(env.NOTEWAVE_ROLE, undefined);
  assert.equal(env.NOTEWAVE_PORT, undefined);
  const { config, warnings } = parseConfig(env);
  assert.deepEqual(warnings, []);
  assert.match(config.databaseUrl, /^postgres:\/\//);
  assert.match(read('deploy/systemd/notewave-api@.service'), /^Environment=NOTEWAVE_ROLE=api$/m);
  assert.match(read('deploy/systemd/notewave-api@.service'), /^Environment=NOTEWAVE_PORT=%i$/m);
  assert.match(read('deploy/systemd/notewave-worker.service'), /^Environment=NOTEWAVE_ROLE=worker$/m);
  for (const unit of SYSTEMD.filter((f) => f.endsWith('.service'))) {
    assert.match(read(unit), /^ExecStart=\/usr\/bin\/node .*bin\/notewave\.mjs serve$/m, unit);
  }
  assert.ok(existsSync(new URL('bin/notewave.mjs', root)));
});
