import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { buildInteractions, type InteractionMatrix, type SparseRows } from '@notewave/engine';

/** A published result on the same split, shown next to ours in evaluation reports. */
export interface ReferenceRow {
  model: string;
  'recall@20': number;
  'ndcg@20': number;
  source: string;
}

/**
 * Published rows and the shape of the split they were measured on: a report prints them only beside a split of
 * exactly that shape, ranked in full for every test user, so they never sit beside unrelated data or a sample.
 */
export interface References {
  split: { users: number; items: number; trainInteractions: number; testInteractions: number };
  rows: ReferenceRow[];
}

export interface HeldOut {
  positives: SparseRows;
  negatives?: SparseRows;
}

/** A dataset loaded in its own format and turned into dense indices, with its evaluation protocol. */
export interface Dataset {
  name: string;
  /** How the split was made and what counts as a positive. */
  protocol: string;
  nUsers: number;
  nItems: number;
  /** Positive training interactions: what models learn from. */
  train: InteractionMatrix;
  /** When a validation split was carved out of `train`: the training positives before the carve. */
  fullTrain?: InteractionMatrix;
  /** Every training interaction of any sign, excluded from the ranked candidates. */
  seen: SparseRows;
  /** Early-stopping split; its items are also excluded when ranking the test split. */
  valid?: HeldOut;
  test: HeldOut;
  signed: boolean;
  /** Item → tag ids (genres, categories), for cold-start item vectors. */
  itemTags?: SparseRows;
  references?: References;
}

/** Directory of the licensed datasets: `../shared/data` next to the repository, never inside it. */
export function defaultDataRoot(): string {
  const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
  return resolve(repoRoot, '../shared/data');
}

/** Collects (user, item) pairs and builds the per-user rows once all are read. */
export class PairList {
  users: number[] = [];
  items: number[] = [];
  values: number[] = [];
  times: number[] = [];
  push(u: number, i: number, v = 1, t?: number): void {
    this.users.push(u);
    this.items.push(i);
    this.values.push(v);
    if (t !== undefined) this.times.push(t);
  }
  get length(): number {
    return this.users.length;
  }
  matrix(nUsers: number, nItems: number): InteractionMatrix {
    return buildInteractions(nUsers, nItems, {
      users: this.users, items: this.items, values: this.values,
      ...(this.times.length === this.users.length && this.times.length > 0 ? { times: this.times } : {}),
    });
  }
  rows(nUsers: number, nItems: number): SparseRows {
    return this.matrix(nUsers, nItems).byUser;
  }
}
