import { Type, type Static } from 'typebox';

const CategoryName = { id: Type.String(), en: Type.String(), zh: Type.String() };
export const Taxonomy = Type.Object({
  categories: Type.Array(Type.Object({ ...CategoryName, children: Type.Array(Type.Object(CategoryName)) })),
});
export type Taxonomy = Static<typeof Taxonomy>;

export const UploadResult = Type.Object({
  name: Type.String(),
  url: Type.String(),
  contentType: Type.String(),
  bytes: Type.Integer(),
  /** Pixels, after turning the image upright; pass them on in the note's media. */
  width: Type.Integer({ minimum: 1 }),
  height: Type.Integer({ minimum: 1 }),
});
export type UploadResult = Static<typeof UploadResult>;

/** An uploaded clip (WebM or MP4), with a poster frame and what the server read from the file. */
export const VideoUploadResult = Type.Object({
  name: Type.String(),
  url: Type.String(),
  contentType: Type.String(),
  bytes: Type.Integer(),
  posterUrl: Type.Union([Type.String(), Type.Null()]),
  durationSec: Type.Union([Type.Number(), Type.Null()]),
  width: Type.Union([Type.Integer(), Type.Null()]),
  height: Type.Union([Type.Integer(), Type.Null()]),
});
export type VideoUploadResult = Static<typeof VideoUploadResult>;

export const Health = Type.Object({
  status: Type.Enum(['ok', 'degraded']),
  role: Type.String(),
  storage: Type.Enum(['ok', 'unavailable']),
  version: Type.String(),
  /**
   * On a store shared by several nodes: the highest change-log and event-log seqs this node has applied and the
   * highest committed, so `latest - applied` is how far behind it is. `changes.missed` is set (and the status is
   * `degraded`, answered with 503) when changes this node had not read were pruned from the log: restart it.
   */
  sync: Type.Optional(
    Type.Object({
      changes: Type.Object({ applied: Type.Integer(), latest: Type.Integer(), behind: Type.Integer(), missed: Type.Optional(Type.Literal(true)) }),
      events: Type.Object({ applied: Type.Integer(), latest: Type.Integer(), behind: Type.Integer() }),
      /** What wakes this node when another one commits, and whether it can now (otherwise it relies on its poll). */
      bus: Type.Object({ kind: Type.Enum(['postgres', 'nats']), connected: Type.Boolean() }),
    }),
  ),
});
export type Health = Static<typeof Health>;
