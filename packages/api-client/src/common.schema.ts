import { Type, type Static, type TSchema } from 'typebox';

/** Every error response has this body; `code` comes from the engine's error catalog. */
export const ErrorBody = Type.Object(
  { error: Type.Object({ code: Type.String(), message: Type.String() }) }
);
export type ErrorBody = Static<typeof ErrorBody>;

export const Id = Type.String({ minLength: 1, maxLength: 64 });
export const IdParams = Type.Object({ id: Id });
export type IdParams = Static<typeof IdParams>;

/** Keyset pagination: pass the previous page's `nextCursor` as `after`. */
export const PageQuery = Type.Object({
  after: Type.Optional(Id),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});
export type PageQuery = Static<typeof PageQuery>;

export function Page<T extends TSchema>(item: T) {
  return Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Id, Type.Null()]) });
}
export interface PageOf<T> {
  items: T[];
  nextCursor: string | null;
}

/** Milliseconds since the Unix epoch. */
export const Timestamp = Type.Integer({ minimum: 0 });
