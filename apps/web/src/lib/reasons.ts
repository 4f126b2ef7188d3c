import type { Reason, Taxonomy } from '@notewave/api-client';
import { categoryName } from './category-name.ts';
import type { Lang } from './i18n.ts';

/**
 * Topic keys carry their level as a prefix (`c:` category, `s:` sub-category, `t:` tag, `w:` term);
 * categories are shown by their localised names, tags as hashtags, terms as written.
 */
export function topicName(key: string, t: Taxonomy | null, l: Lang): string {
  const v = key.slice(2);
  switch (key.slice(0, 2)) {
    case 'c:':
    case 's:':
      return categoryName(t, v, l);
    case 't:':
      return `#${v}`;
    default:
      return v;
  }
}

type Params = Record<string, string>;
type Phrase = (p: Params, topic: string) => string;

const ZH: Record<string, Phrase> = {
  search: (p, topic) => (p.topic ? `因为你搜索了「${p.query}」· ${topic}` : `因为你搜索了「${p.query}」`),
  finished: (_, topic) => `你读完过${topic}相关笔记`,
  saved: (_, topic) => `你收藏过${topic}相关笔记`,
  commented: (_, topic) => `你评论过${topic}相关笔记`,
  shared: (_, topic) => `你分享过${topic}相关笔记`,
  liked: (_, topic) => `你赞过${topic}相关笔记`,
  followed: (_, topic) => `你关注了${topic}领域的作者`,
  topic: (_, topic) => `你看过${topic}相关笔记`,
  popular: (_, topic) => `${topic}热门`,
  trending: (p) => {
    const where = p.market ? `${p.market}正在流行` : '正在流行';
    return p.tag ? `#${p.tag} ${where}` : where;
  },
  similar: (p) => `与你${ZH_VERB[p.signal ?? ''] ?? '互动过'}的「${p.title}」相似`,
  following: () => '来自你关注的人',
  new_creator: () => '新作者',
  fresh: () => '新笔记',
  rising: () => '上升中：很多人看完了',
  collaborative: () => '口味相似的人也喜欢',
  explore: () => '探索新内容',
};
const ZH_VERB: Record<string, string> = { save: '收藏过', like: '赞过', complete: '读完', comment: '评论过', share: '分享过', follow: '关注过' };

const EN: Record<string, Phrase> = {
  search: (p, topic) => (p.topic ? `because you searched '${p.query}' · ${topic}` : `because you searched '${p.query}'`),
  finished: (_, topic) => `you finished notes on ${topic}`,
  saved: (_, topic) => `you saved notes on ${topic}`,
  commented: (_, topic) => `you commented on notes about ${topic}`,
  shared: (_, topic) => `you shared notes on ${topic}`,
  liked: (_, topic) => `you liked notes on ${topic}`,
  followed: (_, topic) => `you follow creators in ${topic}`,
  topic: (_, topic) => `you opened notes on ${topic}`,
  popular: (_, topic) => `popular in ${topic}`,
  trending: (p) => {
    const where = p.market ? `trending in ${p.market}` : 'trending now';
    return p.tag ? `#${p.tag} is ${where}` : where;
  },
  similar: (p) => `similar to '${p.title}' you ${EN_VERB[p.signal ?? ''] ?? 'engaged with'}`,
  following: () => 'from people you follow',
  new_creator: () => 'new creator',
  fresh: () => 'new note',
  rising: () => 'rising: viewers are finishing it',
  collaborative: () => 'liked by people with similar taste',
  explore: () => 'exploring',
};
const EN_VERB: Record<string, string> = { save: 'saved', like: 'liked', complete: 'read to the end', comment: 'commented on', share: 'shared', follow: 'followed' };

/**
 * The reason as a sentence in `l`, built from its code and parameters. An unknown code falls back to
 * the server's text only in English; in Chinese a generic phrase is shown rather than English words.
 */
export function reasonSentence(r: Reason, t: Taxonomy | null, l: Lang): string {
  const params: Params = r.params ?? {};
  const phrase = (l === 'zh' ? ZH : EN)[r.code];
  const topic = params.topic ? topicName(params.topic, t, l) : '';
  if (phrase && (topic || !/^(finished|saved|commented|shared|liked|followed|topic|popular)$/.test(r.code))) return phrase(params, topic);
  return l === 'zh' ? '为你推荐' : r.text;
}
