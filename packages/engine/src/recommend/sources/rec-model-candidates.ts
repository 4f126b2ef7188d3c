import { topCandidates } from '../../models/candidates.ts';
import type { RecModel } from '../../models/model.ts';
import type { CandidateModel } from '../pipeline/components.ts';

/** How a trained model's dense indices relate to the live catalog and users. */
export interface ModelIndexMap {
  /** The model's item index for a catalog note index, or -1 when the note was not in training. */
  itemOfNote(noteIx: number): number;
  /** The catalog note index of a model item, or -1 when that note is gone. */
  noteOfItem(itemIx: number): number;
  /** The model's user index, when the user was in training (their learned state is used then). */
  userOf?(userId: string): number | undefined;
}

/** Identity map for models trained directly on catalog indices. */
export function catalogIndexMap(nItems: number): ModelIndexMap {
  return { itemOfNote: (ix) => (ix < nItems ? ix : -1), noteOfItem: (i) => i };
}

/**
 * A trained `RecModel` (ItemKNN, iALS, …) as a `CandidateModel` for the feed's `model` source.
 * Users unseen in training are scored from their live recent positives (fold-in), so the newest
 * events count before the next training run.
 */
export function recModelCandidates(model: RecModel, map: ModelIndexMap): CandidateModel {
  const scratch = new Float32Array(model.nItems);
  return {
    recommend(userId: string, recent: readonly number[], k: number): { ix: number; score: number }[] {
      const history: number[] = [];
      for (const ix of recent) {
        const i = map.itemOfNote(ix);
        if (i >= 0) history.push(i);
      }
      const userIx = map.userOf?.(userId);
      if (userIx === undefined && history.length === 0) return [];
      const top = topCandidates(model, { ...(userIx !== undefined ? { userIx } : {}), history }, k, scratch);
      const out: { ix: number; score: number }[] = [];
      top.items.forEach((item, r) => {
        const ix = map.noteOfItem(item);
        const score = top.scores[r] as number;
        // A zero or negative score carries no evidence for this user (e.g. items the model never saw used).
        if (ix >= 0 && score > 0) out.push({ ix, score });
      });
      return out;
    },
  };
}
