import { collectTags } from '@notewave/engine';
import type { SeededRng } from '@notewave/engine';
import { CONTENT, SHARED_SLOTS, split } from './content/index.ts';

export type Lang = 'zh' | 'en';

export interface ComposedText {
  title: string;
  body: string;
  tags: string[];
}

const ZH_OPENERS = ['姐妹们！', '终于来更新啦～', '收藏=学会，', '不允许还有人不知道！', '真心分享，无广：', '挖到宝了！', '碎碎念一下，'];
const EN_OPENERS = ['Okay, let me share.', 'Not sponsored, just obsessed.', 'Quick one today.', 'You asked, so here it is.', 'Saving you the trial and error.'];
const ZH_CLOSERS = ['有问题评论区见～', '觉得有用记得收藏！', '关注我，持续分享{leaf}', '你们还有什么推荐吗？', '码住慢慢看'];
const EN_CLOSERS = ['Questions? Drop them below.', 'Save this for later!', 'Follow for more {leaf}.', 'What would you add?', 'Bookmark it, thank me later.'];
// Decorations people actually put on titles; they also keep slot-light templates from repeating verbatim.
const ZH_TITLE_HEADS = ['', '', '', '', '', '', '【干货】', '救命！', '纯分享｜', '真的会谢，', '谁懂啊！'];
const ZH_TITLE_TAILS = ['', '', '', '', '✨', '！', '｜建议收藏', '（附清单）', '🔥', '（二）', '｜亲测'];
const EN_TITLE_HEADS = ['', '', '', '', '', '', 'PSA: ', 'Honest take: ', 'Update: '];
const EN_TITLE_TAILS = ['', '', '', '', '', ' ✨', '!', ' (saving this)', ' (part 2)', ' 🔥', ' — thread'];
const ZH_BULLETS = ['①', '②', '③', '④'];
const SLOT = /\{(\w+)\}/;
const compiled = new Map<string, readonly string[]>();
const splitPairs = new WeakMap<readonly string[], readonly [string, string][]>();

/** Templates split once into literal and slot-name parts (slot names at odd indices): cheaper than a regex replace per note. */
function compile(template: string): readonly string[] {
  let parts = compiled.get(template);
  if (!parts) {
    parts = template.split(SLOT);
    compiled.set(template, parts);
  }
  return parts;
}

function pairs(values: readonly string[]): readonly [string, string][] {
  let out = splitPairs.get(values);
  if (!out) {
    out = values.map(split);
    splitPairs.set(values, out);
  }
  return out;
}
const HAN = /[\u4e00-\u9fff]/;

/**
 * Writes a note's title, body and tags from its leaf's templates. Slot picks are shared between title and
 * body so a note about "Hangzhou" stays about Hangzhou; hashtags use Xiaohongshu's closed `#话题#` form for
 * Chinese tags and the open `#tag` form otherwise, and the tag list comes from the engine's own parser.
 */
export function composeNote(rng: SeededRng, leafIx: number, topicIx: number, lang: Lang): ComposedText {
  const c = CONTENT[leafIx];
  if (!c) throw new RangeError(`no content for leaf index ${leafIx}`);
  const topic = c.topics[topicIx % c.topics.length]!;
  const picked = new Map<string, string>();
  const zh = lang === 'zh';
  const slot = (name: string): string => {
    const hit = picked.get(name);
    if (hit !== undefined) return hit;
    let v: string;
    if (name === 'n') v = String(3 + rng.int(8));
    else if (name === 'leaf') v = zh ? topic.zh : topic.en.toLowerCase();
    else {
      const values = c.slots[name] ?? SHARED_SLOTS[name];
      v = values ? pairs(values)[rng.int(values.length)]![zh ? 0 : 1] : name;
    }
    picked.set(name, v);
    return v;
  };
  const fill = (template: string): string => {
    const parts = compile(template);
    let out = parts[0]!;
    for (let i = 1; i < parts.length; i += 2) out += slot(parts[i]!) + parts[i + 1]!;
    return out;
  };

  const core = fill(rng.pick(zh ? topic.zhTitles : topic.enTitles));
  const title = zh ? rng.pick(ZH_TITLE_HEADS) + core + rng.pick(ZH_TITLE_TAILS) : rng.pick(EN_TITLE_HEADS) + core + rng.pick(EN_TITLE_TAILS);
  const points = pickDistinct(rng, zh ? c.zhPoints : c.enPoints, 3).map(fill);
  const tagLine = hashtagLine(rng, topic.tags, zh);
  const body = zh
    ? `${rng.pick(ZH_OPENERS)}今天聊聊「${topic.zh}」。\n\n${points.map((p, i) => `${ZH_BULLETS[i]} ${p}`).join('\n')}\n\n${fill(rng.pick(ZH_CLOSERS))}\n\n${tagLine}`
    : `${rng.pick(EN_OPENERS)} Today: ${topic.en}.\n\n${points.map((p, i) => `${i + 1}. ${p}`).join('\n')}\n\n${fill(rng.pick(EN_CLOSERS))}\n\n${tagLine}`;
  return { title, body, tags: tagsOf(topic.tags[0]!, title, tagLine) };
}

const tagMemo = new Map<string, readonly string[]>();

/**
 * collectTags over the explicit tag, title and body. Only the hashtag line of a generated body carries
 * '#', and it repeats across notes, so the parse is memoised: Unicode normalisation dominated note
 * generation otherwise.
 */
function tagsOf(explicit: string, title: string, tagLine: string): string[] {
  if (title.includes('#')) return collectTags([explicit], title, tagLine);
  const key = explicit + '\u0000' + tagLine;
  let tags = tagMemo.get(key);
  if (!tags) {
    tags = collectTags([explicit], tagLine);
    if (tagMemo.size < 50_000) tagMemo.set(key, tags);
  }
  return tags.slice();
}

function hashtagLine(rng: SeededRng, tags: readonly string[], zh: boolean): string {
  const out: string[] = [];
  for (const t of tags) {
    const han = HAN.test(t);
    if (!zh && han) continue;
    if (han || (zh && rng.next() < 0.5)) out.push(rng.next() < 0.2 ? `#${t}[话题]#` : `#${t}#`);
    else out.push(`#${t}`);
  }
  return out.join(' ');
}

function pickDistinct<T>(rng: SeededRng, xs: readonly T[], k: number): T[] {
  const n = Math.min(k, xs.length);
  const start = rng.int(xs.length);
  const step = xs.length > 1 && rng.next() < 0.5 ? xs.length - 1 : 1;
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(xs[(start + i * step) % xs.length]!);
  return out;
}
