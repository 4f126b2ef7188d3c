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

// One flag per code unit of the CJK Unified Ideographs block: a typed-array probe is far cheaper
// than a regex or Map lookup on every character of every note.
const HAN_LO = 0x4e00;
const HAN_HI = 0x9fff;
const IS_TRAD = new Uint8Array(HAN_HI - HAN_LO + 1);
for (const t of T2S.keys()) IS_TRAD[t.charCodeAt(0) - HAN_LO] = 1;
const isTrad = (c: number) => c >= HAN_LO && c <= HAN_HI && IS_TRAD[c - HAN_LO] === 1;


/** Control characters become one space each (keeping offsets aligned); zero-width characters go. */
export function stripControl(text: string): string {
  // A code-unit scan beats the equivalent regexes several times over on Chinese text.
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const control = c < 0x20 || (c >= 0x7f && c <= 0x9f);
    if (control || (c >= 0x200b && c <= 0x200f) || c === 0x2060 || c === 0xfeff) {
      out += text.slice(from, i) + (control ? ' ' : '');
      from = i + 1;
    }
  }
  return from === 0 ? text : out + text.slice(from);
}

/** Maps common traditional characters to simplified ones, leaving everything else untouched. */
export function toSimplified(text: string): string {
  let i = 0;
  while (i < text.length && !isTrad(text.charCodeAt(i))) i++;
  if (i === text.length) return text;
  let out = text.slice(0, i);
  for (; i < text.length; i++) {
    const ch = text[i] as string;
    out += isTrad(text.charCodeAt(i)) ? (T2S.get(ch) as string) : ch;
  }
  return out;
}

/** The one folding every search path uses. */
export function foldText(text: string): string {
  return toSimplified(stripControl(text).normalize('NFKC').toLowerCase());
}

/**
 * Folds text and says, for each folded UTF-16 unit, the offset of the original code point it came
 * from; snippets need this to put highlights back onto the original text. `origin` is null when the
 * mapping is the identity, which it is for almost all text (full-width forms, case and traditional
 * characters all keep their length), sparing a per-character fold and an allocation.
 */
export function foldWithOffsets(text: string): { folded: string; origin: Int32Array | null } {
  const whole = foldText(text);
  if (whole.length === text.length) return { folded: whole, origin: null };
  const parts: string[] = [];
  const origin: number[] = [];
  let i = 0;
  for (const ch of text) {
    const f = foldChar(ch);
    parts.push(f);
    for (let k = 0; k < f.length; k++) origin.push(i);
    i += ch.length;
  }
  origin.push(i);
  return { folded: parts.join(''), origin: Int32Array.from(origin) };
}

// foldText for one code point, without regexes: ASCII and Han take a shortcut.
function foldChar(ch: string): string {
  const c = ch.charCodeAt(0);
  if (c < 0x80) return c < 0x20 || c === 0x7f ? ' ' : c >= 0x41 && c <= 0x5a ? String.fromCharCode(c + 32) : ch;
  if (c >= HAN_LO && c <= HAN_HI) return isTrad(c) ? (T2S.get(ch) as string) : ch;
  if (c <= 0x9f) return ' ';
  if ((c >= 0x200b && c <= 0x200f) || c === 0x2060 || c === 0xfeff) return '';
  return toSimplified(ch.normalize('NFKC').toLowerCase());
}
