import type { NoteView, Reason } from '@notewave/api-client';
import { useEffect, useRef } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { useI18n } from '../lib/i18n.ts';
import type { Segment } from '../lib/highlight.ts';
import { Icon } from './Icon.tsx';
import { ReasonChip } from './ReasonChip.tsx';

export interface CardProps {
  note: NoteView;
  href?: string;
  reasons?: Reason[];
  exploration?: boolean;
  /** Title split into plain and highlighted runs (search results). */
  titleSegments?: Segment[];
  /** A short piece of the body around the first match (search results). */
  snippet?: Segment[];
  onOpen?: () => void;
  onVisible?: () => void;
  actions?: ComponentChildren;
}

export function coverOf(note: NoteView): string | undefined {
  return note.media.images[0]?.url;
}

/** A masonry card: cover keeps its aspect ratio, title, author and likes; optional reason chip and actions. */
export function NoteCard({ note, href, reasons, exploration, titleSegments, snippet, onOpen, onVisible, actions }: CardProps) {
  const i = useI18n();
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el || !onVisible || typeof IntersectionObserver !== 'function') return;
    let timer = 0;
    // Counted as seen once at least half of the card has been on screen for a moment.
    const io = new IntersectionObserver(([e]) => {
      if (e?.isIntersecting) timer = window.setTimeout(() => { onVisible(); io.disconnect(); }, 300);
      else clearTimeout(timer);
    }, { threshold: 0.5 });
    io.observe(el);
    return () => { clearTimeout(timer); io.disconnect(); };
  }, [note.id]);
  const img = note.media.images[0];
  const ratio = img?.width && img.height ? Math.min(1.6, Math.max(0.6, img.height / img.width)) : note.kind === 'video' ? 1.33 : 1.2;
  return (
    <article class="card" ref={ref} data-note-id={note.id}>
      <a class="card-link" href={href ?? `/note/${encodeURIComponent(note.id)}`} onClick={onOpen}>
        <div class="card-cover" style={{ aspectRatio: `1 / ${ratio}` }}>
          {img ? <img src={img.url} alt="" loading="lazy" decoding="async" /> : <div class="cover-fallback" />}
          {note.kind === 'video' && (
            <span class="card-badge" aria-label={i.t('video_kind')}>
              <Icon name="play" size={14} />
            </span>
          )}
        </div>
        <h3 class="card-title">
          {titleSegments ? titleSegments.map((s, k) => (s.mark ? <mark key={k}>{s.text}</mark> : s.text)) : note.title}
        </h3>
        {snippet && snippet.some((s) => s.mark) && (
          <p class="card-snippet">{snippet.map((s, k) => (s.mark ? <mark key={k}>{s.text}</mark> : s.text))}</p>
        )}
      </a>
      {reasons && <ReasonChip reasons={reasons} exploration={exploration ?? false} authorName={note.author.displayName} />}
      <div class="card-meta">
        <a class="card-author" href={`/user/${encodeURIComponent(note.author.id)}`}>
          <span class="avatar small" aria-hidden="true">{note.author.displayName.slice(0, 1)}</span>
          <span class="name">{note.author.displayName}</span>
        </a>
        <span class="card-likes" aria-label={`${i.t('like')} ${note.stats.likes}`}>
          <Icon name="heart" size={14} filled={false} /> {i.count(note.stats.likes)}
        </span>
        {actions}
      </div>
    </article>
  );
}

/** CSS columns keep each card's own height, the way a notes feed looks; order runs down each column. */
export function Masonry({ children }: { children: ComponentChildren }) {
  return <div class="masonry">{children}</div>;
}
