import { join } from 'node:path';
import { collectTags, NOTE_LIMITS, topCategory, type Note } from '@notewave/engine';
import { guessCategory, withinTops } from './category-keywords.ts';
import { parseCsvRecords, readCsvRecords } from './csv.ts';
import { IMPORT_DEFAULTS, synthAuthor, synthCreatedAt, type ImportOptions } from './synth.ts';

/** KuaiRec 2.0 captions and categories (see SOURCE.md in the data folder). */
export const KUAIREC_CAPTIONS_FILE = 'kuairec_caption_category.csv';

/**
 * KuaiRec's first-level category names mapped onto our taxonomy. A top-level target is refined to
 * a leaf by the keyword mapping (falling back to the first leaf of that branch); names not listed
 * (news, emotions, parenting, farming...) go to the keyword mapping over all leaves, then other/misc.
 * A few second-level names override their parent.
 */
export const KUAIREC_CATEGORY_MAP: Readonly<Record<string, string>> = {
  美食: 'food', 时尚: 'fashion', 颜值: 'beauty/makeup', 自拍: 'beauty/makeup', 美妆: 'beauty',
  舞蹈: 'music-dance/dance-challenges', 音乐: 'music-dance', 喜剧: 'comedy/skits', 短剧: 'comedy/skits',
  明星娱乐: 'comedy/memes', 娱乐八卦: 'comedy/memes', 影视综: 'comedy/memes', 二次元: 'comedy/memes', 游戏: 'comedy/memes',
  宠物: 'pets', 运动: 'fitness', 健身: 'fitness/workouts', 健康: 'fitness/diet', 旅游: 'travel/itineraries',
  摄影: 'travel/city-walk', 高新数码: 'tech/gadgets', 汽车: 'tech/gadgets', 教育: 'study/exams', 读书: 'study',
  科学与法律: 'study', 房产家居: 'home', 生活: 'life-hacks', 艺术: 'life-hacks/diy',
};
const SECOND_LEVEL_MAP: Readonly<Record<string, string>> = {
  美食探店: 'food/restaurants', 美食吃播: 'food/restaurants', 美食教程: 'food/recipes', 丽人: 'beauty/makeup',
  穿搭: 'fashion/outfits', 彩妆: 'beauty/makeup', 旅游种草: 'travel/itineraries', 燃脂训练: 'fitness/workouts',
};

const LEAF_OF_TOP: Record<string, string> = {
  food: 'food/recipes', fashion: 'fashion/outfits', beauty: 'beauty/makeup', 'music-dance': 'music-dance/covers',
  pets: 'pets/dogs', fitness: 'fitness/workouts', study: 'study/exams', home: 'home/decor', 'life-hacks': 'life-hacks/diy',
};

const UNKNOWN = 'UNKNOWN';
const clean = (s: string | undefined) => (s === undefined || s.trim() === UNKNOWN ? '' : s.trim());

/** `[a,b,c]` as written in the topic_tag column. */
export function parseTopicTags(raw: string): string[] {
  const inner = raw.trim().replace(/^\[/, '').replace(/\]$/, '');
  return inner ? inner.split(',').map((t) => t.trim().replace(/^['"]|['"]$/g, '')).filter(Boolean) : [];
}

export function kuairecCategory(first: string, second: string, text: { title: string; tags: readonly string[]; body: string }): string {
  const direct = SECOND_LEVEL_MAP[second] ?? KUAIREC_CATEGORY_MAP[first];
  if (direct?.includes('/')) return direct;
  if (direct) return guessCategory(text, withinTops(direct)) ?? LEAF_OF_TOP[direct] ?? `${direct}`;
  return guessCategory(text) ?? 'other/misc';
}

/** Title from the cover text, else the caption's first clause without hashtags. */
function titleOf(cover: string, caption: string): string {
  if (cover) return cover.slice(0, NOTE_LIMITS.titleMax);
  const plain = caption.replace(/#\S+/g, ' ').replace(/\s+/g, ' ').trim();
  return (plain.split(/[。！？!?\n]/)[0] ?? '').trim().slice(0, 40);
}

/** Maps one CSV record to a video note, or null when the id is not an integer or there is no text. */
export function kuairecRecordToNote(r: Record<string, string>, opts: ImportOptions = {}): Note | null {
  const vid = (r.video_id ?? '').trim();
  if (!/^\d+$/.test(vid)) return null;
  const caption = clean(r.caption).slice(0, NOTE_LIMITS.bodyMax);
  const cover = clean(r.manual_cover_text);
  const title = titleOf(cover, caption);
  if (!title && !caption) return null;
  const tags = collectTags(parseTopicTags(r.topic_tag ?? ''), title, caption).slice(0, NOTE_LIMITS.tagsMax);
  const category = kuairecCategory(clean(r.first_level_category_name), clean(r.second_level_category_name), { title, tags, body: caption });
  return {
    id: `kuairec_${vid}`,
    authorId: synthAuthor('kuairec', vid, opts.authors ?? IMPORT_DEFAULTS.authors),
    kind: 'video',
    title,
    body: caption,
    tags,
    category: category.includes('/') ? category : LEAF_OF_TOP[topCategory(category)] ?? 'other/misc',
    language: 'zh',
    // KuaiRec's caption file carries no duration; the durations in kuairand-pure use other video ids.
    media: { images: [] },
    createdAt: synthCreatedAt('kuairec', vid, opts),
    editedAt: null,
    deleted: false,
  };
}

export function parseKuairecNotes(csvText: string, opts: ImportOptions = {}): Note[] {
  return collect(parseCsvRecords(csvText), opts);
}

/** Reads `kuairec_caption_category.csv` from the KuaiRec side-information folder. */
export async function readKuairecNotes(dir: string, opts: ImportOptions = {}): Promise<Note[]> {
  return collect(await readCsvRecords(join(dir, KUAIREC_CAPTIONS_FILE)), opts);
}

function collect(records: Record<string, string>[], opts: ImportOptions): Note[] {
  const out: Note[] = [];
  const seen = new Set<string>();
  for (const r of records) {
    const n = kuairecRecordToNote(r, opts);
    if (!n || seen.has(n.id)) continue;
    seen.add(n.id);
    out.push(n);
    if (opts.limit !== undefined && out.length >= opts.limit) break;
  }
  return out;
}
