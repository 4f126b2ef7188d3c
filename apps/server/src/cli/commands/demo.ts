import { openStorage } from '@notewave/storage';
import { loadConfig } from '../../config.ts';
import { seedDatabase } from '../../seeding/seed-database.ts';
import { parseSeedOptions } from '../../seeding/seed-options.ts';
import type { Command } from '../command.ts';
import { command as serve } from './serve.ts';

export const command: Command = {
  summary: 'migrate, seed the demo community on first run, and serve it (what `npm start` runs)',
  usage: 'usage: notewave demo [serve options]\nSeeds with the defaults of `notewave seed` when the database has no users yet.',
  async run(argv) {
    const { config } = loadConfig();
    const storage = await openStorage(config.databaseUrl);
    try {
      await storage.migrate();
      if ((await storage.users.countUsers()) === 0) {
        console.log(`first run: seeding a demo community into ${config.databaseUrl}`);
        const r = await seedDatabase(storage, parseSeedOptions([], Date.now()), config.uploadDir);
        console.log(`seeded ${r.users} users, ${r.notes} notes, ${r.events} events; sign in as demo / notewave-demo, or operator / notewave-operator for the operator views`);
      }
    } finally {
      await storage.close();
    }
    return serve.run(argv);
  },
};
