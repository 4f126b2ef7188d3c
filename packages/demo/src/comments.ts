import { hashString, topCategory } from '@notewave/engine';

/*
 * Comment bodies for the comment events in the history, so a seeder can store them as Comment records.
 * Picked by hashing the comment id: stateless and stable, whatever order events are replayed in.
 */
const GENERIC = {
  zh: ['求链接！', '码住了，周末试试', '太实用了吧', '姐妹你好会', '已收藏，感谢分享', '这个真的绝', '蹲一个后续', '同款！', '看完马上去试了', '写得好详细，爱了'],
  en: ['Saving this!', 'Need the link please', 'This is so helpful', 'Trying this tonight', 'Hello from the US 👋', 'The last tip though', 'Why did nobody tell me this sooner', 'Following for part 2'],
};

const BY_TOP: Record<string, { zh: string[]; en: string[] }> = {
  beauty: { zh: ['干皮能用吗？', '敏感肌可以用吗', '色号求问！'], en: ['Does this work on dry skin?', 'Shade name please!'] },
  fashion: { zh: ['小个子友好！', '衣服链接求！'], en: ['Where is the coat from?', 'Petite-friendly, love it'] },
  travel: { zh: ['请问人多吗？', '这家店在哪里呀', '下周就去！'], en: ['Is it crowded on weekends?', 'Adding this to my China trip!'] },
  food: { zh: ['看饿了', '做了，家人都说好吃', '空气炸锅可以做吗'], en: ['Made this, so good', 'Now I am hungry'] },
  tech: { zh: ['DeepSeek这个用法学到了', '提示词能分享一下吗', '已经用上了，效率翻倍'], en: ['Can you share the prompt?', 'Tried it with DeepSeek, works great'] },
  pets: { zh: ['好可爱啊啊啊', '想rua'], en: ['I would die for this cat', 'Cutest thing today'] },
  comedy: { zh: ['哈哈哈哈哈哈', '笑死我了', '这就是我本人'], en: ['LMAO', 'This is literally me', 'Welcome to RedNote!'] },
  'music-dance': { zh: ['跳得太好了', '求慢速版'], en: ['Slow version please', 'Nailed it!'] },
};

/** A plausible comment for comment `commentId` on a note of `category`, in the commenter's language. */
export function commentBody(commentId: string, category: string, zh: boolean): string {
  const h = hashString(commentId);
  const specific = BY_TOP[topCategory(category)];
  const lang = zh ? 'zh' : 'en';
  const pool = specific && h % 3 !== 0 ? specific[lang] : GENERIC[lang];
  return pool[(h >>> 2) % pool.length]!;
}
