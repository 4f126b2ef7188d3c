/**
 * Hashtag parsing for both conventions: Western `#tag` (ends at whitespace or punctuation) and
 * Xiaohongshu's closed forms `#话题#` and `#tag[话题]#` (the bracketed part is the topic type and is dropped).
 */
const CLOSED = /#([^#\s[\]]{1,40})(?:\[[^\]#]{1,10}\])?#/gu;
const OPEN = /#([\p{L}\p{N}_][\p{L}\p{N}_-]{0,39})/gu;

/** Normalises a tag for matching: NFKC, lower-case, trimmed, no leading '#'. */
export function normalizeTag(tag: string): string {
  return tag.normalize('NFKC').replace(/^#+/, '').replace(/#+$/, '').trim().toLowerCase();
}

/** Extracts normalised, de-duplicated hashtags in order of first appearance. */
export function parseHashtags(text: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (t: string) => {
    const n = normalizeTag(t);
    if (n.length > 0 && !seen.has(n)) {
      seen.add(n);
      out.push(n);
    }
  };
  // Closed forms first, then blank them so the open pattern does not re-read them.
  const rest = text.replace(CLOSED, (_m, tag: string) => {
    add(tag);
    return ' ';
  });
  for (const m of rest.matchAll(OPEN)) add(m[1] as string);
  return out;
}

/** Explicit tags plus tags parsed from title and body, normalised and de-duplicated. */
export function collectTags(explicit: readonly string[], ...texts: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const t of [...explicit.map(normalizeTag), ...texts.flatMap(parseHashtags)]) {
    if (t && !seen.has(t)) {
      seen.add(t);
      out.push(t);
    }
  }
  return out;
}
