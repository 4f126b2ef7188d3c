import { TAG_MARK } from './analyzer.ts';
import type { InvertedIndex } from './inverted-index.ts';

const HAN = /\p{Script=Han}/u;
const LATIN = /^[a-z]+$/;
// Candidates read per character or first letter: enough for any real vocabulary's neighbours, bounded for the worst.
const MAX_SCAN = 5000;
// Same-length neighbours of a two-character word whose sound is compared, most frequent first.
const MAX_READ = 24;

/**
 * The indexed word a query word most likely meant, or null: for Chinese, a word of the same length differing in one
 * character, three characters or more (修丽克 → 修丽可, hashtags included, since brand names are often only tags), or
 * two characters when `sounds` (pinyin readings) shows the two words sound the same (兰寇 → 兰蔻); for Latin words, one edit
 * away up to seven letters and two beyond (cofee → coffee). Among candidates the nearest, then the most frequent
 * wins. Only words the index does not know are corrected.
 */
export function correctWord(word: string, index: InvertedIndex, sounds?: (text: string) => string[]): string | null {
  if (index.df(index.termId(word)) > 0) return null;
  if (HAN.test(word)) return correctHan(word, index, sounds);
  return LATIN.test(word) && word.length >= 4 ? correctLatin(word, index) : null;
}

function correctHan(word: string, index: InvertedIndex, sounds?: (text: string) => string[]): string | null {
  const chars = [...word];
  // One character of two changes the word (露营, 露台): a two-character word is corrected only to a word that sounds
  // the same (篮求 → 篮球, the input method's wrong pick), and only with readings to compare.
  const reading = chars.length === 2 && sounds ? sounds(word) : null;
  if ((chars.length < 3 && (!reading || reading.length !== 2)) || chars.length > 8) return null;
  const candidates: { text: string; chars: string[]; df: number }[] = [];
  const seen = new Set<number>();
  const n = word.length;
  const marked = n + TAG_MARK.length;
  // Without surrogate pairs in the word, comparing code units finds the same one-character neighbours as comparing
  // characters (a pair in the other word differs in two units), without splitting every term read.
  const units = chars.length === n;
  for (const ch of new Set(chars)) {
    const tids = index.termsWithChar(ch);
    for (let i = tids.length - 1; i >= 0 && i >= tids.length - MAX_SCAN; i--) {
      const tid = tids[i] as number;
      // Most terms read are of another length: rejected before any other work.
      const length = index.termLength(tid);
      if (length !== n && length !== marked) continue;
      const text = index.termText(tid);
      if (seen.has(tid)) continue;
      seen.add(tid);
      const bare = text.startsWith(TAG_MARK) ? text.slice(TAG_MARK.length) : text;
      if (bare.length !== n) continue;
      let diff = 0;
      if (units) {
        for (let k = 0; k < n && diff < 2; k++) if (bare.charCodeAt(k) !== word.charCodeAt(k)) diff++;
        if (diff !== 1) continue;
      }
      const other = [...bare];
      if (!units) {
        if (other.length !== chars.length) continue;
        for (let k = 0; k < other.length && diff < 2; k++) if (other[k] !== chars[k]) diff++;
      }
      const df = index.df(tid);
      if (diff === 1 && df > 0) candidates.push({ text: bare, chars: other, df });
    }
  }
  candidates.sort((a, b) => b.df - a.df);
  if (!reading) return candidates[0]?.text ?? null;
  // Readings are dear next to the scan: only the most frequent neighbours are read, one character each.
  for (const c of candidates.slice(0, MAX_READ)) {
    const k = c.chars.findIndex((x, i) => x !== chars[i]);
    if (sounds?.(c.chars[k] as string)[0] === reading[k]) return c.text;
  }
  return null;
}

function correctLatin(word: string, index: InvertedIndex): string | null {
  const max = word.length <= 7 ? 1 : 2;
  let best: string | null = null;
  let bestDist = max + 1;
  let bestDf = 0;
  // A typo in the first letter is rare; one in the second is covered by starting from it as well.
  for (const first of new Set([word.slice(0, 1), word.slice(1, 2)])) {
    for (const tid of index.termsStartingWith(first, MAX_SCAN)) {
      const text = index.termText(tid);
      if (Math.abs(text.length - word.length) > max || !LATIN.test(text)) continue;
      const df = index.df(tid);
      if (df === 0) continue;
      const d = editDistance(word, text, max);
      if (d <= max && (d < bestDist || (d === bestDist && df > bestDf))) {
        best = text;
        bestDist = d;
        bestDf = df;
      }
    }
  }
  return best;
}

/** Optimal string alignment distance (insertions, deletions, substitutions, adjacent swaps), capped at `max` + 1. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2 = new Int32Array(b.length + 1);
  let prev = Int32Array.from({ length: b.length + 1 }, (_, j) => j);
  let cur = new Int32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, (prev2[j - 2] as number) + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return Math.min(prev[b.length] as number, max + 1);
}
