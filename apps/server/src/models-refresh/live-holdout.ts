import { buildInteractions, type InteractionMatrix } from '@notewave/engine';
import type { Dataset } from '../datasets/index.ts';

/** The live matrix in the shape the trainers take: everything is training data, nothing is held out. */
export function liveDataset(m: InteractionMatrix): Dataset {
  const empty = { ptr: new Int32Array(m.nUsers + 1), idx: new Int32Array(0), val: new Float32Array(0) };
  return {
    name: 'live', protocol: 'implicit positives from the event log', nUsers: m.nUsers, nItems: m.nItems,
    train: m, seen: m.byUser, test: { positives: empty }, signed: false,
  };
}

/**
 * Leave-latest-out: each user with at least two positives has the most recent one held out, the way the
 * feed is used (predict the next note from the past). A check before a model replaces the served one,
 * not a benchmark: the live log is small and its latest positives lean on what the feed showed.
 */
export function leaveLatestOut(m: InteractionMatrix): Dataset {
  const { ptr, idx, val } = m.byUser;
  const times = m.userTimes;
  const keepU: number[] = [], keepI: number[] = [], keepV: number[] = [], testU: number[] = [], testI: number[] = [];
  for (let u = 0; u < m.nUsers; u++) {
    const start = ptr[u]!, end = ptr[u + 1]!;
    let latest = -1;
    if (end - start >= 2) {
      latest = start;
      // Ties (same timestamp) go to the later entry, so the choice does not depend on the scan order alone.
      for (let e = start + 1; e < end; e++) if (!times || times[e]! >= times[latest]!) latest = e;
    }
    for (let e = start; e < end; e++) {
      if (e === latest) {
        testU.push(u);
        testI.push(idx[e]!);
        continue;
      }
      keepU.push(u);
      keepI.push(idx[e]!);
      keepV.push(val[e]!);
    }
  }
  const train = buildInteractions(m.nUsers, m.nItems, { users: keepU, items: keepI, values: keepV });
  return {
    ...liveDataset(train),
    protocol: 'implicit positives from the event log; each user\'s latest positive held out',
    test: { positives: buildInteractions(m.nUsers, m.nItems, { users: testU, items: testI }).byUser },
  };
}
