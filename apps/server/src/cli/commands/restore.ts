import { isEngineError } from '@notewave/engine';
import { restoreDatabase } from '@notewave/storage';
import { loadConfig } from '../../config.ts';
import type { Command } from '../command.ts';
import { parseFlags } from '../flags.ts';

const USAGE = [
  'usage: notewave restore <file> [--db URL]   (default: NOTEWAVE_DATABASE_URL)',
  'Replaces the SQLite database with a backup made by `notewave backup`. Stop the server first: restore checks the',
  'backup (an intact Notewave database this version can read) and refuses while a process holds the database open.',
].join('\n');

export const command: Command = {
  summary: 'replace the SQLite database with a backup (the server must be stopped)',
  usage: USAGE,
  async run(argv) {
    const [file, ...rest] = argv;
    let db: string | undefined;
    try {
      if (!file || file.startsWith('--')) throw new Error('which backup file?');
      db = parseFlags(rest, ['db']).db;
    } catch (err) {
      console.error(`notewave restore: ${(err as Error).message}\n${USAGE}`);
      return 2;
    }
    const { config } = loadConfig({ NOTEWAVE_DATABASE_URL: db });
    try {
      const r = await restoreDatabase(file, config.databaseUrl);
      console.log(`restored ${config.databaseUrl} from ${r.file}: ${r.users} users, ${r.notes} notes, ${r.events} events`);
      return 0;
    } catch (err) {
      if (!isEngineError(err)) throw err;
      console.error(`notewave restore: ${err.message}`);
      return err.code === 'storage_unavailable' ? 1 : 2;
    }
  },
};
