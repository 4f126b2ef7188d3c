/** The `#word` being typed just before the caret, if any. */
export function hashtagAt(text: string, caret: number): { start: number; word: string } | null {
  const m = /#([^\s#]{1,40})$/.exec(text.slice(0, caret));
  return m ? { start: caret - m[0].length, word: m[1] ?? '' } : null;
}

// `#tag` (ends at whitespace or punctuation) and `#话题#` (closed by a second #), as the server reads them.
const HASHTAG = /#([^\s#.,!?;:，。！？；：、[\]]{1,40})#?/g;

/** Text split into plain runs and hashtags, in order. */
export function splitHashtags(text: string): (string | { tag: string })[] {
  const parts: (string | { tag: string })[] = [];
  let last = 0;
  for (const m of text.matchAll(HASHTAG)) {
    if (m.index > last) parts.push(text.slice(last, m.index));
    parts.push({ tag: m[1] ?? '' });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}
