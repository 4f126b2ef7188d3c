import { openStorage } from '@notewave/storage';
import { loadConfig } from '../../config.ts';
import type { Command } from '../command.ts';
import { parseFlags } from '../flags.ts';

export const command: Command = {
  summary: 'Apply pending database migrations and print the versions applied',
  usage: 'usage: notewave migrate [--db URL]   (default: NOTEWAVE_DATABASE_URL)',
  async run(argv) {
    const flags = parseFlags(argv, ['db']);
    const { config } = loadConfig({ NOTEWAVE_DATABASE_URL: flags.db });
    const storage = await openStorage(config.databaseUrl);
    try {
      const applied = await storage.migrate();
      if (applied.length === 0) console.log('database is up to date');
      else for (const v of applied) console.log(`applied ${v}`);
      return 0;
    } finally {
      await storage.close();
    }
  },
};
