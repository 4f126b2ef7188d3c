import { deserializeModel, recModelCandidates, type CandidateModel, type Engine, type ModelIndexMap, type RecModel, type Storage } from '@notewave/engine';
import type { IdLookup } from './id-index.ts';
import { readHead, SERVED_MODEL, type ServedModelMeta } from './model-refresh.ts';

/**
 * Maps the model's dense indices to the live catalog through ids, looked up per request rather than
 * precomputed: a note created after training maps to nothing, and a trained note that reaches this node's
 * catalog later (created on another node) is found as soon as it arrives.
 */
export function idIndexMap(engine: Engine, meta: Pick<ServedModelMeta, 'userIds' | 'noteIds'>): ModelIndexMap {
  return indexMapOver(engine, (i) => meta.noteIds[i], new Map(meta.noteIds.map((id, i) => [id, i])), new Map(meta.userIds.map((id, u) => [id, u])));
}

/** The mapping over ids already indexed: model item → note id, and the reverse lookups of note and user ids. */
export function indexMapOver(engine: Engine, noteIdOf: (itemIx: number) => string | undefined, itemOf: IdLookup, userOf: IdLookup): ModelIndexMap {
  return {
    itemOfNote(noteIx) {
      const note = engine.catalog.at(noteIx);
      return note ? (itemOf.get(note.id) ?? -1) : -1;
    },
    noteOfItem(itemIx) {
      const id = noteIdOf(itemIx);
      return id === undefined ? -1 : (engine.catalog.get(id)?.ix ?? -1);
    },
    userOf: (userId) => userOf.get(userId),
  };
}

/** Refuses a model whose index ranges do not match the ids stored beside it. */
export function checkModelShape(model: RecModel, users: number, notes: number): void {
  if (notes !== model.nItems || users !== model.nUsers) {
    throw new RangeError(`stored model has ${model.nUsers}×${model.nItems} indices but ${users} user and ${notes} note ids`);
  }
}

/** Plugs a trained model into the engine's feed as its collaborative source; returns what the feed calls. */
export function attachServedModel(engine: Engine, model: RecModel, meta: ServedModelMeta): CandidateModel {
  checkModelShape(model, meta.userIds.length, meta.noteIds.length);
  const served = recModelCandidates(model, idIndexMap(engine, meta));
  engine.recommender.attachModel(SERVED_MODEL, served);
  return served;
}

/** Keeps the engine's collaborative source at the newest stored model. */
export interface ModelLoader {
  /** Version now attached; 0 before any. */
  readonly version: number;
  readonly kind: string | null;
  /** Loads and attaches the stored model if it is newer than the attached one; returns whether it did. */
  refresh(): Promise<boolean>;
  /** Records a model stored (and, in this thread, attached) here, so the poll does not load it again. */
  attached(version: number, kind: string): void;
}

/** Reads and attaches stored models on the calling thread, reading the bytes only when they changed. */
export class ServedModelLoader implements ModelLoader {
  /** Version now attached; 0 before any. */
  version = 0;
  kind: string | null = null;

  constructor(private readonly storage: Storage, private readonly engine: Engine) {}

  /** Loads and attaches the stored model if it is newer than the attached one; returns whether it did. */
  async refresh(): Promise<boolean> {
    const head = await readHead(this.storage);
    if (head && head.version <= this.version) return false;
    const stored = await this.storage.models.getModel(SERVED_MODEL);
    if (!stored || stored.version <= this.version) return false;
    const meta = stored.meta as unknown as ServedModelMeta;
    attachServedModel(this.engine, deserializeModel(stored.bytes), meta);
    this.version = stored.version;
    this.kind = meta.kind;
    return true;
  }

  /** Records a model trained and attached in this process, so the poll does not load it again. */
  attached(version: number, kind: string): void {
    this.version = Math.max(this.version, version);
    this.kind = kind;
  }
}
