import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PairList, type Dataset } from './dataset.ts';

/*
 * MovieLens latest-small (`ratings.csv`: userId,movieId,rating,timestamp; `movies.csv` for genres).
 * Split, per user and by time: the earliest 80% of a user's ratings are training, the latest 20% are held
 * out; of the training part the last 10% become validation. Ratings ≥ 4 are positives (what models learn and
 * what is predicted); lower ratings are negatives: excluded from ranking when in training, counted in the
 * "negatives in top 20" rate when held out. Ties in time keep file order.
 */
export async function loadMovieLens(dir: string): Promise<Dataset> {
  const text = await readFile(join(dir, 'ratings.csv'), 'utf8');
  const byUser = new Map<number, { item: number; rating: number; time: number }[]>();
  const itemIx = new Map<number, number>();
  for (const line of text.split('\n').slice(1)) {
    if (!line.trim()) continue;
    const [u, m, r, t] = line.split(',').map(Number);
    if (u === undefined || m === undefined || r === undefined || t === undefined || [u, m, r, t].some((x) => !Number.isFinite(x))) {
      throw new RangeError(`bad ratings line '${line}'`);
    }
    if (!itemIx.has(m)) itemIx.set(m, itemIx.size);
    const list = byUser.get(u) ?? [];
    list.push({ item: itemIx.get(m)!, rating: r, time: t });
    byUser.set(u, list);
  }
  const nItems = itemIx.size;
  const users = [...byUser.keys()].sort((a, b) => a - b);
  const nUsers = users.length;
  const trainPos = new PairList(), seen = new PairList();
  const parts = { valid: [new PairList(), new PairList()], test: [new PairList(), new PairList()] } as const;
  users.forEach((id, u) => {
    const list = byUser.get(id)!.map((x, order) => ({ ...x, order })).sort((a, b) => a.time - b.time || a.order - b.order);
    const cutTest = Math.floor(list.length * 0.8);
    const cutValid = Math.floor(cutTest * 0.9);
    list.forEach((x, p) => {
      const positive = x.rating >= 4;
      if (p < cutValid) {
        seen.push(u, x.item);
        if (positive) trainPos.push(u, x.item, 1, x.time);
      } else {
        const [pos, neg] = p < cutTest ? parts.valid : parts.test;
        (positive ? pos : neg).push(u, x.item);
      }
    });
  });
  return {
    name: 'movielens',
    protocol: 'ml-latest-small; per user by time: first 72% train, next 8% valid, last 20% test; rating ≥ 4 positive; full ranking over items not in train',
    nUsers, nItems,
    train: trainPos.matrix(nUsers, nItems),
    seen: seen.rows(nUsers, nItems),
    valid: { positives: parts.valid[0].rows(nUsers, nItems), negatives: parts.valid[1].rows(nUsers, nItems) },
    test: { positives: parts.test[0].rows(nUsers, nItems), negatives: parts.test[1].rows(nUsers, nItems) },
    signed: true,
    itemTags: await loadGenres(join(dir, 'movies.csv'), itemIx),
  };
}

/** Item → genre ids from movies.csv (the genres column is last, so quoted titles do not matter). */
async function loadGenres(path: string, itemIx: Map<number, number>) {
  const text = await readFile(path, 'utf8');
  const genreIx = new Map<string, number>();
  const items: number[] = [], tags: number[] = [];
  for (const line of text.split('\n').slice(1)) {
    if (!line.trim()) continue;
    const id = Number(line.slice(0, line.indexOf(',')));
    const ix = itemIx.get(id);
    if (ix === undefined) continue;
    for (const g of line.slice(line.lastIndexOf(',') + 1).trim().split('|')) {
      if (g === '(no genres listed)') continue;
      if (!genreIx.has(g)) genreIx.set(g, genreIx.size);
      items.push(ix);
      tags.push(genreIx.get(g)!);
    }
  }
  const list = new PairList();
  items.forEach((ix, e) => list.push(ix, tags[e]!));
  return list.rows(itemIx.size, Math.max(1, genreIx.size));
}
