// The snippet functions as they were before the window reused the text's fold and runs of units were folded by table:
// the reference the tests check `highlight` against.
import { foldText, foldWithOffsetsByChar } from '../normalize.ts';
import { stem } from '../stemmer.ts';
import { markSpans, mergeSpans, type HighlightTerms } from '../snippet.ts';

const LATIN_WORD = /[a-z0-9'’]+/g;
const LATIN_ONLY = /^[a-z0-9'’ ]+$/;

/**
 * HTML-escaped text with matches wrapped in <mark>. With `window`, only about that many characters
 * around the first match are kept, with ellipses where text was cut.
 */
export function highlightReference(text: string, terms: HighlightTerms, window?: number): string {
  const spans = window !== undefined && text.length > 3 * window ? matchesNearFirst(text, terms, window) : findMatches(text, terms);
  return markSpans(text, spans, window);
}

/** Sorted, non-overlapping [start, end) ranges of the original text that match. */
function findMatches(text: string, terms: HighlightTerms): [number, number][] {
  if (!text) return [];
  const { folded, origin } = foldWithOffsetsByChar(text);
  const raw: [number, number][] = [];
  // With no Latin term to mark (most Chinese queries), the text's Latin words need not be read.
  if (terms.stems.size > 0 || terms.prefixes.length > 0) for (const m of folded.matchAll(LATIN_WORD)) {
    const w = m[0].replace(/['’]/g, '');
    if (terms.stems.has(stem(w)) || terms.stems.has(w) || terms.prefixes.some((p) => w.startsWith(p))) {
      raw.push([m.index, m.index + m[0].length]);
    }
  }
  for (const sub of terms.substrings) {
    if (!sub || LATIN_ONLY.test(sub) && !sub.includes(' ')) continue;
    for (let i = folded.indexOf(sub); i >= 0; i = folded.indexOf(sub, i + sub.length)) raw.push([i, i + sub.length]);
  }
  raw.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  return mergeSpans(raw, origin);
}

// Long bodies: locate the first match cheaply on the folded text, then mark only the stretch the
// window can show. Falls back to the whole text when folding changed its length.
function matchesNearFirst(text: string, terms: HighlightTerms, window: number): [number, number][] {
  const folded = foldText(text);
  if (folded.length !== text.length) return findMatches(text, terms);
  let first = folded.length;
  for (const sub of terms.substrings) {
    const i = sub ? folded.indexOf(sub) : -1;
    if (i >= 0 && i < first) first = i;
  }
  const latin = [...terms.stems, ...terms.prefixes].filter((w) => /^[a-z0-9]+$/.test(w));
  if (latin.length > 0) {
    const m = new RegExp(`(?<![a-z0-9])(?:${latin.join('|')})`).exec(folded);
    if (m && m.index < first) first = m.index;
  }
  if (first === folded.length) first = 0;
  let start = Math.max(0, first - window);
  let end = Math.min(text.length, first + 2 * window);
  if (isLowSurrogate(text, start)) start--;
  if (isLowSurrogate(text, end)) end++;
  return findMatches(text.slice(start, end), terms).map(([s0, e0]) => [s0 + start, e0 + start]);
}

function isLowSurrogate(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 0xdc00 && c <= 0xdfff;
}
