import { EN_TO_ZH, ZH_TO_EN } from './bridge-table.generated.ts';
import { isQuestionWord, isSoftWord } from './query-words.ts';
import { stem } from './stemmer.ts';

/**
 * Synonyms within Chinese, which CC-CEDICT does not provide (it glosses 小个子 and 矮个子 apart, and no maintained
 * Chinese thesaurus is published as a package): small groups of everyday words a note writes one way and a reader
 * types another. Each word reaches every other word of its group.
 */
const ZH_SYNONYMS: readonly (readonly string[])[] = [
  ['矮个子', '小个子'], ['胖子', '微胖'], ['减肥', '减脂', '瘦身'], ['健身', '锻炼', '撸铁'], ['护肤', '保养'],
  ['化妆', '上妆'], ['素颜', '裸妆'], ['宝宝', '婴儿', '宝贝'], ['猫咪', '小猫', '猫'], ['狗狗', '小狗', '狗'],
  ['咖啡店', '咖啡馆'], ['餐厅', '饭店', '餐馆'], ['旅行', '旅游'], ['徒步', '爬山'], ['自驾', '自驾游'],
  ['手机', '智能手机'], ['电脑', '笔记本'], ['衣服', '衣物'], ['学生党', '学生'], ['打工人', '上班族'],
  ['平价', '便宜'], ['好看', '漂亮'], ['显瘦', '遮肉'], ['早餐', '早饭'], ['晚餐', '晚饭'], ['午餐', '午饭'],
];

/**
 * English words whose Chinese counterpart CC-CEDICT only reaches through a phrase ("to keep fit", "physical
 * exercise"), as everyday search words expect them.
 */
const EN_EXTRA: Readonly<Record<string, readonly string[]>> = {
  fitness: ['健身'], gym: ['健身房'], workout: ['健身'], skincare: ['护肤'], makeup: ['化妆', '彩妆'],
  outfit: ['穿搭'], ootd: ['穿搭'], hiking: ['徒步'], selfie: ['自拍'], diet: ['减肥', '减脂'],
};

const LATIN = /^[a-z]+$/;
// Two-word glosses in the table are written `coffee+shop`: they join Chinese words, no index term looks like them.
const PHRASE_JOIN = '+';
const MAX_SAME_GLOSS = 2;

/**
 * Words a query word also reaches in the other language (camping → 露营, 露营 → camp) or in other words of its own
 * (矮个子 → 小个子): CC-CEDICT's one-word glosses (see the generated table), plus the small lists above. Stop, question
 * and intent words are never expanded.
 */
export class QueryBridge {
  private enToZh: Map<string, readonly string[]> | null = null;
  private zhToEn: Map<string, readonly string[]> | null = null;
  private synonyms: Map<string, readonly string[]> | null = null;

  /** Terms a query term also reaches, analysed as index terms (English stemmed), the term itself left out. */
  expand(term: string): string[] {
    if (isQuestionWord(term) || isSoftWord(term)) return [];
    this.load();
    const out = new Set<string>();
    const addAll = (xs: readonly string[] | undefined) => {
      for (const x of xs ?? []) if (x !== term) out.add(LATIN.test(x) ? stem(x) : x);
    };
    if (LATIN.test(term)) {
      addAll(this.enToZh?.get(term));
      // fitness → fit: the table's words are simple forms.
      if (out.size === 0 && term.endsWith('ness') && term.length > 6) addAll(this.enToZh?.get(term.slice(0, -4)));
    } else {
      const glosses = this.zhToEn?.get(term) ?? [];
      addAll(glosses.filter((g) => !g.includes(PHRASE_JOIN)));
      addAll(this.sameGloss(term, glosses));
    }
    addAll(this.synonyms?.get(term));
    return [...out];
  }

  /**
   * The Chinese words two English query words typed side by side reach together, as CC-CEDICT glosses them with that
   * phrase or name (hong kong → 香港, coffee shop → 咖啡店, great wall → 长城). Both are analysed terms (stemmed).
   */
  expandPair(first: string, second: string): string[] {
    if (!LATIN.test(first) || !LATIN.test(second)) return [];
    this.load();
    return [...(this.enToZh?.get(`${first}${PHRASE_JOIN}${second}`) ?? [])];
  }

  /**
   * Chinese words CC-CEDICT glosses with the same two-word phrase as `term` (咖啡厅, 咖啡店 and 咖啡馆 are all "coffee
   * shop"). A shared one-word gloss is too loose a tie (期间 and 时间 are both "time", 眼镜 and 奇观 stem alike). Words of
   * two characters or more only, at most MAX_SAME_GLOSS.
   */
  private sameGloss(term: string, glosses: readonly string[]): string[] {
    const out: string[] = [];
    for (const g of glosses) {
      if (!g.includes(PHRASE_JOIN)) continue;
      for (const w of this.enToZh?.get(g) ?? []) if (w !== term && [...w].length >= 2 && !out.includes(w)) out.push(w);
    }
    return out.slice(0, MAX_SAME_GLOSS);
  }

  private load(): void {
    if (this.enToZh) return;
    this.enToZh = parse(EN_TO_ZH);
    this.zhToEn = parse(ZH_TO_EN);
    for (const [en, zh] of Object.entries(EN_EXTRA)) {
      const key = stem(en);
      this.enToZh.set(key, [...new Set([...zh, ...(this.enToZh.get(key) ?? [])])]);
      for (const w of zh) this.zhToEn.set(w, [...new Set([...(this.zhToEn.get(w) ?? []), key])]);
    }
    this.synonyms = new Map();
    for (const group of ZH_SYNONYMS) for (const w of group) this.synonyms.set(w, group.filter((x) => x !== w));
  }
}

function parse(table: string): Map<string, readonly string[]> {
  const map = new Map<string, readonly string[]>();
  for (const line of table.split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) map.set(line.slice(0, colon), line.slice(colon + 1).split(' ').filter(Boolean));
  }
  return map;
}
