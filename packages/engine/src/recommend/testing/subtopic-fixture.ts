import type { Community } from './community-fixture.ts';

const DAY = 86_400_000;

/** Pour-over coffee notes by sub-topic, plus milk-tea notes sharing their category. */
export interface CoffeeGroups {
  gear: string[];
  technique: string[];
  beans: string[];
  milkTea: string[];
}

export type CoffeeSubtopic = 'gear' | 'technique' | 'beans';
export const COFFEE_SUBTOPICS: readonly CoffeeSubtopic[] = ['gear', 'technique', 'beans'];

/** Each sub-topic's own tags and title phrases; notes carry a random few of them, never all. */
const SUBTOPIC_TAGS: Record<CoffeeSubtopic, string[]> = {
  gear: ['磨豆机', '手冲壶', '滤杯', '电子秤', '器具推荐', '开箱'],
  technique: ['粉水比', '研磨度', '水温', '萃取', '冲煮参数', '闷蒸'],
  beans: ['咖啡豆', '埃塞俄比亚', '浅烘', '产区', '风味', '豆单'],
};
const SUBTOPIC_PHRASES: Record<CoffeeSubtopic, string[]> = {
  gear: ['平价磨豆机横评', '入门手冲壶怎么选', '滤杯对比', '百元器具清单', '电子秤到底要不要', '桌面咖啡角布置', '磨豆机开箱'],
  technique: ['粉水比怎么调', '研磨度找不准', '水温差三度', '萃取过度怎么办', '闷蒸三十秒', '冲煮参数记录', '酸苦失衡排查'],
  beans: ['埃塞俄比亚浅烘', '本月豆单', '产区风味笔记', '花香果酸的豆子', '云南咖啡豆', '拼配还是单品', '豆子保存'],
};
/** Topic-wide and community-wide tags that say nothing about the sub-topic. */
const TOPIC_TAGS: [string, number][] = [['手冲', 0.85], ['咖啡', 0.6], ['手冲咖啡', 0.45], ['coffee', 0.25]];
const NOISE_TAGS = ['新手', '好物分享', '日常', '周末', '打工人'];
const TEA_TAGS = ['奶茶', '自制饮品', '夏日', '低卡', '茶饮'];

/**
 * Adds a pour-over coffee topic to a community: three sub-topics (gear, technique, beans) in one
 * category (food/drinks), told apart only by tags and title phrases, and noisily so: each note has
 * one to three of its sub-topic's tags, a sixth of them one tag of another sub-topic, topic tags
 * with chances below one, and general tags that other categories use too. Milk-tea notes share the
 * category. All notes are a few days old, with light background reading, like the rest.
 */
export function addCoffeeTopic(c: Community, perSubtopic = 50): CoffeeGroups {
  const rng = c.rng.fork('coffee');
  const groups: CoffeeGroups = { gear: [], technique: [], beans: [], milkTea: [] };
  const pick = <T>(xs: readonly T[], n: number): T[] => {
    const pool = [...xs];
    const out: T[] = [];
    while (out.length < n && pool.length > 0) out.push(pool.splice(rng.int(pool.length), 1)[0] as T);
    return out;
  };
  const author = () => rng.pick(c.authors.slice(0, 36));
  const age = () => (3 + rng.next() * 10) * DAY;
  for (let i = 0; i < perSubtopic; i++) {
    for (const sub of COFFEE_SUBTOPICS) {
      const tags = pick(SUBTOPIC_TAGS[sub], 1 + rng.int(3));
      if (rng.next() < 1 / 6) {
        const others = COFFEE_SUBTOPICS.filter((s) => s !== sub);
        tags.push(rng.pick(SUBTOPIC_TAGS[rng.pick(others)]));
      }
      for (const [t, p] of TOPIC_TAGS) if (rng.next() < p) tags.push(t);
      if (rng.next() < 0.5) tags.push(rng.pick(NOISE_TAGS));
      const ordered = pick(tags, tags.length);
      const phrase = rng.pick(SUBTOPIC_PHRASES[sub]);
      const title = `${rng.next() < 0.6 ? '手冲' : '咖啡'}${phrase} ${i + 1}｜${rng.pick(ANGLES)}`;
      groups[sub].push(c.postAt(author(), 'image', 'food/drinks', title, ordered, c.clock.now() - age()).id);
    }
  }
  for (let i = 0; i < perSubtopic; i++) {
    const tags = [...pick(TEA_TAGS, 2 + rng.int(2)), ...(rng.next() < 0.4 ? [rng.pick(NOISE_TAGS)] : [])];
    groups.milkTea.push(c.postAt(author(), 'image', 'food/drinks', `自制奶茶${i + 1}｜${rng.pick(ANGLES)}`, tags, c.clock.now() - age()).id);
  }
  // The general tags are general: other categories use them too.
  for (let i = 0; i < perSubtopic; i++) {
    const cat = rng.pick(['fitness/running', 'home/organizing', 'study/career', 'food/baking', 'fashion/outfits']);
    c.postAt(author(), 'image', cat, `${cat.split('/')[1]} diary ${i + 1}: ${rng.pick(ANGLES)}`, pick(NOISE_TAGS, 1 + rng.int(2)), c.clock.now() - age());
  }
  // Light background reading of the new notes by the community's background users, before "now".
  const all = [...groups.gear, ...groups.technique, ...groups.beans, ...groups.milkTea];
  const end = c.clock.now();
  c.clock.set(end - 3 * DAY);
  for (let step = 0; step < 400; step++) {
    c.clock.advance((2 * DAY) / 400);
    const u = rng.pick(c.background);
    const id = rng.pick(all);
    c.engine.applyEvent(c.ev(u, { type: 'impression', noteId: id, position: 0 }));
    if (rng.next() < 0.5) c.engine.applyEvent(c.ev(u, { type: 'view', noteId: id, portion: rng.next() }));
    if (rng.next() < 0.1) c.engine.applyEvent(c.ev(u, { type: 'like', noteId: id }));
  }
  c.clock.set(end);
  return groups;
}

const ANGLES = ['周末在家', '上班前', '学生党', '租房党', '第一次尝试', '踩坑记录', '一个月后', '朋友推荐', '雨天', '出差带着', '小白视角', '懒人版'];
