import type { Explanation } from '../feed.ts';
import type { Signal } from './profile-config.ts';
import { topicLabel } from './topic-keys.ts';
import type { TopicWeight } from './user-profile.ts';

const PHRASES: Partial<Record<Signal, [code: string, en: (l: string) => string]>> = {
  complete: ['finished', (l) => `you finished notes on ${l}`],
  save: ['saved', (l) => `you saved notes on ${l}`],
  comment: ['commented', (l) => `you commented on notes about ${l}`],
  share: ['shared', (l) => `you shared notes on ${l}`],
  like: ['liked', (l) => `you liked notes on ${l}`],
  follow: ['followed', (l) => `you follow creators in ${l}`],
  open: ['topic', (l) => `you opened notes on ${l}`],
};

/**
 * Why a topic is in a user's profile, from the signal that contributed most to it: the reason is
 * true by construction because that signal was recorded on that topic.
 */
export function topicReason(key: string, tw: TopicWeight, lang: 'en' | 'zh'): Explanation {
  let best: Signal = 'open';
  let max = -1;
  for (const [s, v] of Object.entries(tw.bySignal) as [Signal, number][]) {
    if (s === 'skip' || s === 'not_interested') continue;
    if (v > max) [max, best] = [v, s];
  }
  if (best === 'search' && tw.query) {
    // Query words name the topic themselves; other topics were raised by the query's results.
    const own = tw.level === 'tag' || tw.level === 'term' ? tw.query.toLowerCase().includes(key.slice(2)) : false;
    return own
      ? { code: 'search', text: `you searched '${tw.query}'`, params: { query: tw.query } }
      : { code: 'search', text: `you searched '${tw.query}' (${topicLabel(key, lang)})`, params: { query: tw.query, topic: key } };
  }
  const [code, text] = PHRASES[best] ?? (PHRASES.open as [string, (l: string) => string]);
  return { code, text: text(topicLabel(key, lang)), params: { topic: key } };
}
