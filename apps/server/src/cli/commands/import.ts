import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Note } from '@notewave/engine';
import { openStorage } from '@notewave/storage';
import { loadConfig } from '../../config.ts';
import { importNotes } from '../../importers/import-corpus.ts';
import { readKuairecNotes, readQilinNotes } from '../../importers/index.ts';
import { parseFlags } from '../flags.ts';
import type { Command } from '../command.ts';
import { progress } from '../progress.ts';

/** Corpora in their published formats, and where a checkout finds them by default. */
const SOURCES: Record<string, { folder: string; read: (dir: string, opts: { limit?: number; authors?: number }) => Promise<Note[]> }> = {
  qilin: { folder: 'qilin-xhs-notes', read: readQilinNotes },
  kuairec: { folder: 'kuairec-sideinfo', read: readKuairecNotes },
};

const USAGE = `usage: notewave import <${Object.keys(SOURCES).join('|')}> [--dir PATH] [--limit N] [--authors N]
  --dir PATH   folder holding the corpus files (default: ../shared/data/<corpus folder>)
  --limit N    import at most N notes
  --authors N  size of the synthesized author pool (default 200)`;

export const command: Command = {
  summary: 'import real note corpora (Xiaohongshu notes from Qilin, KuaiRec captions) into the database',
  usage: USAGE,
  async run(argv) {
    const [name, ...rest] = argv;
    const source = name ? SOURCES[name] : undefined;
    if (!name || !source) {
      console.error(`notewave import: ${name ? `unknown corpus '${name}'` : 'which corpus?'}\n${USAGE}`);
      return 2;
    }
    const flags = parseFlags(rest, ['dir', 'limit', 'authors']);
    const dir = resolve(flags.dir ?? `../shared/data/${source.folder}`);
    if (!existsSync(dir)) {
      console.error(`notewave import: folder ${dir} does not exist; pass --dir with the corpus location`);
      return 2;
    }
    const limit = positive('limit', flags.limit);
    const authors = positive('authors', flags.authors);
    const notes = await source.read(dir, { ...(limit ? { limit } : {}), ...(authors ? { authors } : {}) });
    const { config } = loadConfig();
    const storage = await openStorage(config.databaseUrl);
    try {
      await storage.migrate();
      const bar = progress(name, notes.length);
      const r = await importNotes(storage, notes, Date.now(), (done) => bar.update(done));
      bar.stop();
      console.log(`imported ${r.imported} ${name} notes (${r.skipped} already present, ${r.authorsCreated} authors created) into ${config.databaseUrl}`);
      return 0;
    } finally {
      await storage.close();
    }
  },
};

function positive(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^[1-9]\d*$/.test(raw)) throw new Error(`--${name} must be a positive whole number, got '${raw}'`);
  return Number(raw);
}
