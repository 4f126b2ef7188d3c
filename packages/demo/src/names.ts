import { HANDLE_PATTERN } from '@notewave/engine';
import type { SeededRng } from '@notewave/engine';
import type { Segment } from './segments.ts';

/*
 * Plausible display names and handles. Chinese names come as `汉字|pinyin` pairs so the handle can be
 * derived from the same person's name, as people tend to do.
 */
const ZH_SURNAMES = ['林|lin', '陈|chen', '王|wang', '李|li', '张|zhang', '刘|liu', '周|zhou', '吴|wu', '许|xu', '何|he', '宋|song', '唐|tang', '沈|shen', '苏|su', '叶|ye'];
const ZH_GIVEN = ['一一|yiyi', '小鱼|xiaoyu', '可可|keke', '思思|sisi', '嘉怡|jiayi', '子涵|zihan', '雨桐|yutong', '晓雯|xiaowen', '浩然|haoran', '子轩|zixuan', '梓萱|zixuan', '欣然|xinran', '宇航|yuhang', '安安|anan', '朵朵|duoduo', '阿May|amay', '桃子|taozi', '橙子|chengzi', '木木|mumu', '糖糖|tangtang'];
const ZH_NICK_ADJ = ['爱吃草莓的', '不想上班的', '努力减脂的', '在逃公主', '熬夜冠军', '认真生活的', '佛系', '元气满满的', '迷路的', '快乐的'];
const ZH_NICK_NOUN = ['小鱼|xiaoyu', '猫|mao', '橘子|juzi', '小熊|xiaoxiong', '打工人|dagong', '程序媛|coder', '阿喵|amiao', '兔兔|tutu', '星星|xingxing', '柚子|youzi'];
const ZH_CITIES = ['杭州|hz', '上海|sh', '成都|cd', '北京|bj', '深圳|sz', '广州|gz'];
const EN_FIRST = ['lily', 'emma', 'sophie', 'chloe', 'mia', 'olivia', 'grace', 'zoe', 'ava', 'jake', 'ryan', 'ethan', 'noah', 'liam', 'leo', 'max', 'jordan', 'taylor', 'alex', 'sam', 'maya', 'nina', 'kai', 'ivy'];
const EN_LAST = ['chen', 'smith', 'johnson', 'lee', 'garcia', 'brown', 'nguyen', 'tan', 'wong', 'miller', 'davis', 'martin', 'kim', 'patel', 'walker', 'lim'];
const PLACES: Record<string, string[]> = {
  US: ['NYC', 'LA', 'Texas', 'Chicago', 'Seattle', 'Miami', 'Ohio'],
  GB: ['London', 'Manchester', 'Leeds'],
  CA: ['Toronto', 'Vancouver', 'Montreal'],
  AU: ['Sydney', 'Melbourne', 'Brisbane'],
  SG: ['Singapore', 'SG'],
  MY: ['KL', 'Penang', 'JB'],
  JP: ['Tokyo', 'Osaka'],
  CN: ['Shanghai', 'Shenzhen'],
};
const HANDLE_WORDS: Record<Segment, string[]> = {
  lifestyle: ['daily', 'diary', 'style', 'eats', 'travels', 'glow', 'home', 'wears', 'cafe'],
  entertainment: ['dance', 'lol', 'vibes', 'pets', 'beats', 'fun', 'moves', 'clips'],
  knowledge: ['dev', 'codes', 'ai', 'notes', 'learns', 'tech', 'reads'],
};

export interface PersonName {
  displayName: string;
  /** Preferred handle before de-duplication. */
  handle: string;
}

/** A Chinese display name (real name, nickname or 是X呀 style) with a pinyin-based handle. */
export function chineseName(rng: SeededRng, segment: Segment): PersonName {
  const [given, givenPy] = pair(rng.pick(ZH_GIVEN));
  const word = rng.pick(HANDLE_WORDS[segment]);
  const style = rng.int(5);
  if (style === 0) {
    const [sur, surPy] = pair(rng.pick(ZH_SURNAMES));
    return { displayName: sur + given, handle: `${surPy}${givenPy}${rng.next() < 0.5 ? '_' : '.'}${word}` };
  }
  if (style === 1) {
    const [noun, nounPy] = pair(rng.pick(ZH_NICK_NOUN));
    return { displayName: rng.pick(ZH_NICK_ADJ) + noun, handle: `${nounPy}_${word}` };
  }
  if (style === 2) {
    const en = rng.pick(EN_FIRST);
    return { displayName: `是${cap(en)}呀`, handle: `${en}${birthYear(rng)}` };
  }
  if (style === 3) {
    const [city, cityPy] = pair(rng.pick(ZH_CITIES));
    return { displayName: `${given}在${city}`, handle: `${givenPy}.${cityPy}` };
  }
  return { displayName: `${given}${rng.next() < 0.5 ? '的日常' : ''}`, handle: `${givenPy}_${birthYear(rng)}` };
}

/** An English display name, sometimes with a place in the user's market, and a matching handle. */
export function englishName(rng: SeededRng, segment: Segment, market: string): PersonName {
  const first = rng.pick(EN_FIRST);
  const last = rng.pick(EN_LAST);
  const word = rng.pick(HANDLE_WORDS[segment]);
  const style = rng.int(4);
  if (style === 0) return { displayName: `${cap(first)} ${cap(last)}`, handle: `${first}.${last}` };
  if (style === 1) return { displayName: `${cap(first)} | ${rng.pick(PLACES[market] ?? PLACES.US!)}`, handle: `${first}_${word}` };
  if (style === 2) return { displayName: cap(first), handle: `${first}${last[0]}${birthYear(rng)}` };
  return { displayName: `${cap(first)} ${last[0]!.toUpperCase()}.`, handle: `its${first}${word}` };
}

/** Makes `wanted` unique against `taken` by appending digits, keeping within the handle pattern; `fallback` must be unique. */
export function uniqueHandle(rng: SeededRng, wanted: string, taken: Set<string>, fallback: string): string {
  let base = wanted.toLowerCase().replace(/[^a-z0-9_.]/g, '').slice(0, 24);
  if (!HANDLE_PATTERN.test(base)) base = fallback;
  let h = base;
  for (let i = 0; taken.has(h) || !HANDLE_PATTERN.test(h); i++) {
    h = i < 8 ? `${base}${rng.next() < 0.5 ? '_' : ''}${10 + rng.int(i < 4 ? 90 : 9990)}` : i === 8 ? fallback : `${fallback}_${i}`;
  }
  taken.add(h);
  return h;
}

function pair(s: string): [string, string] {
  const i = s.indexOf('|');
  return [s.slice(0, i), s.slice(i + 1)];
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function birthYear(rng: SeededRng): string {
  return String(95 + rng.int(11)).slice(-2).padStart(2, '0');
}
