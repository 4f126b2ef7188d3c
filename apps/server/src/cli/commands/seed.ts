import { openStorage } from '@notewave/storage';
import { loadConfig } from '../../config.ts';
import { seedDatabase } from '../../seeding/seed-database.ts';
import { parseSeedOptions, SEED_USAGE } from '../../seeding/seed-options.ts';
import type { Command } from '../command.ts';

export const command: Command = {
  summary: 'generate the deterministic bilingual demo community into an empty database',
  usage: SEED_USAGE,
  async run(argv) {
    const options = parseSeedOptions(argv, Date.now());
    const { config } = loadConfig();
    const storage = await openStorage(config.databaseUrl);
    try {
      await storage.migrate();
      const existing = await storage.users.countUsers();
      if (existing > 0) {
        console.error(`notewave seed: ${config.databaseUrl} already holds ${existing} users; seed into an empty database (set NOTEWAVE_DATABASE_URL to a new file).`);
        return 2;
      }
      const started = Date.now();
      const r = await seedDatabase(storage, options, config.uploadDir);
      console.log(
        `seeded ${config.databaseUrl}: ${r.users} users, ${r.notes} notes, ${r.follows} follows, ${r.events} events ` +
          `(${r.likes} likes, ${r.saves} saves, ${r.comments} comments) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
      return 0;
    } finally {
      await storage.close();
    }
  },
};
