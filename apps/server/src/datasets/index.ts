import { join } from 'node:path';
import type { Dataset } from './dataset.ts';
import { loadGowalla } from './gowalla.ts';
import { loadMovieLens } from './movielens.ts';
import { loadSigned, SIGNED_SPECS } from './signed.ts';

export * from './dataset.ts';
export { carveValidation } from './holdout.ts';

/** Evaluation datasets by short name → folder under the data root and loader. */
export const DATASETS: Record<string, { folder: string; load(dir: string): Promise<Dataset> }> = {
  gowalla: { folder: 'gowalla-lightgcn', load: loadGowalla },
  kuairec: { folder: 'kuairec-signed-sigformer', load: (d) => loadSigned(d, SIGNED_SPECS['kuairec-signed-sigformer']!) },
  kuairand: { folder: 'kuairand-signed-sigformer', load: (d) => loadSigned(d, SIGNED_SPECS['kuairand-signed-sigformer']!) },
  'amazon-music': { folder: 'amazon-music-sigformer', load: (d) => loadSigned(d, SIGNED_SPECS['amazon-music-sigformer']!) },
  movielens: { folder: 'movielens-latest-small', load: loadMovieLens },
};

/** Loads a dataset by short name from the data root. */
export async function loadDataset(name: string, dataRoot: string): Promise<Dataset> {
  const entry = DATASETS[name];
  if (!entry) throw new RangeError(`unknown dataset '${name}' (known: ${Object.keys(DATASETS).join(', ')})`);
  return entry.load(join(dataRoot, entry.folder));
}
