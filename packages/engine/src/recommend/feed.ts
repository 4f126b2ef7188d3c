/** The public shapes of a feed request and page. */
export interface FeedRequest {
  userId: string;
  /** `discover` (image-first, funnel by default) or `video` (viral by default). */
  surface: string;
  /** Pipeline name; defaults to the surface's configured strategy. */
  strategy?: string;
  /** Feed session: pages of one session never repeat an item. */
  sessionId?: string;
  limit?: number;
  market?: string;
}

export interface Explanation {
  /** Machine-readable reason: `search`, `topic`, `saved`, `liked`, `finished`, `commented`, `shared`, `followed`, `trending`, `new_creator`, `fresh`, `rising`, `following`, `similar`, `collaborative`, `popular`, `explore`. */
  code: string;
  /** Human-readable English, e.g. "you searched 'DeepSeek'". */
  text: string;
  /**
   * What a client needs to say the same in any language: `query`, `topic` (a prefixed topic key such as
   * `s:travel/itineraries` or `t:露营`), `tag`, `market`, `title`, `signal`, depending on the code.
   */
  params?: Readonly<Record<string, string>>;
}

export interface FeedItem {
  noteId: string;
  recId: string;
  score: number;
  sources: string[];
  reasons: Explanation[];
  /** True when the item came from the exploration slice (logged for unbiased evaluation). */
  exploration: boolean;
}

export interface FeedPage {
  sessionId: string;
  strategy: string;
  items: FeedItem[];
}
