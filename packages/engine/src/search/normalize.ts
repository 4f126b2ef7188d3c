/**
 * Text folding shared by indexing, querying, snippets and suggestions, so that every path agrees on
 * what "the same text" means: NFKC (full-width → half-width), lower case, traditional → simplified
 * (OpenCC's character table), control and zero-width characters removed.
 */
import { SIMPLIFIED, TRADITIONAL } from './t2s-table.generated.ts';

const T2S = new Map<string, string>();
for (let i = 0; i < TRADITIONAL.length; i++) T2S.set(TRADITIONAL[i] as string, SIMPLIFIED[i] as string);

// One flag per code unit of the CJK Unified Ideographs blocks (Extension A and the main block): a typed-array
// probe is far cheaper than a regex or Map lookup on every character of every note.
const HAN_LO = 0x3400;
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

/** Maps traditional characters to simplified ones, character by character, leaving everything else untouched. */
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

// Traditional characters by the simplified character they fold to.
const S2T = new Map<string, string[]>();
for (const [t, simple] of T2S) (S2T.get(simple) ?? S2T.set(simple, []).get(simple)!).push(t);

/**
 * `text.includes(part) || toSimplified(text).includes(part)`, without folding text that cannot contain `part`: every
 * character of `part` must occur in the text as itself or as a traditional form of it (a few native searches, where
 * folding reads the whole text).
 */
export function includesSimplified(text: string, part: string): boolean {
  if (text.includes(part)) return true;
  for (const ch of part) {
    if (text.includes(ch)) continue;
    const forms = S2T.get(ch);
    if (!forms || !forms.some((t) => text.includes(t))) return false;
  }
  return toSimplified(text).includes(part);
}

/** The one folding every search path uses. */
export function foldText(text: string): string {
  return foldByUnit(text) ?? foldWhole(text);
}

function foldWhole(text: string): string {
  return toSimplified(stripControl(text).normalize('NFKC').toLowerCase());
}

// Code units that fold to one code unit whatever surrounds them: ASCII, line breaks and tabs, Latin-1, general and
// CJK punctuation, arrows, symbols and dingbats, the emoji presentation selector, full-width ASCII forms and Han
// characters, none of which combines or composes with a neighbour, and whose lower case needs no context. UNIT[c] is
// c's fold plus one, 0 for every other unit. Emoji (U+1F000-U+1FAFF) that folding leaves as they are pass whole.
// Text made of them alone (nearly every note) folds unit by unit, sparing NFKC and three passes over the text.
const UNIT = new Uint16Array(0x10000);
const UNIT_RANGES = [[0x09, 0x0a], [0x0d, 0x0d], [0x20, 0x7e], [0xa0, 0xff], [0x2010, 0x2027], [0x2030, 0x205e], [0x2190, 0x21ff], [0x2460, 0x24ff],
  [0x2500, 0x27bf], [0x2b00, 0x2bff], [0x3000, 0x3029], [0x3030, 0x303f], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xfe0f, 0xfe0f], [0xff01, 0xff5e]] as const;
for (const [lo, hi] of UNIT_RANGES) {
  for (let c = lo; c <= hi; c++) {
    const f = foldWhole(String.fromCharCode(c));
    if (f.length === 1) UNIT[c] = f.charCodeAt(0) + 1;
  }
}
const EMOJI_LO = 0x1f000;
const EMOJI = new Uint8Array(0x1fb00 - EMOJI_LO);
for (let cp = EMOJI_LO; cp < 0x1fb00; cp++) {
  const ch = String.fromCodePoint(cp);
  if (foldWhole(ch) === ch) EMOJI[cp - EMOJI_LO] = 1;
}

function foldByUnit(text: string): string | null {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const f = UNIT[c] as number;
    if (f === 0) {
      // A surrogate pair of an emoji folding leaves alone.
      if (c >= 0xd83c && c <= 0xd83e) {
        const low = text.charCodeAt(i + 1);
        if (low >= 0xdc00 && low <= 0xdfff && EMOJI[((c - 0xd800) << 10) + (low - 0xdc00) + 0x10000 - EMOJI_LO] === 1) {
          i++;
          continue;
        }
      }
      return null;
    }
    if (f !== c + 1) {
      out += text.slice(from, i) + String.fromCharCode(f - 1);
      from = i + 1;
    }
  }
  return from === 0 ? text : out + text.slice(from);
}

/** `foldText` without the unit-by-unit shortcut: the reference it is checked against. */
export const foldTextWhole = foldWhole;

/**
 * `foldText(text)` when every unit of the text folds by itself (see UNIT_RANGES), else null. Such a fold maps unit i
 * to unit i, so any part of the text that splits no surrogate pair folds to the same part of it.
 */
export function foldUnits(text: string): string | null {
  return foldByUnit(text);
}

/**
 * Folds text and says, for each folded UTF-16 unit, the offset of the original code point it came
 * from; snippets need this to put highlights back onto the original text. `origin` is null when the
 * mapping is the identity, which it is for almost all text (full-width forms, case and traditional
 * characters all keep their length), sparing a per-character fold and an allocation.
 */
export function foldWithOffsets(text: string, whole: string = foldText(text)): { folded: string; origin: Int32Array | null } {
  if (whole.length === text.length) return { folded: whole, origin: null };
  let folded = '';
  let from = 0;
  const origin: number[] = [];
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    const f = UNIT[c] as number;
    // A unit that folds by itself folds to UNIT[c] - 1 alone as well (checked for every such unit in the tests).
    if (f !== 0) {
      if (f !== c + 1) {
        folded += text.slice(from, i) + String.fromCharCode(f - 1);
        from = i + 1;
      }
      origin.push(i++);
      continue;
    }
    const size = (text.codePointAt(i) as number) > 0xffff ? 2 : 1;
    const fc = foldChar(text.slice(i, i + size));
    folded += text.slice(from, i) + fc;
    for (let k = 0; k < fc.length; k++) origin.push(i);
    i += size;
    from = i;
  }
  origin.push(text.length);
  return { folded: folded + text.slice(from), origin: Int32Array.from(origin) };
}

/** `foldWithOffsets` code point by code point, as it was written first: the reference it is checked against. */
export function foldWithOffsetsByChar(text: string): { folded: string; origin: Int32Array | null } {
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

/** `foldChar`, for the tests: the fold of one code point on its own. */
export function foldCodePoint(ch: string): string {
  return foldChar(ch);
}

/** The fold `foldWithOffsets` takes for a unit that folds by itself (UNIT_RANGES), or null for any other unit. */
export function unitFold(c: number): string | null {
  const f = UNIT[c] as number;
  return f === 0 ? null : String.fromCharCode(f - 1);
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
