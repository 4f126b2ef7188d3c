/**
 * Splits folded text into words. Index mode may emit overlapping sub-words; query mode does not. The engine has no
 * drivers, so a dictionary segmenter (jieba, a native addon) is built by the composition root and passed in;
 * `IntlSegmenter` is the dependency-free fallback. A segmenter's cuts must not change after it is handed to an
 * engine: stored terms and the index are only valid for the cuts that made them.
 */
export interface Segmenter {
  readonly name: string;
  cutIndex(text: string): string[];
  cutQuery(text: string): string[];
  /** Names the dictionary and settings behind the cuts, so analysed text can say what made it. */
  signature?(): string;
}

/**
 * Lifestyle slang the stock jieba dictionary splits apart (小红|书, 保姆|级, 穿|搭), for a dictionary segmenter's user
 * dictionary. Entries are folded (lower case) because the analyzer folds text before segmenting.
 */
export const LIFESTYLE_WORDS: readonly string[] = [
  '小红书', '种草', '拔草', '探店', '码农', '保姆级', '美妆', '好物', '穿搭', '平替', 'deepseek',
  '护肤', '彩妆', '妆容', '素颜', '早八', '打卡', '网红', '绝绝子', '干货', '攻略', '测评', '开箱',
  '显瘦', '减脂', '健身房', '咖啡店', '城市漫步', 'citywalk', '露营', '宝藏', '氛围感', '高级感',
  '性价比', '复购', '回购', '安利', '避雷', '踩雷', '同款', '上头', '治愈', '松弛感', '多巴胺',
];

// Intl.Segmenter slows down badly on long unbroken strings, so it is fed short runs.
const RUN = /[^\s\p{P}\p{S}]+/gu;

/**
 * Dependency-free fallback on the ICU dictionary. It keeps Latin words whole but splits most
 * lifestyle slang into single characters, so recall holds and precision drops.
 */
export class IntlSegmenter implements Segmenter {
  readonly name = 'intl';
  private readonly seg = new Intl.Segmenter('zh', { granularity: 'word' });
  cutIndex(text: string): string[] {
    const out: string[] = [];
    for (const m of text.matchAll(RUN)) {
      for (const s of this.seg.segment(m[0])) if (s.isWordLike) out.push(s.segment);
    }
    return out;
  }
  cutQuery(text: string): string[] {
    return this.cutIndex(text);
  }
  signature(): string {
    // The ICU data behind it has no version to read here; the analyser's probe text covers changes in its cuts.
    return 'intl';
  }
}
