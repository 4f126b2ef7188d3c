import { parentPort } from 'node:worker_threads';
import {
  deserializeModel, evaluateUsers, ialsSolveRows, itemKnnRows,
  type EvalSplit, type IalsConfig, type InteractionMatrix, type ItemKnnConfig, type RecModel, type SparseRows,
} from '@notewave/engine';

/*
 * Worker side of the training and evaluation jobs: holds its own copy of the read-only inputs and, for
 * iALS, views of the shared factor buffers; runs the engine's row-range kernels on the ranges it is sent.
 */

interface IalsState {
  byUser: SparseRows;
  byItem: SparseRows;
  nUsers: number;
  nItems: number;
  userFactors: Float32Array;
  itemFactors: Float32Array;
  gram: Float64Array;
  cfg: IalsConfig;
}

let ials: IalsState | null = null;
let evalState: { model: RecModel; split: EvalSplit } | null = null;
let knn: { matrix: InteractionMatrix; cfg: ItemKnnConfig } | null = null;

type Task =
  | ({ type: 'ials-init' } & IalsState)
  | { type: 'ials-solve'; side: 'users' | 'items'; from: number; to: number }
  | { type: 'eval-init'; bytes: Uint8Array; split: EvalSplit }
  | { type: 'eval-range'; from: number; to: number; ks: number[] }
  | { type: 'knn-init'; matrix: InteractionMatrix; cfg: ItemKnnConfig }
  | { type: 'knn-rows'; from: number; to: number };

function handle(task: Task): unknown {
  switch (task.type) {
    case 'ials-init':
      ials = task;
      return true;
    case 'ials-solve': {
      if (!ials) throw new Error('ials-solve before ials-init');
      const s = ials;
      if (task.side === 'users') ialsSolveRows(s.byUser, s.userFactors, s.itemFactors, s.gram, s.nItems, s.cfg, task.from, task.to);
      else ialsSolveRows(s.byItem, s.itemFactors, s.userFactors, s.gram, s.nUsers, s.cfg, task.from, task.to);
      return true;
    }
    case 'eval-init':
      evalState = { model: deserializeModel(task.bytes), split: task.split };
      return true;
    case 'eval-range': {
      if (!evalState) throw new Error('eval-range before eval-init');
      const { model, split } = evalState;
      return evaluateUsers((u, out) => model.scoreItems(u, out), split, task.from, task.to, task.ks);
    }
    case 'knn-init':
      knn = { matrix: task.matrix, cfg: task.cfg };
      return true;
    case 'knn-rows':
      if (!knn) throw new Error('knn-rows before knn-init');
      return itemKnnRows(knn.matrix, knn.cfg, task.from, task.to);
  }
}

parentPort!.on('message', (msg: Task & { id: number }) => {
  try {
    parentPort!.postMessage({ id: msg.id, result: handle(msg) });
  } catch (err) {
    parentPort!.postMessage({ id: msg.id, error: err instanceof Error ? err.message : String(err) });
  }
});
