import { isEngineError } from '@notewave/engine';
import { backupDatabase } from '@notewave/storage';
import { loadConfig } from '../../config.ts';
import type { Command } from '../command.ts';
import { parseFlags } from '../flags.ts';

const USAGE = [
  'usage: notewave backup <file> [--db URL]   (default: NOTEWAVE_DATABASE_URL)',
  'Copies the SQLite database into a new file with SQLite\'s online backup, safe while the server is serving and',
  'writing: the copy holds everything committed before it started. PostgreSQL: use pg_dump -Fc (see the README).',
].join('\n');

export const command: Command = {
  summary: 'back up the SQLite database into a file while the server runs',
  usage: USAGE,
  async run(argv) {
    const [file, ...rest] = argv;
    let db: string | undefined;
    try {
      if (!file || file.startsWith('--')) throw new Error('which file?');
      db = parseFlags(rest, ['db']).db;
    } catch (err) {
      console.error(`notewave backup: ${(err as Error).message}\n${USAGE}`);
      return 2;
    }
    const { config } = loadConfig({ NOTEWAVE_DATABASE_URL: db });
    try {
      const r = await backupDatabase(config.databaseUrl, file);
      console.log(`backed up ${config.databaseUrl} into ${r.file}: ${r.users} users, ${r.notes} notes, ${r.events} events, ${(r.bytes / 2 ** 20).toFixed(1)} MiB`);
      return 0;
    } catch (err) {
      if (!isEngineError(err)) throw err;
      console.error(`notewave backup: ${err.message}`);
      return err.code === 'storage_unavailable' ? 1 : 2;
    }
  },
};
