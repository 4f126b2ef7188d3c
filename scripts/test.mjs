#!/usr/bin/env node
// Runs every *.test.ts beside the code through node:test (with tsx for TypeScript).
// Usage: node scripts/test.mjs [path-filter ...]
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const roots = ['packages', 'apps', 'bench', 'e2e'];
const skipDirs = new Set(['node_modules', 'dist', '.tsbuild', 'data']);
const files = [];
function walk(dir) {
  let entries;
  try { entries = readdirSync(dir); } catch { return; }
  for (const name of entries) {
    if (skipDirs.has(name)) continue;
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) walk(p);
    else if (/\.test\.tsx?$/.test(name)) files.push(relative(root, p));
  }
}
for (const r of roots) walk(join(root, r));
const filters = process.argv.slice(2);
const selected = files.filter((f) => filters.length === 0 || filters.some((x) => f.includes(x))).sort();
if (selected.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
if (!process.env.TEST_POSTGRES_URL) {
  console.log('note: TEST_POSTGRES_URL is not set, so the PostgreSQL leg of the storage suite is skipped (set it to e.g. postgres://postgres@127.0.0.1:5432/test).');
}
const r = spawnSync(process.execPath, ['--import', 'tsx', '--conditions=notewave-source', '--test', '--test-concurrency=2', ...selected], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'test' },
});
process.exit(r.status ?? 1);
