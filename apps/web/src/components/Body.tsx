import { Fragment } from 'preact';

// `#tag` (ends at whitespace or punctuation) and `#话题#` (closed by a second #), as the server reads them.
const HASHTAG = /#([^\s#.,!?;:，。！？；：、]{1,40})#?/g;

/** Note text with hashtags as links to a search for them; everything else is plain text. */
export function Body({ text }: { text: string }) {
  const parts: (string | { tag: string })[] = [];
  let last = 0;
  for (const m of text.matchAll(HASHTAG)) {
    if (m.index > last) parts.push(text.slice(last, m.index));
    parts.push({ tag: m[1] ?? '' });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return (
    <p class="note-body">
      {parts.map((p, i) =>
        typeof p === 'string' ? <Fragment key={i}>{p}</Fragment> : (
          <a key={i} class="hashtag" href={`/search?q=${encodeURIComponent(p.tag)}`}>#{p.tag}</a>
        ),
      )}
    </p>
  );
}

export function TagList({ tags }: { tags: string[] }) {
  if (tags.length === 0) return null;
  return (
    <ul class="tags">
      {tags.map((tag) => (
        <li key={tag}><a class="hashtag" href={`/search?q=${encodeURIComponent(tag)}`}>#{tag}</a></li>
      ))}
    </ul>
  );
}
