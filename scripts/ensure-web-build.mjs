#!/usr/bin/env node
// Builds the web app once when its bundle is missing, so `npm start` on a fresh clone serves a working page.
// An existing bundle is left alone (rebuild with `npm run build -w apps/web`).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
if (!existsSync(`${root}apps/web/dist/index.html`)) {
  console.log('building the web app (apps/web/dist is missing)…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['run', 'build', '-w', 'apps/web'], { cwd: root, stdio: 'inherit' });
  // The API still starts without the page; the server answers / with a note on how to build it.
  if (r.status !== 0) console.error('the web app could not be built; the API starts without it');
}
