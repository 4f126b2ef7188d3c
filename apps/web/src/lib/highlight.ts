// Search highlights arrive HTML-escaped with matches wrapped in <mark>. These helpers turn them into
// plain segments, so the page renders text and <mark> elements itself and never parses HTML.

export interface Segment {
  text: string;
  mark: boolean;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * Decodes the entities an HTML-escaping server produces, in one pass (so `&amp;lt;` stays `&lt;`);
 * anything unknown stays as literal text.
 */
export function decodeEntities(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|apos|#\d{1,7}|#x[0-9a-f]{1,6});/gi, (m, name: string) => {
    const lower = name.toLowerCase();
    const named = NAMED[lower];
    if (named !== undefined) return named;
    const n = lower.startsWith('#x') ? parseInt(lower.slice(2), 16) : Number(lower.slice(1));
    return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : m;
  });
}

/**
 * Splits a highlight into segments. Only the exact `<mark>` and `</mark>` tags are understood; any other
 * markup would already be escaped by the server, and is shown as text if it is not.
 */
export function highlightSegments(escaped: string): Segment[] {
  const out: Segment[] = [];
  let mark = false;
  for (const part of escaped.split(/(<mark>|<\/mark>)/)) {
    if (part === '<mark>') mark = true;
    else if (part === '</mark>') mark = false;
    else if (part) out.push({ text: decodeEntities(part), mark });
  }
  return out;
}

/** Keeps about `max` characters of a highlight, centred on its first match, with ellipses. */
export function snippetSegments(segments: Segment[], max = 140): Segment[] {
  const total = segments.reduce((n, s) => n + s.text.length, 0);
  if (total <= max) return segments;
  let firstMark = 0;
  for (const s of segments) {
    if (s.mark) break;
    firstMark += s.text.length;
  }
  const start = Math.max(0, Math.min(firstMark - Math.floor(max / 3), total - max));
  const end = start + max;
  const out: Segment[] = [];
  let pos = 0;
  for (const s of segments) {
    const a = Math.max(start, pos);
    const b = Math.min(end, pos + s.text.length);
    if (b > a) out.push({ text: s.text.slice(a - pos, b - pos), mark: s.mark });
    pos += s.text.length;
  }
  if (start > 0) out.unshift({ text: '… ', mark: false });
  if (end < total) out.push({ text: ' …', mark: false });
  return out;
}
