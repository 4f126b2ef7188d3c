import { ChebyshevFilterModel } from './chebyshev-filter.ts';
import { modelKind } from './codec.ts';
import { MatrixFactorization } from './factorization.ts';
import { GraphFilterModel } from './graph-filter.ts';
import { ItemKnnModel } from './item-knn.ts';
import type { RecModel } from './model.ts';
import { PopularityModel } from './popularity.ts';
import { SignedExposureModel } from './signed-exposure.ts';

/** Decoders by the `kind` a model writes into its bytes. */
const DECODERS: Record<string, (bytes: Uint8Array) => RecModel> = {
  pop: PopularityModel.deserialize,
  recent: PopularityModel.deserialize,
  itemknn: ItemKnnModel.deserialize,
  ials: MatrixFactorization.deserialize,
  bpr: MatrixFactorization.deserialize,
  gfcf: GraphFilterModel.deserialize,
  chebycf: ChebyshevFilterModel.deserialize,
  'signed-exposure': (bytes) => SignedExposureModel.deserialize(bytes, deserializeModel),
};

/** Restores any model written by `RecModel.serialize()` (e.g. bytes from the ModelStore). */
export function deserializeModel(bytes: Uint8Array): RecModel {
  const kind = modelKind(bytes);
  const decode = DECODERS[kind];
  if (!decode) throw new RangeError(`unknown model kind '${kind}'`);
  return decode(bytes);
}
