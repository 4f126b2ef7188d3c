/*
 * Text helpers for SVG covers: XML escaping and a width-aware line wrapper. Without fonts we cannot
 * measure glyphs, so widths are estimated in em: CJK and emoji are square, Latin is about half as wide.
 */

// Characters XML 1.0 forbids, plus unpaired surrogates (they would make the document unreadable).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Escapes text for XML content and attribute values, dropping characters XML cannot carry. */
export function escapeXml(s: string): string {
  return s.replace(INVALID_XML, '').replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Estimated advance width of one character, in em. */
export function charWidth(ch: string): number {
  const c = ch.codePointAt(0)!;
  if (c === 0x20) return 0.32;
  if (c < 0x2e80) {
    if (c >= 0x41 && c <= 0x5a) return 0.72;
    if (c === 0x6d || c === 0x77) return 0.9; // m, w
    if (/[ilj.,:;'!|]/.test(ch)) return 0.32;
    if (c < 0x2000) return 0.62;
  }
  return 1;
}

/** Estimated width of a string, in em. */
export function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += charWidth(ch);
  return w;
}

// Line-start-forbidden punctuation (kinsoku): it stays with the previous line.
const NO_LINE_START = /^[，。！？、；：）」』】》〉,.!?;:)\]}…～]$/u;
const HAN_OR_WIDE = /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]|\p{Extended_Pictographic}/u;

/** Breaks text into wrap units: a Latin word (with trailing spaces), or a single wide character. */
function tokens(text: string): string[] {
  const out: string[] = [];
  let word = '';
  for (const ch of text.replace(/\s+/g, ' ').trim()) {
    if (HAN_OR_WIDE.test(ch) || NO_LINE_START.test(ch)) {
      if (word) out.push(word);
      word = '';
      out.push(ch);
    } else if (ch === ' ') {
      out.push(word + ' ');
      word = '';
    } else word += ch;
  }
  if (word) out.push(word);
  return out;
}

/**
 * Wraps text into at most `maxLines` lines of at most `maxEm` width; the last line ends in '…' when text
 * is cut. Words longer than a line are split by character.
 */
export function wrapText(text: string, maxEm: number, maxLines: number): { lines: string[]; truncated: boolean } {
  const lines: string[] = [];
  let line = '';
  let width = 0;
  const flush = () => {
    lines.push(line.trimEnd());
    line = '';
    width = 0;
  };
  const queue = tokens(text);
  for (let i = 0; i < queue.length; i++) {
    const tok = queue[i]!;
    const w = textWidth(tok.trimEnd());
    if (width + w <= maxEm || (NO_LINE_START.test(tok) && line)) {
      line += tok;
      width += textWidth(tok);
      continue;
    }
    if (w > maxEm && !line) {
      // An over-long word: split it at the width limit.
      let part = '';
      for (const ch of tok) {
        if (textWidth(part + ch) > maxEm) break;
        part += ch;
      }
      if (!part) part = Array.from(tok)[0]!;
      line = part;
      queue.splice(i + 1, 0, tok.slice(part.length));
      flush();
    } else {
      flush();
      i--;
    }
    if (lines.length === maxLines) return { lines: ellipsis(lines, maxEm), truncated: true };
  }
  if (line) flush();
  if (lines.length > maxLines) return { lines: ellipsis(lines.slice(0, maxLines), maxEm), truncated: true };
  return { lines, truncated: false };
}

function ellipsis(lines: string[], maxEm: number): string[] {
  const last = lines.length - 1;
  let s = Array.from(lines[last]!);
  while (s.length > 0 && textWidth(s.join('')) + 1 > maxEm) s = s.slice(0, -1);
  lines[last] = s.join('').trimEnd() + '…';
  return lines;
}
