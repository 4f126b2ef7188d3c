import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { PairList, type Dataset, type References } from './dataset.ts';

/*
 * Gowalla as split by the NGCF authors and used by LightGCN: `train.txt.gz` and `test.txt`, one line per user,
 * `user item item …`. There is no validation file; the published protocol reports test metrics directly.
 */
export async function loadGowalla(dir: string): Promise<Dataset> {
  return { ...(await loadLightGcnSplit(dir, 'gowalla')), protocol: 'NGCF/LightGCN split (80/20 per user, 10-core); full ranking over items not in the user\'s train set', references: GOWALLA_REFERENCES };
}

/**
 * Any split in the LightGCN format: `train.txt` (or `train.txt.gz`) and `test.txt`, one line per user,
 * `user item item …`, ids from 0. No published rows: a report prints none beside it.
 */
export async function loadLightGcnSplit(dir: string, name: string): Promise<Dataset> {
  const gz = join(dir, 'train.txt.gz');
  const trainText = existsSync(gz) ? gunzipSync(await readFile(gz)).toString('utf8') : await readFile(join(dir, 'train.txt'), 'utf8');
  const train = parseAdjacency(trainText);
  const test = parseAdjacency(await readFile(join(dir, 'test.txt'), 'utf8'));
  const nUsers = Math.max(train.maxUser, test.maxUser) + 1;
  const nItems = Math.max(train.maxItem, test.maxItem) + 1;
  const trainMatrix = train.pairs.matrix(nUsers, nItems);
  return {
    name,
    protocol: 'LightGCN-format split; full ranking over items not in the user\'s train set',
    nUsers, nItems,
    train: trainMatrix,
    seen: trainMatrix.byUser,
    test: { positives: test.pairs.rows(nUsers, nItems) },
    signed: false,
  };
}

/** What was published on the NGCF/LightGCN Gowalla split (29,858 users, 40,981 items, 810,128 / 217,242 pairs). */
export const GOWALLA_REFERENCES = {
  split: { users: 29858, items: 40981, trainInteractions: 810128, testInteractions: 217242 },
  rows: [
    { model: 'BPR-MF (published)', 'recall@20': 0.1291, 'ndcg@20': 0.1109, source: 'Wang et al. SIGIR 2019 (NGCF)' },
    { model: 'NGCF (published)', 'recall@20': 0.1570, 'ndcg@20': 0.1327, source: 'Wang et al. SIGIR 2019' },
    { model: 'LightGCN (published)', 'recall@20': 0.1830, 'ndcg@20': 0.1554, source: 'He et al. SIGIR 2020' },
    { model: 'GF-CF (published)', 'recall@20': 0.1849, 'ndcg@20': 0.1518, source: 'Shen et al. CIKM 2021' },
    { model: 'BSPM-EM (published)', 'recall@20': 0.1920, 'ndcg@20': 0.1597, source: 'Choi et al. SIGIR 2023' },
    { model: 'ChebyCF (published)', 'recall@20': 0.1941, 'ndcg@20': 0.1616, source: 'Kim et al. SIGIR 2025' },
  ],
} as const satisfies References;

/** Parses `user item item …` lines. */
export function parseAdjacency(text: string): { pairs: PairList; maxUser: number; maxItem: number } {
  const pairs = new PairList();
  let maxUser = -1, maxItem = -1;
  for (const line of text.split('\n')) {
    const parts = line.trim().split(/\s+/);
    if (parts.length < 2 || parts[0] === '') continue;
    const u = Number(parts[0]);
    if (!Number.isInteger(u)) throw new RangeError(`bad user id '${parts[0]}'`);
    maxUser = Math.max(maxUser, u);
    for (let p = 1; p < parts.length; p++) {
      const i = Number(parts[p]);
      if (!Number.isInteger(i)) throw new RangeError(`bad item id '${parts[p]}'`);
      maxItem = Math.max(maxItem, i);
      pairs.push(u, i);
    }
  }
  return { pairs, maxUser, maxItem };
}
