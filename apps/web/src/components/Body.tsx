import { Fragment } from 'preact';
import { splitHashtags } from '../lib/hashtag.ts';

/** Note text with hashtags as links to a search for them; everything else is plain text. */
export function Body({ text }: { text: string }) {
  const parts = splitHashtags(text);
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
