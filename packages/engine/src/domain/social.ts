export interface Comment {
  id: string;
  noteId: string;
  authorId: string;
  /** Threaded one level: replies point at a top-level comment. */
  parentId: string | null;
  body: string;
  createdAt: number;
  deleted: boolean;
}

export interface Follow {
  followerId: string;
  followeeId: string;
  createdAt: number;
}

export interface Like {
  userId: string;
  noteId: string;
  createdAt: number;
}

/** A named collection of saved notes (收藏夹). Every user has a default collection named `default`. */
export interface Collection {
  id: string;
  userId: string;
  name: string;
  createdAt: number;
}

export interface Save {
  userId: string;
  noteId: string;
  collectionId: string;
  createdAt: number;
}

export const COMMENT_BODY_MAX = 2_000;
