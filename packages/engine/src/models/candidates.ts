import { topK } from '../eval/top-k.ts';
import type { RecModel, ScoredItems } from './model.ts';

/** Who to recommend for: a user the model was trained on (`userIx`), or anyone with a recent history. */
export interface CandidateQuery {
  userIx?: number;
  /** Items the user interacted with (dense item indices); never recommended back. */
  history: ArrayLike<number>;
  weights?: ArrayLike<number>;
  /** Further items to leave out (already shown in this session, deleted notes). */
  exclude?: Iterable<number>;
}

/**
 * The model as a feed candidate source: the k best unseen items. Trained users use their learned state;
 * others (new sign-ups, or users whose fresh events matter more than the last training run) are scored from
 * their history, so the feed and the offline evaluation share one scoring path.
 */
export function topCandidates(model: RecModel, q: CandidateQuery, k: number, scratch = new Float32Array(model.nItems)): ScoredItems {
  if (q.userIx !== undefined && q.userIx >= 0 && q.userIx < model.nUsers) model.scoreItems(q.userIx, scratch);
  else model.scoreHistory(q.history, q.weights, scratch);
  for (let h = 0; h < q.history.length; h++) scratch[q.history[h]!] = -Infinity;
  if (q.exclude) for (const i of q.exclude) scratch[i] = -Infinity;
  const items = topK(scratch, k);
  return { items, scores: Float32Array.from(items, (i) => scratch[i]!) };
}
