export * from './errors.ts';
export * from './runtime/clock.ts';
export * from './runtime/rng.ts';
export * from './runtime/ids.ts';
export * from './domain/taxonomy.ts';
export * from './domain/hashtags.ts';
export * from './domain/user.ts';
export * from './domain/report.ts';
export * from './domain/note.ts';
export * from './domain/social.ts';
export * from './domain/event.ts';
export * from './domain/text.ts';
export * from './ports/storage.ts';
export * from './catalog/note-catalog.ts';
export * from './search/index.ts';
export * from './recommend/index.ts';
export * from './models/index.ts';
export * from './eval/index.ts';
export * from './engine.ts';
export * from './analytics/index.ts';
export * from './experiments/index.ts';
export {
  ENGINE_SNAPSHOT_FORMAT,
  ENGINE_STATE_LAYOUT,
  engineFingerprint,
  readSnapshotHeader,
  restoreEngineSnapshot,
  writeEngineSnapshot,
  type SnapshotFingerprint,
  type SnapshotHeader,
} from './snapshot/engine-snapshot.ts';
