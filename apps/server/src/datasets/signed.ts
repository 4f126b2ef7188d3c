import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PairList, type Dataset, type HeldOut } from './dataset.ts';

/*
 * The signed splits published with SIGformer (Chen et al. SIGIR 2024): `train.txt`, `valid.txt`, `test.txt`,
 * each line `user item label`. KuaiRec and KuaiRand carry labels 1/0; Amazon-Music carries 1–5 ratings where
 * SIGformer counts ≥ 4 as positive (its `--offset=4`). Models learn from the training positives; training
 * negatives are still excluded from ranking (the user has seen them); held-out negatives measure how often a
 * model puts disliked items in the top 20.
 */
export interface SignedSpec {
  name: string;
  /** A label ≥ threshold is a positive. */
  threshold: number;
  about: string;
}

export const SIGNED_SPECS: Record<string, SignedSpec> = {
  'kuairec-signed-sigformer': { name: 'kuairec', threshold: 1, about: 'KuaiRec small matrix, signed by watch ratio (SIGformer split)' },
  'kuairand-signed-sigformer': { name: 'kuairand', threshold: 1, about: 'KuaiRand, signed (SIGformer split)' },
  'amazon-music-sigformer': { name: 'amazon-music', threshold: 4, about: 'Amazon Digital Music ratings, ≥ 4 positive (SIGformer split)' },
};

interface SignedFile {
  pos: PairList;
  neg: PairList;
  rows: number;
  maxUser: number;
  maxItem: number;
}

export function parseSigned(text: string, threshold: number): SignedFile {
  const pos = new PairList(), neg = new PairList();
  let rows = 0, maxUser = -1, maxItem = -1;
  for (const line of text.split('\n')) {
    const parts = line.trim().split(/\s+/);
    if (parts.length < 3) continue;
    const u = Number(parts[0]), i = Number(parts[1]), label = Number(parts[2]);
    if (!Number.isInteger(u) || !Number.isInteger(i) || !Number.isFinite(label)) throw new RangeError(`bad line '${line}'`);
    rows++;
    maxUser = Math.max(maxUser, u);
    maxItem = Math.max(maxItem, i);
    (label >= threshold ? pos : neg).push(u, i);
  }
  return { pos, neg, rows, maxUser, maxItem };
}

/** A signed split anywhere on disk: `train.txt`, `test.txt` and, when present, `valid.txt`, each `user item label`. */
export async function loadSigned(dir: string, spec: SignedSpec): Promise<Dataset> {
  const read = async (f: string) => parseSigned(await readFile(join(dir, f), 'utf8'), spec.threshold);
  const train = await read('train.txt');
  const test = await read('test.txt');
  const valid = existsSync(join(dir, 'valid.txt')) ? await read('valid.txt') : null;
  const nUsers = Math.max(train.maxUser, valid?.maxUser ?? -1, test.maxUser) + 1;
  const nItems = Math.max(train.maxItem, valid?.maxItem ?? -1, test.maxItem) + 1;
  const seen = new PairList();
  for (const list of [train.pos, train.neg]) for (let e = 0; e < list.length; e++) seen.push(list.users[e]!, list.items[e]!);
  const heldOut = (f: SignedFile): HeldOut => ({ positives: f.pos.rows(nUsers, nItems), negatives: f.neg.rows(nUsers, nItems) });
  return {
    name: spec.name,
    protocol: `${spec.about}; train on train positives${valid ? ', early-stop on valid' : ''}, report test; full ranking over items not in train`,
    nUsers, nItems,
    train: train.pos.matrix(nUsers, nItems),
    seen: seen.rows(nUsers, nItems),
    ...(valid ? { valid: heldOut(valid) } : {}),
    test: heldOut(test),
    signed: true,
  };
}
