#!/usr/bin/env node
// The notewave command: runs the CLI compiled into apps/server/dist by `npm run build` (which `npm install` runs),
// so a production install needs nothing but Node. During development, `npm run cli -- <command>` runs the sources.
import { existsSync } from 'node:fs';

const main = new URL('../apps/server/dist/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  console.error('notewave: apps/server/dist is missing; run `npm run build` (npm install runs it) first.');
  process.exit(1);
}
process.setSourceMapsEnabled(true);
await import(main.href);
