/**
 * Two-level content taxonomy: the lifestyle categories the article attributes to Xiaohongshu and the
 * entertainment categories it attributes to TikTok, plus the knowledge/tech branch its DeepSeek example
 * lives in. Category ids are `top` or `top/sub`.
 */
export interface CategoryNode {
  id: string;
  en: string;
  zh: string;
  children: { id: string; en: string; zh: string }[];
}

export const TAXONOMY: readonly CategoryNode[] = [
  node('beauty', 'Beauty & skincare', '美妆护肤', [
    ['skincare', 'Skincare', '护肤'], ['makeup', 'Makeup', '彩妆'], ['haircare', 'Hair care', '美发'], ['fragrance', 'Fragrance', '香水'],
  ]),
  node('fashion', 'Fashion & outfits', '时尚穿搭', [
    ['outfits', 'Outfits', '穿搭'], ['shoes-bags', 'Shoes & bags', '鞋包'], ['accessories', 'Accessories', '配饰'],
  ]),
  node('travel', 'Travel & shop visits', '旅行探店', [
    ['city-walk', 'City walks', '城市漫步'], ['shop-visits', 'Shop visits', '探店'], ['hotels', 'Hotels', '酒店民宿'], ['itineraries', 'Itineraries', '旅行攻略'],
  ]),
  node('food', 'Food & cooking', '美食', [
    ['recipes', 'Recipes', '食谱'], ['restaurants', 'Restaurants', '餐厅'], ['baking', 'Baking', '烘焙'], ['drinks', 'Coffee & drinks', '咖啡饮品'],
  ]),
  node('home', 'Home & decoration', '家居家装', [
    ['decor', 'Decor', '软装'], ['renovation', 'Renovation', '装修'], ['organizing', 'Organizing', '收纳'],
  ]),
  node('fitness', 'Fitness & sport', '运动健身', [
    ['workouts', 'Workouts', '健身训练'], ['yoga', 'Yoga', '瑜伽'], ['running', 'Running', '跑步'], ['diet', 'Diet', '减脂餐'],
  ]),
  node('music-dance', 'Music & dance', '音乐舞蹈', [
    ['dance-challenges', 'Dance challenges', '舞蹈挑战'], ['covers', 'Covers', '翻唱'], ['instruments', 'Instruments', '乐器'],
  ]),
  node('comedy', 'Comedy & entertainment', '搞笑娱乐', [
    ['skits', 'Skits', '段子'], ['pranks', 'Pranks', '整蛊'], ['memes', 'Memes', '梗'],
  ]),
  node('life-hacks', 'Life hacks', '生活技巧', [
    ['cleaning', 'Cleaning', '清洁'], ['money', 'Saving money', '省钱'], ['diy', 'DIY', '手工'],
  ]),
  node('pets', 'Pets', '萌宠', [
    ['cats', 'Cats', '猫'], ['dogs', 'Dogs', '狗'], ['small-pets', 'Small pets', '小宠'],
  ]),
  node('tech', 'Tech & AI', '科技数码', [
    ['ai', 'AI tools', 'AI工具'], ['gadgets', 'Gadgets', '数码产品'], ['coding', 'Coding', '编程'],
  ]),
  node('study', 'Study & career', '学习职场', [
    ['languages', 'Languages', '语言学习'], ['career', 'Career', '职场'], ['exams', 'Exams', '考试'],
  ]),
  node('other', 'Other', '其他', [['misc', 'Miscellaneous', '杂项']]),
];

function node(id: string, en: string, zh: string, children: [string, string, string][]): CategoryNode {
  return { id, en, zh, children: children.map(([c, ce, cz]) => ({ id: `${id}/${c}`, en: ce, zh: cz })) };
}

const ALL_IDS: ReadonlySet<string> = new Set(TAXONOMY.flatMap((n) => [n.id, ...n.children.map((c) => c.id)]));

/** True when `id` is a known top-level or second-level category. */
export function isCategory(id: string): boolean {
  return ALL_IDS.has(id);
}

/** The top-level category of `beauty/skincare` is `beauty`. */
export function topCategory(id: string): string {
  const i = id.indexOf('/');
  return i < 0 ? id : id.slice(0, i);
}

export function allCategoryIds(): string[] {
  return [...ALL_IDS];
}

/** Second-level ids only (the leaves notes are normally filed under). */
export function leafCategoryIds(): string[] {
  return TAXONOMY.flatMap((n) => n.children.map((c) => c.id));
}
