import type { Reason } from './feed.schema.ts';
import type { Taxonomy } from './system.schema.ts';

/** The languages reasons are written in. */
export type ReasonLang = 'en' | 'zh';

/** What a sentence may name besides the reason's own parameters. */
export interface ReasonContext {
  /** Category names; without it a category reason falls back to the code's generic sentence. */
  taxonomy: Taxonomy | null;
  /** The recommended note's author, named by `following` and `new_creator` reasons. */
  authorName?: string;
}

/** What a topic key names: a category by its localised name, a tag, or a title phrase (never shown). */
type Topic = { kind: 'category'; name: string } | { kind: 'tag'; tag: string } | null;

/**
 * Topic keys carry their level as a prefix (`c:` category, `s:` sub-category, `t:` tag, `w:` title phrase). Title
 * phrases are cut from titles without a segmenter and often read as fragments, so no sentence quotes them.
 */
function topicOf(key: string | undefined, t: Taxonomy | null, l: ReasonLang): Topic {
  if (!key) return null;
  const v = key.slice(2);
  switch (key.slice(0, 2)) {
    case 'c:':
    case 's:': {
      const name = categoryLabel(t, v, l);
      return name ? { kind: 'category', name } : null;
    }
    case 't:':
      return v ? { kind: 'tag', tag: v } : null;
    default:
      return null;
  }
}

/** A category or sub-category id (`travel/itineraries`) by its name in `l`; null when unknown. */
export function categoryLabel(t: Taxonomy | null, id: string, l: ReasonLang): string | null {
  if (!t) return null;
  for (const c of t.categories) {
    if (c.id === id) return c[l];
    for (const s of c.children) if (s.id === id) return s[l];
  }
  return null;
}

const LATIN = /^[\p{Script=Latin}\d_-]+$/u;

/** A hashtag as an English sentence shows it: `#camping`, or quoted when it is not in Latin letters (`“#露营”`). */
function enTag(tag: string): string {
  return LATIN.test(tag) ? `#${tag}` : `“#${tag}”`;
}

const MARKET: Record<string, { en: string; zh: string }> = {
  CN: { en: 'China', zh: '中国' },
  US: { en: 'the US', zh: '美国' },
};
function marketName(code: string, l: ReasonLang): string {
  return MARKET[code]?.[l] ?? code;
}

/** Long titles are cut at a word or character boundary so the chip stays one line. */
function shortTitle(title: string): string {
  const chars = [...title.trim()];
  return chars.length <= 20 ? chars.join('') : `${chars.slice(0, 18).join('').trimEnd()}…`;
}

type Params = Readonly<Record<string, string>>;
type Phrase = (p: Params, topic: Topic, c: ReasonContext) => string | null;

/** "notes on Itineraries" / "#camping notes" / "“#露营” notes" */
const enNotes = (t: Topic): string | null => (t === null ? null : t.kind === 'category' ? `notes on ${t.name}` : `${enTag(t.tag)} notes`);
/** 「旅行攻略」 / #露营 */
const zhTopic = (t: Topic): string | null => (t === null ? null : t.kind === 'category' ? `「${t.name}」` : `#${t.tag}`);

const enSignal = (verb: string, generic: string): Phrase => (_, t) => {
  const notes = enNotes(t);
  return notes ? `you ${verb} ${notes}` : generic;
};
const zhSignal = (verb: string, generic: string): Phrase => (_, t) => {
  const topic = zhTopic(t);
  return topic ? `你${verb}${topic}相关笔记` : generic;
};

const EN: Record<string, Phrase> = {
  search: (p, t) => {
    if (!p.query) return null;
    const q = `because you searched “${p.query}”`;
    if (t === null) return q;
    return t.kind === 'category' ? `${q} · ${t.name}` : `${q} · ${enTag(t.tag)}`;
  },
  finished: enSignal('finished', 'you finished similar notes'),
  saved: enSignal('saved', 'you saved similar notes'),
  commented: (_, t) => (t ? `you commented on ${enNotes(t) as string}` : 'you commented on similar notes'),
  shared: enSignal('shared', 'you shared similar notes'),
  liked: enSignal('liked', 'you liked similar notes'),
  followed: (_, t) => (t === null ? 'you follow creators who post like this' : t.kind === 'category' ? `you follow creators in ${t.name}` : `you follow creators who post ${enTag(t.tag)}`),
  topic: enSignal('opened', 'you opened similar notes'),
  popular: (_, t) => (t === null ? 'popular right now' : t.kind === 'category' ? `popular in ${t.name}` : `popular among ${enTag(t.tag)} notes`),
  trending: (p) => {
    const where = p.market ? `trending in ${marketName(p.market, 'en')}` : 'trending now';
    return p.tag ? `${enTag(p.tag)} is ${where}` : where;
  },
  similar: (p) => (p.title ? `similar to “${shortTitle(p.title)}”, which you ${EN_VERB[p.signal ?? ''] ?? 'engaged with'}` : 'similar to notes you engaged with'),
  following: (_, __, c) => (c.authorName ? `from ${c.authorName}, whom you follow` : 'from people you follow'),
  new_creator: (_, __, c) => (c.authorName ? `${c.authorName} is a new creator` : 'new creator'),
  fresh: () => 'new note',
  rising: () => 'rising: viewers are finishing it',
  collaborative: () => 'liked by people with similar taste',
  explore: () => 'exploring',
};
const EN_VERB: Record<string, string> = { save: 'saved', like: 'liked', complete: 'read to the end', comment: 'commented on', share: 'shared', follow: 'followed' };

const ZH: Record<string, Phrase> = {
  search: (p, t) => {
    if (!p.query) return null;
    const q = `因为你搜索了「${p.query}」`;
    return t === null ? q : `${q} · ${t.kind === 'category' ? t.name : `#${t.tag}`}`;
  },
  finished: zhSignal('读完过', '你读完过类似笔记'),
  saved: zhSignal('收藏过', '你收藏过类似笔记'),
  commented: zhSignal('评论过', '你评论过类似笔记'),
  shared: zhSignal('分享过', '你分享过类似笔记'),
  liked: zhSignal('赞过', '你赞过类似笔记'),
  followed: (_, t) => (t === null ? '你关注了发这类笔记的作者' : `你关注了${zhTopic(t) as string}领域的作者`),
  topic: zhSignal('看过', '你看过类似笔记'),
  popular: (_, t) => (t === null ? '最近热门' : `${zhTopic(t) as string}热门`),
  trending: (p) => {
    const where = p.market ? `在${marketName(p.market, 'zh')}正在流行` : '正在流行';
    return p.tag ? `#${p.tag} ${where}` : where;
  },
  similar: (p) => (p.title ? `与你${ZH_VERB[p.signal ?? ''] ?? '互动过'}的「${shortTitle(p.title)}」相似` : '与你互动过的笔记相似'),
  following: (_, __, c) => (c.authorName ? `来自你关注的${c.authorName}` : '来自你关注的人'),
  new_creator: (_, __, c) => (c.authorName ? `新作者 ${c.authorName}` : '新作者'),
  fresh: () => '新笔记',
  rising: () => '上升中：很多人看完了',
  collaborative: () => '口味相似的人也喜欢',
  explore: () => '探索新内容',
};
const ZH_VERB: Record<string, string> = { save: '收藏过', like: '赞过', complete: '读完', comment: '评论过', share: '分享过', follow: '关注过' };

/**
 * A reason as one sentence in `l`, built from its code and parameters alone: categories by their localised names,
 * tags as hashtags (quoted in English when not in Latin letters), markets by name, never a title phrase. A code this
 * version does not know keeps the server's English text in English and reads as a generic 为你推荐 in Chinese.
 */
export function reasonSentence(r: Pick<Reason, 'code' | 'params'> & { text?: string }, c: ReasonContext, l: ReasonLang): string {
  const params: Params = r.params ?? {};
  const phrase = (l === 'zh' ? ZH : EN)[r.code];
  if (phrase) return phrase(params, topicOf(params.topic, c.taxonomy, l), c) ?? (l === 'zh' ? '为你推荐' : 'recommended for you');
  return l === 'en' && r.text ? r.text : l === 'zh' ? '为你推荐' : 'recommended for you';
}

/**
 * The reader's language from an HTTP `Accept-Language` header: the first listed (by quality) that is English or
 * Chinese, null when none is.
 */
export function reasonLangFromHeader(header: string | undefined): ReasonLang | null {
  if (!header) return null;
  const ranked = header
    .split(',')
    .map((part, i) => {
      const [tag = '', ...opts] = part.trim().split(';');
      const qOpt = opts.map((o) => o.trim()).find((o) => o.startsWith('q='));
      const q = qOpt ? Number(qOpt.slice(2)) : 1;
      return { tag: tag.trim().toLowerCase(), q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranked) {
    const primary = tag.split('-')[0];
    if (primary === 'zh' || primary === 'en') return primary;
  }
  return null;
}
