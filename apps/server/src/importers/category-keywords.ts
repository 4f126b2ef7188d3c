import { isCategory, topCategory } from '@notewave/engine';

/**
 * Documented keyword mapping from note text to the taxonomy, for corpora that carry no (or a
 * different) category scheme. Each leaf lists words that signal it; a note goes to the leaf with the
 * most keyword occurrences in its title (counted twice), tags (twice) and body. Ties go to the
 * earlier leaf in this list. Keywords are lower-case; text is lower-cased before matching.
 */
export const CATEGORY_KEYWORDS: readonly (readonly [string, readonly string[]])[] = [
  ['beauty/skincare', ['护肤', '面膜', '精华', '面霜', '防晒', '水乳', '乳液', '爽肤水', '保湿', '补水', '屏障', '痘', '敏感肌', '修护', '精油', '洁面', 'skincare']],
  ['beauty/makeup', ['彩妆', '口红', '唇膏', '唇釉', '粉底', '散粉', '眼影', '腮红', '化妆', '妆容', '试色', '美甲', '睫毛', 'makeup']],
  ['beauty/haircare', ['发型', '头发', '洗发', '护发', '染发', '烫发', '卷发', '发色']],
  ['beauty/fragrance', ['香水', '香氛', '香调', 'perfume']],
  ['fashion/outfits', ['穿搭', 'ootd', '大衣', '羽绒服', '外套', '裤', '裙', '毛衣', '衬衫', '卫衣', '围巾', '面料', '搭配', '显瘦', 'outfit']],
  ['fashion/shoes-bags', ['鞋', '包包', '靴', '帆布包', '手袋', '背包']],
  ['fashion/accessories', ['项链', '耳环', '戒指', '手链', '黄金', '玉石', '珍珠', '饰品', '首饰', '镜框', '眼镜', '帽']],
  ['travel/city-walk', ['citywalk', '城市漫步', '逛街', '公园', '散步', '打卡']],
  ['travel/shop-visits', ['探店', '开市客', '商场', '超市', '药妆店', '门店']],
  ['travel/hotels', ['酒店', '民宿', '住宿']],
  ['travel/itineraries', ['攻略', '旅行', '旅游', '景点', '行程', '自驾', '机票', '签证', '出游', '古镇']],
  ['food/recipes', ['做法', '食谱', '菜谱', '家常菜', '早餐', '晚餐', '午餐', '做饭', '香肠', '腌', '炒', '炖', '蒸']],
  ['food/restaurants', ['餐厅', '饭店', '火锅', '烧烤', '好吃', '美食', '小吃', '吃播', '面馆']],
  ['food/baking', ['烘焙', '蛋糕', '面包', '饼干', '烤箱', '甜点']],
  ['food/drinks', ['咖啡', '奶茶', '拿铁', '饮品', '抹茶', '喝茶', '酒吧', 'coffee']],
  ['home/decor', ['软装', '家居', '卧室', '客厅', '书房', '房间', '家具']],
  ['home/renovation', ['装修', '改造', '施工', '瓷砖', '硬装']],
  ['home/organizing', ['收纳', '整理', '断舍离']],
  ['fitness/workouts', ['健身', '训练', '增肌', '撸铁', '燃脂', '健身房', '运动']],
  ['fitness/yoga', ['瑜伽', '普拉提', '拉伸']],
  ['fitness/running', ['跑步', '马拉松', '跑鞋', '慢跑']],
  ['fitness/diet', ['减脂', '减肥', '瘦身', '热量', '卡路里', '低卡']],
  ['music-dance/dance-challenges', ['舞蹈', '跳舞', '舞', 'dance']],
  ['music-dance/covers', ['翻唱', '唱歌', '演唱', '歌曲', '音乐']],
  ['music-dance/instruments', ['吉他', '钢琴', '乐器', '尤克里里', '古筝']],
  ['comedy/skits', ['搞笑', '段子', '喜剧', '短剧', '笑死']],
  ['comedy/pranks', ['整蛊', '恶搞']],
  ['comedy/memes', ['梗', '表情包', '明星', '综艺']],
  ['life-hacks/cleaning', ['清洁', '打扫', '去污', '洗衣']],
  ['life-hacks/money', ['省钱', '理财', '攒钱', '优惠', '折扣', '性价比', '平替']],
  ['life-hacks/diy', ['手工', 'diy', '编织', '手作']],
  ['pets/cats', ['猫', '喵']],
  ['pets/dogs', ['狗', '汪', '柯基', '泰迪']],
  ['pets/small-pets', ['仓鼠', '兔', '鹦鹉', '乌龟']],
  ['tech/ai', ['人工智能', 'deepseek', 'chatgpt', '大模型', 'gpt', 'ai']],
  ['tech/gadgets', ['手机', '电脑', '数码', '耳机', 'ipad', '相机', '平板', '汽车']],
  ['tech/coding', ['编程', '代码', '程序员', 'python', '码农', '前端']],
  ['study/languages', ['英语', '日语', '雅思', '托福', '单词', '口语']],
  ['study/career', ['职场', '工作', '面试', '简历', '求职', '实习', '同事', '领导']],
  ['study/exams', ['考试', '考研', '高考', '复习', '备考', '考公', '高中', '学习', '笔记']],
];

for (const [id] of CATEGORY_KEYWORDS) if (!isCategory(id)) throw new Error(`unknown category in keyword map: ${id}`);

function occurrences(hay: string, needle: string): number {
  let n = 0;
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + needle.length)) n++;
  return n;
}

/** Best keyword-matching leaf among those `allowed` (default all), or null when nothing matches. */
export function guessCategory(text: { title: string; tags: readonly string[]; body: string }, allowed?: (leaf: string) => boolean): string | null {
  const strong = `${text.title} ${text.tags.join(' ')}`.toLowerCase();
  const body = text.body.toLowerCase();
  let best: string | null = null;
  let bestScore = 0;
  for (const [leaf, words] of CATEGORY_KEYWORDS) {
    if (allowed && !allowed(leaf)) continue;
    let s = 0;
    for (const w of words) s += 2 * occurrences(strong, w) + occurrences(body, w);
    if (s > bestScore) {
      best = leaf;
      bestScore = s;
    }
  }
  return best;
}

/** Restricts guesses to the leaves of the given top-level categories. */
export function withinTops(...tops: string[]): (leaf: string) => boolean {
  return (leaf) => tops.includes(topCategory(leaf));
}
