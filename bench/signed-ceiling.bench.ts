/**
 * How far above popularity can a model get on a signed split, as far as the split itself can tell? Under SIGformer's
 * protocol (full ranking, only training items masked, positives label ≥ 1) this prints, per dataset:
 *
 *   - popularity (training positives per item), the baseline every model is compared with;
 *   - the best single ranking for everyone: items ordered by their test positives, i.e. chosen with the answers.
 *     a shared order can hardly do better (with every user's own training items masked, it is close to the best such order);
 *   - how much of the test split's make-up (an evenly spaced sample of at most 2,000 users) (which pairs were sampled at all, whatever their label) follows from
 *     item frequency alone, against a graph filter over every training pair, which can see user structure;
 *   - how well each user's test labels are told apart (per-user AUC over their test pairs) by the item's positive
 *     share alone and by a logistic factor model with user and item biases trained on the signed training labels.
 *
 * When the ceiling of shared rankings is close to popularity and personal signals rank a user's test pairs no
 * better than the item's share, the room left for a personalised model is measured to be small on that split.
 *
 *   node --import tsx --conditions=notewave-source bench/signed-ceiling.bench.ts [kuairec] [kuairand] [--data DIR]
 */
import { evaluateUsers, finalizeMetrics, type EvalSplit } from '@notewave/engine/eval/evaluate.ts';
import type { SparseRows } from '@notewave/engine/models/interactions.ts';
import { defaultDataRoot, loadDataset } from '@notewave/server/datasets/index.ts';
import type { Dataset } from '@notewave/server/datasets/dataset.ts';
import { testSplit } from '@notewave/server/jobs/train-model.ts';
import { seededRandom } from './search-judged/judged.ts';

const args = process.argv.slice(2);
const dataAt = args.indexOf('--data');
const dataRoot = dataAt >= 0 ? args[dataAt + 1]! : defaultDataRoot();
const names = args.filter((a, i) => !a.startsWith('--') && (dataAt < 0 || i !== dataAt + 1));

function itemCounts(rows: SparseRows, nItems: number): Float64Array {
  const out = new Float64Array(nItems);
  for (let e = 0; e < rows.idx.length; e++) out[rows.idx[e]!]! += 1;
  return out;
}

function sharedRanking(split: EvalSplit, itemScore: Float64Array) {
  const scores = Float32Array.from(itemScore);
  return finalizeMetrics(evaluateUsers((_, out) => out.set(scores), split, 0, split.users.length, [20]), false);
}

/** The rows of one user as a set. */
function rowSet(rows: SparseRows, u: number): Set<number> {
  return u + 1 < rows.ptr.length ? new Set(rows.idx.subarray(rows.ptr[u]!, rows.ptr[u + 1]!)) : new Set();
}

/** The training pairs of both signs as one user × item structure, with labels. */
function signedTraining(ds: Dataset) {
  const users: number[] = [], items: number[] = [], labels: number[] = [];
  const pos = ds.fullTrain?.byUser ?? ds.train.byUser;
  for (let u = 0; u < ds.nUsers; u++) {
    const p = rowSet(pos, u);
    for (let e = ds.seen.ptr[u]!; e < ds.seen.ptr[u + 1]!; e++) {
      users.push(u);
      items.push(ds.seen.idx[e]!);
      labels.push(p.has(ds.seen.idx[e]!) ? 1 : 0);
    }
  }
  return { users: Int32Array.from(users), items: Int32Array.from(items), labels: Float64Array.from(labels) };
}

/** Graph filter x ↦ x R̃ᵀR̃ over every training pair (both signs), as in GF-CF's linear term. */
function exposureFilter(ds: Dataset, t: ReturnType<typeof signedTraining>) {
  const du = new Float64Array(ds.nUsers), di = new Float64Array(ds.nItems);
  for (let e = 0; e < t.users.length; e++) {
    du[t.users[e]!]! += 1;
    di[t.items[e]!]! += 1;
  }
  const byItem: number[][] = Array.from({ length: ds.nItems }, () => []);
  for (let e = 0; e < t.users.length; e++) byItem[t.items[e]!]!.push(t.users[e]!);
  return (u: number, out: Float32Array) => {
    const zu = new Float64Array(ds.nUsers);
    for (let e = ds.seen.ptr[u]!; e < ds.seen.ptr[u + 1]!; e++) {
      const i = ds.seen.idx[e]!;
      const w = 1 / Math.sqrt(di[i]!);
      for (const v of byItem[i]!) zu[v]! += w / Math.sqrt(du[v]!);
    }
    for (let i = 0; i < ds.nItems; i++) {
      let s = 0;
      for (const v of byItem[i]!) s += zu[v]!;
      out[i] = di[i]! > 0 ? s / Math.sqrt(di[i]!) : 0;
    }
  };
}

/** Logistic matrix factorisation with biases on the signed training labels (SGD, fixed seed). */
function logisticFactors(ds: Dataset, t: ReturnType<typeof signedTraining>, share: Float64Array, dims = 16, epochs = 12) {
  const r = seededRandom(3);
  const P = Float64Array.from({ length: ds.nUsers * dims }, () => (r() - 0.5) * 0.1);
  const Q = Float64Array.from({ length: ds.nItems * dims }, () => (r() - 0.5) * 0.1);
  const bu = new Float64Array(ds.nUsers);
  const bi = Float64Array.from(share, (s) => Math.log(s / (1 - s)));
  const order = Int32Array.from(t.users, (_, e) => e);
  const lr = 0.05, reg = 0.02;
  for (let ep = 0; ep < epochs; ep++) {
    for (let e = order.length - 1; e > 0; e--) {
      const j = Math.floor(r() * (e + 1));
      [order[e], order[j]] = [order[j]!, order[e]!];
    }
    for (const e of order) {
      const u = t.users[e]!, i = t.items[e]!;
      let z = bu[u]! + bi[i]!;
      for (let f = 0; f < dims; f++) z += P[u * dims + f]! * Q[i * dims + f]!;
      const g = 1 / (1 + Math.exp(-z)) - t.labels[e]!;
      for (let f = 0; f < dims; f++) {
        const pu = P[u * dims + f]!, qi = Q[i * dims + f]!;
        P[u * dims + f] = pu - lr * (g * qi + reg * pu);
        Q[i * dims + f] = qi - lr * (g * pu + reg * qi);
      }
      bu[u]! -= lr * g;
      bi[i]! -= lr * (g + reg * bi[i]!);
    }
  }
  return (u: number, i: number) => {
    let z = bi[i]!;
    for (let f = 0; f < dims; f++) z += P[u * dims + f]! * Q[i * dims + f]!;
    return z;
  };
}

/** Mean over users of the AUC separating their test positives from their test negatives. */
function perUserAuc(ds: Dataset, score: (u: number, i: number) => number): number {
  let sum = 0, n = 0;
  const neg = ds.test.negatives!;
  for (let u = 0; u < ds.nUsers; u++) {
    const pos = [...rowSet(ds.test.positives, u)].map((i) => score(u, i));
    const negs = [...rowSet(neg, u)].map((i) => score(u, i));
    if (pos.length === 0 || negs.length === 0) continue;
    let wins = 0;
    for (const p of pos) for (const q of negs) wins += p > q ? 1 : p === q ? 0.5 : 0;
    sum += wins / (pos.length * negs.length);
    n++;
  }
  return sum / n;
}

const f4 = (x: number) => x.toFixed(4);
for (const name of names.length ? names : ['kuairec', 'kuairand']) {
  const t0 = performance.now();
  const ds = await loadDataset(name, dataRoot);
  if (!ds.signed || !ds.test.negatives) throw new Error(`${name} is not a signed split`);
  const split = testSplit(ds, { maskValidation: false });
  const pop = sharedRanking(split, itemCounts(ds.fullTrain?.byUser ?? ds.train.byUser, ds.nItems));
  const ceiling = sharedRanking(split, itemCounts(ds.test.positives, ds.nItems));
  console.log(`\n${name}: ${ds.nUsers} users, ${ds.nItems} items, ${split.users.length} test users (SIGformer protocol)`);
  console.log('ranking                                              Recall@20  NDCG@20  NDCG vs pop');
  console.log(`popularity (training positives)                         ${f4(pop['recall@20']!)}   ${f4(pop['ndcg@20']!)}`);
  console.log(`best shared ranking, chosen with the test labels        ${f4(ceiling['recall@20']!)}   ${f4(ceiling['ndcg@20']!)}   ${((ceiling['ndcg@20']! / pop['ndcg@20']! - 1) * 100).toFixed(1)}%`);

  // Which pairs the test split holds at all (either label): item frequency against a graph filter that sees users.
  const t = signedTraining(ds);
  const everyTest: SparseRows = mergeRows(ds.test.positives, ds.test.negatives, ds.nUsers);
  const withTest = Int32Array.from({ length: ds.nUsers }, (_, u) => u).filter((u) => everyTest.ptr[u + 1]! > everyTest.ptr[u]!);
  const stride = Math.max(1, Math.ceil(withTest.length / 2000));
  const sampled: EvalSplit = { ...split, positives: everyTest, users: withTest.filter((_, k) => k % stride === 0) };
  delete (sampled as { negatives?: SparseRows }).negatives;
  const seenCount = itemCounts(ds.seen, ds.nItems);
  const freq = sharedRanking(sampled, seenCount);
  const filter = exposureFilter(ds, t);
  const filtered = finalizeMetrics(evaluateUsers(filter, sampled, 0, sampled.users.length, [20]), false);
  console.log(`test pairs of either label (≤2,000 users) by item frequency ${f4(freq['recall@20']!)}   ${f4(freq['ndcg@20']!)}`);
  console.log(`... by a graph filter over every training pair, same users  ${f4(filtered['recall@20']!)}   ${f4(filtered['ndcg@20']!)}`);

  // Telling a user's test positives from their test negatives.
  const posCount = new Float64Array(ds.nItems);
  for (let e = 0; e < t.items.length; e++) posCount[t.items[e]!]! += t.labels[e]!;
  const share = Float64Array.from(seenCount, (n, i) => (posCount[i]! + 1) / (n + 3));
  const lmf = logisticFactors(ds, t, share);
  console.log(`per-user AUC on test pairs: item positive share ${f4(perUserAuc(ds, (_, i) => share[i]!))}, logistic factors with biases ${f4(perUserAuc(ds, lmf))}`);
  console.log(`(${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}

function mergeRows(a: SparseRows, b: SparseRows, nUsers: number): SparseRows {
  const ptr = new Int32Array(nUsers + 1), idx: number[] = [];
  for (let u = 0; u < nUsers; u++) {
    for (const rows of [a, b]) if (u + 1 < rows.ptr.length) for (let e = rows.ptr[u]!; e < rows.ptr[u + 1]!; e++) idx.push(rows.idx[e]!);
    ptr[u + 1] = idx.length;
  }
  return { ptr, idx: Int32Array.from(idx), val: new Float32Array(idx.length).fill(1) };
}
