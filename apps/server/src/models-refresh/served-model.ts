import { deserializeModel, recModelCandidates, type CandidateModel, type Engine, type ModelIndexMap, type RecModel, type Storage } from '@notewave/engine';
import { readHead, SERVED_MODEL, type ServedModelMeta } from './model-refresh.ts';

/**
 * Maps the model's dense indices to the live catalog through ids, looked up per request rather than
 * precomputed: a note created after training maps to nothing, and a trained note that reaches this node's
 * catalog later (created on another node) is found as soon as it arrives.
 */
export function idIndexMap(engine: Engine, meta: Pick<ServedModelMeta, 'userIds' | 'noteIds'>): ModelIndexMap {
  const itemOf = new Map(meta.noteIds.map((id, i) => [id, i]));
  const userOf = new Map(meta.userIds.map((id, u) => [id, u]));
  return {
    itemOfNote(noteIx) {
      const note = engine.catalog.at(noteIx);
      return note ? (itemOf.get(note.id) ?? -1) : -1;
    },
    noteOfItem(itemIx) {
      const id = meta.noteIds[itemIx];
      return id === undefined ? -1 : (engine.catalog.get(id)?.ix ?? -1);
    },
    userOf: (userId) => userOf.get(userId),
  };
}

/** Plugs a trained model into the engine's feed as its collaborative source; returns what the feed calls. */
export function attachServedModel(engine: Engine, model: RecModel, meta: ServedModelMeta): CandidateModel {
  if (meta.noteIds.length !== model.nItems || meta.userIds.length !== model.nUsers) {
    throw new RangeError(`stored model has ${model.nUsers}×${model.nItems} indices but ${meta.userIds.length} user and ${meta.noteIds.length} note ids`);
  }
  const served = recModelCandidates(model, idIndexMap(engine, meta));
  engine.recommender.attachModel(SERVED_MODEL, served);
  return served;
}

/** Keeps the engine's collaborative source at the newest stored model, reading the bytes only when it changed. */
export class ServedModelLoader {
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
