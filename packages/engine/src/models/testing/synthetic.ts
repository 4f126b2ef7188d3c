import { SeededRng } from '../../runtime/rng.ts';
import { buildInteractions, type InteractionMatrix, type SparseRows } from '../interactions.ts';

/**
 * Planted-taste data for model tests: users belong to one of `groups` tastes and interact mostly with
 * their group's items, plus a popular head everyone touches. One in-group item per user is held out, so a
 * model that learns tastes must beat popularity.
 */
export function plantedTastes(seed = 1, nUsers = 120, nItems = 60, groups = 4): { train: InteractionMatrix; test: SparseRows; groupOf: (item: number) => number } {
  const rng = new SeededRng(seed);
  const head = 6;
  const groupOf = (i: number) => (i < head ? -1 : (i - head) % groups);
  const users: number[] = [], items: number[] = [];
  const tu: number[] = [], ti: number[] = [];
  for (let u = 0; u < nUsers; u++) {
    const g = u % groups;
    const mine: number[] = [];
    for (let i = head; i < nItems; i++) if (groupOf(i) === g && rng.next() < 0.45) mine.push(i);
    const held = mine.splice(rng.int(mine.length), 1)[0];
    if (held !== undefined) {
      tu.push(u);
      ti.push(held);
    }
    for (const i of mine) {
      users.push(u);
      items.push(i);
    }
    for (let i = 0; i < head; i++) if (rng.next() < 0.6) {
      users.push(u);
      items.push(i);
    }
  }
  return {
    train: buildInteractions(nUsers, nItems, { users, items }),
    test: buildInteractions(nUsers, nItems, { users: tu, items: ti }).byUser,
    groupOf,
  };
}
