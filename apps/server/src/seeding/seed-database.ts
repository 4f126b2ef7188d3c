import { generateCommunity } from '@notewave/demo';
import type { Storage } from '@notewave/engine';
import { progress, type Progress } from '../cli/progress.ts';
import { hashPassword } from '../services/password.ts';
import { seedCommunity, type SeedReport } from './seed-community.ts';
import type { SeedOptions } from './seed-options.ts';

/** Generates the demo community and writes it into an (empty) store, with a progress bar per phase on stderr. */
export async function seedDatabase(storage: Storage, o: SeedOptions): Promise<SeedReport> {
  const community = generateCommunity({ seed: o.seed, users: o.users, notes: o.notes, days: o.days, startTime: o.startTime });
  // Follow and event counts are only known once generated: show them against an estimate that grows if passed.
  const estimates: Record<string, number> = {
    users: community.userCount,
    notes: community.noteCount,
    follows: community.userCount * 10,
    events: Math.round(community.userCount * community.options.eventsPerUser * 0.8),
  };
  let bar: Progress | null = null;
  let phase: string | null = null;
  const report = await seedCommunity(storage, community, hashPassword, (p, done) => {
    if (p !== phase) {
      bar?.stop();
      phase = p;
      bar = progress(p, estimates[p] ?? 1);
    }
    bar?.update(done, Math.max(done, estimates[p] ?? 1));
  });
  (bar as Progress | null)?.stop();
  return report;
}
