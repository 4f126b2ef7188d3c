/**
 * Text folding shared by indexing, querying, snippets and suggestions, so that every path agrees on
 * what "the same text" means: NFKC (full-width → half-width), lower case, traditional → simplified
 * for common characters, control and zero-width characters removed.
 */

// Common traditional characters and their simplified forms, aligned by position. Deliberately small:
// it covers everyday lifestyle vocabulary, not the whole OpenCC table, so lookups stay a Map hit.
const TRAD =
  '們個這來說時會對學國後還點種樣麼開過愛買賣貓書紅東車長門問間見現電話語讀寫聽顏色們發覺氣' +
  '體髮飯館麵條魚雞鴨豬牛羊肉湯餅糕鹹甜辣燒烤蝦蟲鳥馬龍風雲陽陰晝夜燈廳廚櫃樓層園區縣鄉場' +
  '廣區灣島亞歐羅紐約韓義蘭運動練鍛鏡頭機關錢貴價優惠購裝飾傢俱適選擇質單雙級專業師產' +
  '麗妝膚護營養減肥瘦健康醫藥療眾視頻戲劇藝術樂聲曲舞蹈歌詞聞報導評論讚藏轉載謝歡迎親' +
  '寶貝媽爺奶孫陪伴職場試驗題課習複記憶筆數據碼腦網絡線訊號應該當讓給從與為無邊遠近' +
  '樹葉蘋蔥薑蒜滷燉飲濃淡溫熱鐵銀銅錶鞋襪褲裙襯衫帶靴圍巾帽韻織棉絲纖維潔淨衛廁浴盤碗';
const SIMP =
  '们个这来说时会对学国后还点种样么开过爱买卖猫书红东车长门问间见现电话语读写听颜色们发觉气' +
  '体发饭馆面条鱼鸡鸭猪牛羊肉汤饼糕咸甜辣烧烤虾虫鸟马龙风云阳阴昼夜灯厅厨柜楼层园区县乡场' +
  '广区湾岛亚欧罗纽约韩义兰运动练锻镜头机关钱贵价优惠购装饰家俱适选择质单双级专业师产' +
  '丽妆肤护营养减肥瘦健康医药疗众视频戏剧艺术乐声曲舞蹈歌词闻报导评论赞藏转载谢欢迎亲' +
  '宝贝妈爷奶孙陪伴职场试验题课习复记忆笔数据码脑网络线讯号应该当让给从与为无边远近' +
  '树叶苹葱姜蒜卤炖饮浓淡温热铁银铜表鞋袜裤裙衬衫带靴围巾帽韵织棉丝纤维洁净卫厕浴盘碗';

const T2S = new Map<string, string>();
for (let i = 0; i < TRAD.length; i++) {
  const t = TRAD[i] as string;
  const s = SIMP[i] as string;
  if (t !== s) T2S.set(t, s);
}

const TRAD_CHAR = new RegExp(`[${[...T2S.keys()].join('')}]`, 'g');
const CONTROL = /[\u0000-\u001f\u007f-\u009f]+/g;
const INVISIBLE = /[\u200b-\u200f\u2060\ufeff]/g;

/** Removes control characters (as spaces) and zero-width characters. */
export function stripControl(text: string): string {
  return text.replace(CONTROL, ' ').replace(INVISIBLE, '');
}

/** Maps common traditional characters to simplified ones, leaving everything else untouched. */
export function toSimplified(text: string): string {
  return text.replace(TRAD_CHAR, (ch) => T2S.get(ch) ?? ch);
}

/** The one folding every search path uses. */
export function foldText(text: string): string {
  return toSimplified(stripControl(text).normalize('NFKC').toLowerCase());
}

/**
 * Folds code point by code point and records, for each folded UTF-16 unit, the offset of the original
 * code point it came from; snippets need this to put highlights back onto the original text.
 */
export function foldWithOffsets(text: string): { folded: string; origin: Int32Array } {
  const parts: string[] = [];
  const origin: number[] = [];
  let i = 0;
  for (const ch of text) {
    const f = foldText(ch);
    parts.push(f);
    for (let k = 0; k < f.length; k++) origin.push(i);
    i += ch.length;
  }
  origin.push(i);
  return { folded: parts.join(''), origin: Int32Array.from(origin) };
}
