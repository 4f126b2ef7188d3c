import { Type, type Static } from 'typebox';
import { Id, Page, PageQuery, Timestamp } from './common.schema.ts';
import { PublicUser } from './users.schema.ts';

export const NoteKind = Type.Enum(['image', 'video']);
export type NoteKind = Static<typeof NoteKind>;

export const ImageRef = Type.Object({
  url: Type.String({ minLength: 1, maxLength: 2048 }),
  width: Type.Optional(Type.Integer({ minimum: 1 })),
  height: Type.Optional(Type.Integer({ minimum: 1 })),
});

export const NoteMedia = Type.Object({
  images: Type.Array(ImageRef, { maxItems: 18 }),
  videoUrl: Type.Optional(Type.String({ minLength: 1, maxLength: 2048 })),
  durationSec: Type.Optional(Type.Number({ minimum: 0, maximum: 3600 })),
});
export type NoteMedia = Static<typeof NoteMedia>;

const Title = Type.String({ minLength: 1, maxLength: 200 });
const Body = Type.String({ maxLength: 20_000 });
const Tags = Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { maxItems: 30 });
/** Taxonomy id such as `beauty/skincare`; see GET /api/taxonomy. */
const Category = Type.String({ minLength: 1, maxLength: 64 });
const Language = Type.String({ minLength: 2, maxLength: 8 });

/** Hashtags in title and body (`#tag`, `#话题#`) are added to `tags` by the server. */
export const NoteInput = Type.Object(
  {
    kind: NoteKind,
    title: Title,
    body: Body,
    tags: Type.Optional(Tags),
    category: Category,
    /** Guessed from the text when omitted. */
    language: Type.Optional(Language),
    media: Type.Optional(NoteMedia),
  },
  { additionalProperties: false },
);
export type NoteInput = Static<typeof NoteInput>;

export const NotePatchInput = Type.Object(
  {
    title: Type.Optional(Title),
    body: Type.Optional(Body),
    tags: Type.Optional(Tags),
    category: Type.Optional(Category),
    language: Type.Optional(Language),
    media: Type.Optional(NoteMedia),
  },
  { additionalProperties: false },
);
export type NotePatchInput = Static<typeof NotePatchInput>;

export const NoteStats = Type.Object({
  likes: Type.Integer(),
  saves: Type.Integer(),
  comments: Type.Integer(),
  shares: Type.Integer(),
});
export type NoteStats = Static<typeof NoteStats>;

export const NoteView = Type.Object(
  {
    id: Id,
    kind: NoteKind,
    title: Type.String(),
    body: Type.String(),
    tags: Type.Array(Type.String()),
    category: Type.String(),
    language: Type.String(),
    media: NoteMedia,
    createdAt: Timestamp,
    editedAt: Type.Union([Timestamp, Type.Null()]),
    author: PublicUser,
    stats: NoteStats,
  }
);
export type NoteView = Static<typeof NoteView>;

/** Whether the signed-in viewer liked and saved a note; guests get none. */
export const NoteViewerState = Type.Object({ liked: Type.Boolean(), saved: Type.Boolean() });
export type NoteViewerState = Static<typeof NoteViewerState>;

/** GET /api/notes/:id: the note, plus `viewer` for a signed-in viewer (lists leave it out to stay cheap). */
export const NoteDetail = Type.Object({ ...NoteView.properties, viewer: Type.Optional(NoteViewerState) });
export type NoteDetail = Static<typeof NoteDetail>;

export const NoteListQuery = Type.Object({ ...PageQuery.properties, authorId: Type.Optional(Id), kind: Type.Optional(NoteKind) });
export type NoteListQuery = Static<typeof NoteListQuery>;

export const NotePage = Page(NoteView);
export type NotePage = Static<typeof NotePage>;
