import { buildInteractions, SeededRng, type SparseRows } from '@notewave/engine';
import type { Dataset } from './dataset.ts';

/**
 * For datasets published without a validation file (Gowalla): moves a random `fraction` of the training
 * items of a sample of users into a validation split, so early stopping and tuning never look at the test
 * split. Those items stay excluded from test ranking, as they are training interactions of the full split.
 */
export function carveValidation(ds: Dataset, fraction = 0.1, userShare = 0.2, seed = 7): Dataset {
  if (ds.valid) return ds;
  const rng = new SeededRng(seed);
  const { byUser } = ds.train;
  const keepU: number[] = [], keepI: number[] = [], keepV: number[] = [];
  const validU: number[] = [], validI: number[] = [];
  for (let u = 0; u < ds.nUsers; u++) {
    const start = byUser.ptr[u]!, end = byUser.ptr[u + 1]!;
    const sampled = rng.next() < userShare && end - start >= 5;
    for (let e = start; e < end; e++) {
      if (sampled && rng.next() < fraction) {
        validU.push(u);
        validI.push(byUser.idx[e]!);
      } else {
        keepU.push(u);
        keepI.push(byUser.idx[e]!);
        keepV.push(byUser.val[e]!);
      }
    }
  }
  const train = buildInteractions(ds.nUsers, ds.nItems, { users: keepU, items: keepI, values: keepV });
  const valid: SparseRows = buildInteractions(ds.nUsers, ds.nItems, { users: validU, items: validI }).byUser;
  return { ...ds, train, fullTrain: ds.train, valid: { positives: valid }, protocol: `${ds.protocol}; validation = ${fraction * 100}% of the train items of ${userShare * 100}% of users (seed ${seed})` };
}
