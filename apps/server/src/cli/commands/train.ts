import { openStorage } from '@notewave/storage';
import { loadConfig } from '../../config.ts';
import { createPool, MODELS } from '../../jobs/train-model.ts';
import { refreshModel } from '../../models-refresh/model-refresh.ts';
import { parseFlags } from '../flags.ts';
import type { Command } from '../main.ts';
import { progress, type Progress } from '../progress.ts';

const USAGE = [
  `usage: notewave train [--model ${Object.keys(MODELS).join('|')}] [--db URL] [--threads N]`,
  'Reads the event log of the configured database (NOTEWAVE_DATABASE_URL), trains the model (default NOTEWAVE_MODEL)',
  'on its positive interactions and stores it; running servers attach it within a minute.',
].join('\n');

export const command: Command = {
  summary: 'train the feed\'s collaborative model from the event log and store it',
  usage: USAGE,
  async run(argv) {
    let flags: Record<string, string | undefined>, threads: number;
    try {
      flags = parseFlags(argv, ['model', 'db', 'threads']);
      threads = Number(flags.threads ?? 2);
      if (!Number.isInteger(threads) || threads < 1) throw new Error(`--threads must be an integer ≥ 1, got '${flags.threads}'`);
    } catch (err) {
      console.error(`notewave train: ${(err as Error).message}\n${USAGE}`);
      return 2;
    }
    // The flag goes through the same validation as the setting, so a typo names the known models.
    const { config } = loadConfig({ NOTEWAVE_DATABASE_URL: flags.db, NOTEWAVE_MODEL: flags.model });
    const storage = await openStorage(config.databaseUrl);
    const pool = createPool(threads);
    let bar: Progress | null = null;
    let training = false;
    try {
      const total = await storage.events.lastSeq();
      bar = progress('events', total);
      const started = Date.now();
      const r = await refreshModel(storage, {
        model: config.model, seed: config.seed ?? 1, minInteractions: config.modelMinInteractions, now: Date.now, pool,
        onRead: (_events, lastSeq) => bar?.update(lastSeq, Math.max(total, lastSeq)),
        onTrain: (p) => {
          if (!training || !bar) {
            bar?.stop();
            bar = progress(config.model, p.epochs);
            training = true;
          }
          bar.update(p.epoch, p.epochs);
        },
      });
      bar?.stop();
      bar = null;
      if (!r.stored) {
        console.log(`nothing stored: ${r.reason} (NOTEWAVE_MODEL_MIN_INTERACTIONS) in ${r.events} events`);
        return 1;
      }
      const m = r.meta;
      console.log(
        `stored ${m.kind} model version ${r.version} in ${config.databaseUrl}: ${m.userIds.length} users, ${m.noteIds.length} notes, ` +
          `${m.interactions} positive interactions from ${r.events} events (up to seq ${m.lastSeq}) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
      return 0;
    } finally {
      bar?.stop();
      await pool?.close();
      await storage.close();
    }
  },
};
