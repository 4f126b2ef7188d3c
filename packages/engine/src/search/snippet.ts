import { foldTextWhole, foldUnits, foldWithOffsets } from './normalize.ts';
import { stem } from './stemmer.ts';

/** What to mark in a note: Latin words by stem or prefix, everything else (Chinese words, tags, phrases) as folded substrings. */
export interface HighlightTerms {
  stems: ReadonlySet<string>;
  prefixes: readonly string[];
  substrings: readonly string[];
}

const LATIN_WORD = /[a-z0-9'’]+/g;
const LATIN_ONLY = /^[a-z0-9'’ ]+$/;

// Xiaohongshu's topic markup (`#tag[话题]#`, `#tag#`) and emoji codes (`[哭惹R]`): shown as plain `#tag` and nothing.
const TOPIC = /#([^#\s[\]]{1,40})(?:\[[^\]#]{1,10}\])?#/g;
const CODES = /\[[^[\]\s]{1,8}\]/g;

/** A note's text as snippets show it: hashtags without their topic markup, emoji codes removed. */
export function displayText(text: string): string {
  return text.includes('[') || text.includes('#') ? text.replace(TOPIC, '#$1').replace(CODES, '') : text;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'));
}

/**
 * HTML-escaped text with matches wrapped in <mark>. With `window`, only about that many characters
 * around the first match are kept, with ellipses where text was cut.
 */
export function highlight(text: string, terms: HighlightTerms, window?: number): string {
  const spans = window !== undefined && text.length > 3 * window ? matchesNearFirst(text, terms, window) : findMatches(text, terms);
  return markSpans(text, spans, window);
}

/**
 * The text, HTML-escaped, with the given sorted, non-overlapping [start, end) spans wrapped in <mark>; with `window`,
 * cut to about that many characters around the first span.
 */
export function markSpans(text: string, spans: readonly (readonly [number, number])[], window?: number): string {
  let from = 0;
  let to = text.length;
  if (window !== undefined && text.length > window) {
    const first = spans[0]?.[0] ?? 0;
    from = Math.max(0, first - Math.floor(window / 3));
    to = Math.min(text.length, from + window);
    from = Math.max(0, Math.min(from, to - window));
    if (isLowSurrogate(text, from)) from++;
    if (isLowSurrogate(text, to)) to--;
  }
  let out = from > 0 ? '…' : '';
  let at = from;
  for (const [s0, e0] of spans) {
    const s = Math.max(s0, at);
    const e = Math.min(e0, to);
    if (e <= s) continue;
    out += escapeHtml(text.slice(at, s)) + '<mark>' + escapeHtml(text.slice(s, e)) + '</mark>';
    at = e;
  }
  out += escapeHtml(text.slice(at, to));
  return to < text.length ? out + '…' : out;
}

/** Sorted, non-overlapping [start, end) ranges of the original text that match. */
export function findMatches(text: string, terms: HighlightTerms): [number, number][] {
  if (!text) return [];
  return matchesIn(terms, foldWithOffsets(text));
}

// findMatches over a text already folded.
function matchesIn(terms: HighlightTerms, { folded, origin }: { folded: string; origin: Int32Array | null }): [number, number][] {
  const raw: [number, number][] = [];
  // Each source (the Latin words, one substring) finds its matches in order and apart; only several need sorting.
  let sources = 0;
  // With no Latin term to mark (most Chinese queries), the text's Latin words need not be read.
  if (terms.stems.size > 0 || terms.prefixes.length > 0) {
    for (const m of folded.matchAll(LATIN_WORD)) {
      const w = m[0].replace(/['’]/g, '');
      if (terms.stems.has(stem(w)) || terms.stems.has(w) || terms.prefixes.some((p) => w.startsWith(p))) {
        raw.push([m.index, m.index + m[0].length]);
      }
    }
    if (raw.length > 0) sources++;
  }
  for (const sub of terms.substrings) {
    if (!sub || LATIN_ONLY.test(sub) && !sub.includes(' ')) continue;
    const before = raw.length;
    for (let i = folded.indexOf(sub); i >= 0; i = folded.indexOf(sub, i + sub.length)) raw.push([i, i + sub.length]);
    if (raw.length > before) sources++;
  }
  if (sources > 1) raw.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  return mergeSpans(raw, origin);
}

/**
 * Sorted [start, end) spans of the folded text merged where they touch or overlap, mapped back to the original text
 * through `origin` (the original offset of each folded offset) when folding moved offsets.
 */
export function mergeSpans(sorted: readonly [number, number][], origin: ArrayLike<number> | null | undefined): [number, number][] {
  const merged: [number, number][] = [];
  for (const [s, e] of sorted) {
    const last = merged[merged.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return origin ? merged.map(([s, e]) => [origin[s] as number, origin[e] as number]) : merged;
}

// Long bodies: locate the first match cheaply on the folded text, then mark only the stretch the
// window can show. Falls back to the whole text when folding changed its length.
function matchesNearFirst(text: string, terms: HighlightTerms, window: number): [number, number][] {
  // Text whose units all fold by themselves (nearly all) folds part by part as it does whole: the window's fold is
  // a slice of this one.
  const units = foldUnits(text);
  const folded = units ?? foldTextWhole(text);
  if (folded.length !== text.length) return matchesIn(terms, foldWithOffsets(text, folded));
  let first = folded.length;
  for (const sub of terms.substrings) {
    const i = sub ? folded.indexOf(sub) : -1;
    if (i >= 0 && i < first) first = i;
  }
  const latin = [...terms.stems, ...terms.prefixes].filter((w) => /^[a-z0-9]+$/.test(w));
  if (latin.length > 0) {
    const m = latinStart(latin.join('|')).exec(folded);
    if (m && m.index < first) first = m.index;
  }
  if (first === folded.length) first = 0;
  let start = Math.max(0, first - window);
  let end = Math.min(text.length, first + 2 * window);
  if (isLowSurrogate(text, start)) start--;
  if (isLowSurrogate(text, end)) end++;
  const spans = units !== null ? matchesIn(terms, { folded: units.slice(start, end), origin: null }) : findMatches(text.slice(start, end), terms);
  return spans.map(([s0, e0]) => [s0 + start, e0 + start]);
}

// The start of a Latin term: one query marks every hit with the same terms, so the last pattern is kept.
let latinSource = '';
let latinPattern = /$^/;
function latinStart(alternatives: string): RegExp {
  if (alternatives !== latinSource) {
    latinPattern = new RegExp(`(?<![a-z0-9])(?:${alternatives})`);
    latinSource = alternatives;
  }
  return latinPattern;
}

function isLowSurrogate(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 0xdc00 && c <= 0xdfff;
}
