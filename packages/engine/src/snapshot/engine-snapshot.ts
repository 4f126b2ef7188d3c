import type { Engine } from '../engine.ts';
import { hashString } from '../runtime/rng.ts';
import { ByteReader, ByteWriter } from './byte-io.ts';
import { FrameReader, snapshotError } from './frames.ts';
import { readGraph, writeGraph, type GraphCodecOptions } from './graph-codec.ts';
import { SNAPSHOT_SKIPPED, snapshotClasses } from './snapshot-classes.ts';

/** Bumped whenever the encoding itself changes. */
export const ENGINE_SNAPSHOT_FORMAT = 1;
/**
 * Digest of the engine's state layout (every registered class with its fields, see `stateLayout`). A snapshot of
 * another layout is refused. The snapshot tests compute it from a populated engine and fail, naming the new value,
 * when a class gains, loses or renames a field: set it here then, so older snapshots stop being accepted.
 */
export const ENGINE_STATE_LAYOUT = '82sf3j-2584';

const MAGIC = 'notewave-engine-snapshot';

/** What a snapshot is only valid for: the same encoding, state layout, analyser, recommendation config and calendar. */
export interface SnapshotFingerprint {
  format: number;
  layout: string;
  /** `Analyzer.version`: the segmenter's dictionary and settings, the folding and stemming behind the index. */
  analyzer: string;
  romanizer: string | null;
  /** Digest of the resolved recommendation config (pipelines, surfaces, profile, pools, trends). */
  recommend: string;
  timeZone: string;
  maxLooseTopicKeys: number;
}

/** What a snapshot says about itself: its fingerprint and whatever the writer attached (e.g. the log position it covers). */
export interface SnapshotHeader {
  fingerprint: SnapshotFingerprint;
  meta: Record<string, unknown>;
}

/** The fingerprint a snapshot of `engine` carries, and that a snapshot must carry to be restored into it. */
export function engineFingerprint(engine: Engine): SnapshotFingerprint {
  const config = JSON.stringify(engine.recommender.config, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
  return {
    format: ENGINE_SNAPSHOT_FORMAT,
    layout: ENGINE_STATE_LAYOUT,
    analyzer: engine.search.analyzer.version,
    romanizer: engine.deps.romanizer?.name ?? null,
    recommend: `${hashString(config).toString(36)}-${config.length}`,
    timeZone: engine.analytics.calendar.timeZone,
    maxLooseTopicKeys: engine.runtime.topics.maxLoose,
  };
}

function codecOptions(engine: Engine, onInstance?: GraphCodecOptions['onInstance']): GraphCodecOptions {
  const d = engine.deps;
  const externals = new Set<object>([d, d.clock, d.rng, d.ids]);
  if (d.segmenter) externals.add(d.segmenter);
  if (d.romanizer) externals.add(d.romanizer);
  return { classes: snapshotClasses(), skipped: SNAPSHOT_SKIPPED, externals, onInstance };
}

/**
 * The engine's whole live state as a sequence of chunks (about 1 MiB each), to be written out in order. The engine
 * must not change until the last chunk has been taken. `meta` (plain JSON) travels in the header, e.g. the event-log
 * position the state covers. Derived caches (affinity models, trend snapshots) are carried like any state; the
 * search-intent source's per-query result cache lives in the pipelines and starts empty after a restore.
 */
export function* writeEngineSnapshot(engine: Engine, meta: Record<string, unknown> = {}): Generator<Uint8Array> {
  const w = new ByteWriter();
  w.string(MAGIC);
  w.string(JSON.stringify({ fingerprint: engineFingerprint(engine), meta } satisfies SnapshotHeader));
  w.flush();
  yield* drain(w);
  for (const _ of writeGraph(engine, w, codecOptions(engine))) {
    if (w.frames.length > 0) yield* drain(w);
  }
  w.string(MAGIC);
  w.flush();
  yield* drain(w);
}

function* drain(w: ByteWriter): Generator<Uint8Array> {
  for (const f of w.frames.splice(0)) yield f;
}

/** Reads a snapshot's header (its first frame) without restoring anything. */
export function readSnapshotHeader(chunks: Iterable<Uint8Array>): SnapshotHeader {
  return readHeader(new ByteReader(new FrameReader(chunks)));
}

function readHeader(r: ByteReader): SnapshotHeader {
  let magic: string;
  try {
    magic = r.string();
  } catch (e) {
    throw snapshotError(`not an engine snapshot (${(e as Error).message})`);
  }
  if (magic !== MAGIC) throw snapshotError('not an engine snapshot');
  const header = JSON.parse(r.string()) as SnapshotHeader;
  if (typeof header !== 'object' || header === null || typeof header.fingerprint !== 'object') throw snapshotError('snapshot header is damaged');
  return header;
}

/**
 * Restores a snapshot written by `writeEngineSnapshot` into `engine`, which must be freshly built (nothing added yet)
 * with the same options and deps of the same kind as the engine the snapshot was taken of. A snapshot for another
 * format, state layout, analyser, config or time zone is refused before anything is touched; a damaged or truncated one
 * fails with `snapshot_invalid` and leaves the engine unusable (build a fresh one). Returns the snapshot's header.
 */
export function restoreEngineSnapshot(engine: Engine, chunks: Iterable<Uint8Array>): SnapshotHeader {
  if (engine.catalog.size > 0 || engine.analytics.users.size > 0) throw snapshotError('a snapshot can only be restored into a freshly built engine');
  const r = new ByteReader(new FrameReader(chunks));
  const header = readHeader(r);
  const want = engineFingerprint(engine);
  const got = header.fingerprint;
  const diff = (Object.keys(want) as (keyof SnapshotFingerprint)[]).filter((k) => got[k] !== want[k]);
  if (diff.length > 0) {
    const what = diff.map((k) => `${k}: snapshot ${JSON.stringify(got[k])}, engine ${JSON.stringify(want[k])}`).join('; ');
    throw snapshotError(`snapshot does not match this engine (${what})`);
  }
  for (const _ of readGraph(engine, r, codecOptions(engine))) {
    // Restoring is synchronous; the generator only paces the writer's side.
  }
  let end: string;
  try {
    end = r.string();
  } catch (e) {
    throw snapshotError(`snapshot is damaged or truncated at its end (${(e as Error).message})`);
  }
  if (end !== MAGIC || !r.atEnd()) throw snapshotError('snapshot is damaged: no end marker where the state ends');
  return header;
}

/**
 * The layout of the engine's state: each registered class with the union of its instances' field names, one line per
 * class, sorted. `ENGINE_STATE_LAYOUT` is its digest.
 */
export function stateLayout(engine: Engine): string[] {
  const fields = new Map<string, Set<string>>();
  const w = new ByteWriter();
  const opts = codecOptions(engine, (name, keys) => {
    let s = fields.get(name);
    if (!s) fields.set(name, (s = new Set()));
    for (const k of keys) s.add(k);
  });
  for (const _ of writeGraph(engine, w, opts)) w.frames.length = 0;
  return [...fields].map(([name, keys]) => `${name}: ${[...keys].sort().join(',')}`).sort();
}

/** Digest of a `stateLayout`. */
export function layoutDigest(layout: readonly string[]): string {
  const s = layout.join('\n');
  return `${hashString(s).toString(36)}-${s.length}`;
}
