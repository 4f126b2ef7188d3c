/**
 * Shape of the writing material behind generated notes. Slot values are `中文|English` pairs so one pick
 * renders consistently in either language; sub-topics give the funnel something to narrow into
 * (tech/ai → DeepSeek guide → coder's power tool).
 */
export interface Topic {
  key: string;
  zh: string;
  en: string;
  /** Hashtags without '#': Chinese ones render as `#话题#`, Latin ones as `#tag`. */
  tags: string[];
  zhTitles: string[];
  enTitles: string[];
}

export interface LeafContent {
  leaf: string;
  slots: Record<string, string[]>;
  topics: Topic[];
  zhPoints: string[];
  enPoints: string[];
  zhQueries: string[];
  enQueries: string[];
}

/** A sub-topic with its `中文|English` label, hashtags and title templates per language. */
export function topic(key: string, label: string, tags: string[], zhTitles: string[], enTitles: string[]): Topic {
  const [zh, en] = split(label);
  return { key, zh, en, tags, zhTitles, enTitles };
}

/** Writing material for one leaf category: its slots, sub-topics, body points and search queries. */
export function leaf(
  id: string,
  slots: Record<string, string[]>,
  topics: Topic[],
  points: { zh: string[]; en: string[] },
  queries: { zh: string[]; en: string[] },
): LeafContent {
  return { leaf: id, slots, topics, zhPoints: points.zh, enPoints: points.en, zhQueries: queries.zh, enQueries: queries.en };
}

/** Splits a `中文|English` pair; a value without '|' is used for both languages. */
export function split(pair: string): [string, string] {
  const i = pair.indexOf('|');
  return i < 0 ? [pair, pair] : [pair.slice(0, i), pair.slice(i + 1)];
}

/** Slots every template may use besides its leaf's own. */
export const SHARED_SLOTS: Record<string, string[]> = {
  city: ['杭州|Hangzhou', '上海|Shanghai', '成都|Chengdu', '北京|Beijing', '广州|Guangzhou', '深圳|Shenzhen', '重庆|Chongqing', '西安|Xi\'an', '大理|Dali', '厦门|Xiamen', '长沙|Changsha', '南京|Nanjing'],
  season: ['春天|spring', '夏天|summer', '秋冬|fall', '冬天|winter', '换季|season changes'],
  price: ['50', '99', '100', '199', '300', '500'],
  people: ['学生党|students', '打工人|busy workers', '新手|beginners', '懒人|lazy people', '上班族|commuters', '宝妈|new moms'],
};
