#!/usr/bin/env node
// Prints each built asset with its raw and gzip size, and the first-load total of JS + CSS that index.html pulls in.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = new URL('../dist/', import.meta.url).pathname;
const assets = join(dist, 'assets');
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const linked = new Set([...html.matchAll(/(?:src|href)="\/assets\/([^"]+)"/g)].map((m) => m[1]));
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
let first = 0;
const rows = [];
for (const name of readdirSync(assets).sort()) {
  const bytes = readFileSync(join(assets, name));
  const gz = gzipSync(bytes, { level: 9 }).length;
  const initial = linked.has(name) && /\.(js|css)$/.test(name);
  if (initial) first += gz;
  rows.push(`${initial ? '*' : ' '} ${name.padEnd(40)} ${kb(statSync(join(assets, name)).size).padStart(10)} ${kb(gz).padStart(10)} gzip`);
}
console.log(rows.join('\n'));
console.log(`first load (JS + CSS marked *, gzip): ${kb(first)} of a 250 KB budget`);
