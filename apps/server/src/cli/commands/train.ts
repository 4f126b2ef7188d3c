import { openStorage } from '@notewave/storage';
import { loadConfig } from '../../config.ts';
import { createPool, MODELS } from '../../jobs/train-model.ts';
import { refreshModel } from '../../models-refresh/model-refresh.ts';
import { parseFlags } from '../flags.ts';
import type { Command } from '../command.ts';
import { progress, type Progress } from '../progress.ts';

const USAGE = [
  `usage: notewave train [--model ${Object.keys(MODELS).join('|')}] [--db URL] [--threads N] [--evaluate yes|no]`,
  'Reads the event log of the configured database (NOTEWAVE_DATABASE_URL), trains the model (default NOTEWAVE_MODEL)',
  'on its positive interactions and stores it; running servers attach it within a minute. Unless --evaluate no, the',
  'model is first trained with each user\'s latest positive held out, and its Recall/NDCG@20 are printed and stored.',
].join('\n');

export const command: Command = {
  summary: 'train the feed\'s collaborative model from the event log and store it',
  usage: USAGE,
  async run(argv) {
    let flags: Record<string, string | undefined>, threads: number, evaluate: boolean;
    try {
      flags = parseFlags(argv, ['model', 'db', 'threads', 'evaluate']);
      threads = Number(flags.threads ?? 2);
      if (!Number.isInteger(threads) || threads < 1) throw new Error(`--threads must be an integer ≥ 1, got '${flags.threads}'`);
      if (!['yes', 'no', undefined].includes(flags.evaluate)) throw new Error(`--evaluate must be yes or no, got '${flags.evaluate}'`);
      evaluate = flags.evaluate !== 'no';
    } catch (err) {
      console.error(`notewave train: ${(err as Error).message}\n${USAGE}`);
      return 2;
    }
    // The flag goes through the same validation as the setting, so a typo names the known models.
    const { config } = loadConfig({ NOTEWAVE_DATABASE_URL: flags.db, NOTEWAVE_MODEL: flags.model });
    const storage = await openStorage(config.databaseUrl);
    const pool = createPool(threads);
    let bar: Progress | null = null;
    let runs = 0, lastEpoch = Infinity;
    try {
      const total = await storage.events.lastSeq();
      bar = progress('events', total);
      const started = Date.now();
      const r = await refreshModel(storage, {
        model: config.model, seed: config.seed ?? 1, minInteractions: config.modelMinInteractions, now: Date.now, pool, evaluate,
        onRead: (_events, lastSeq) => bar?.update(lastSeq, Math.max(total, lastSeq)),
        onTrain: (p) => {
          // Epochs starting over mean the next training run: the held-out one first, then the served one.
          if (p.epoch <= lastEpoch || !bar) {
            bar?.stop();
            runs++;
            bar = progress(evaluate && runs === 1 ? `${config.model} (held out)` : config.model, p.epochs);
          }
          lastEpoch = p.epoch;
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
      if (m.metrics) {
        const f = (k: string) => (m.metrics![k] ?? 0).toFixed(4);
        console.log(`latest positive held out for ${m.metrics.users} users: Recall@20 ${f('recall@20')}  NDCG@20 ${f('ndcg@20')}  Recall@10 ${f('recall@10')}`);
      }
      return 0;
    } finally {
      bar?.stop();
      await pool?.close();
      await storage.close();
    }
  },
};
