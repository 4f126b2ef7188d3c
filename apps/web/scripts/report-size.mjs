#!/usr/bin/env node
// After `vite build`: writes a gzip and a brotli copy beside each script and stylesheet (the server sends the
// smallest one the browser accepts, without compressing per request), and prints each asset's sizes and the
// first-load total of JS + CSS that index.html pulls in.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dist = new URL('../dist/', import.meta.url).pathname;
const assets = join(dist, 'assets');
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const linked = new Set([...html.matchAll(/(?:src|href)="\/assets\/([^"]+)"/g)].map((m) => m[1]));
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
let firstGzip = 0;
let firstBrotli = 0;
const rows = [];
for (const name of readdirSync(assets).sort()) {
  if (!/\.(js|css|svg)$/.test(name)) continue;
  const bytes = readFileSync(join(assets, name));
  const gz = gzipSync(bytes, { level: 9 });
  const br = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
  writeFileSync(join(assets, `${name}.gz`), gz);
  writeFileSync(join(assets, `${name}.br`), br);
  const initial = linked.has(name) && /\.(js|css)$/.test(name);
  if (initial) {
    firstGzip += gz.length;
    firstBrotli += br.length;
  }
  rows.push(`${initial ? '*' : ' '} ${name.padEnd(34)} ${kb(bytes.length).padStart(9)} raw ${kb(gz.length).padStart(9)} gzip ${kb(br.length).padStart(9)} brotli`);
}
console.log(rows.join('\n'));
console.log(`first load (JS + CSS marked *): ${kb(firstGzip)} gzip, ${kb(firstBrotli)} brotli, of a 250 KB budget`);
