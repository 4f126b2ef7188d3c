import { useState } from 'preact/hooks';
import type { NoteView } from '@notewave/api-client';
import { useI18n } from '../lib/i18n.ts';
import { Icon } from './Icon.tsx';

/** Pictures of an image note, one at a time, with arrow buttons, arrow keys and dots. */
export function Carousel({ note }: { note: NoteView }) {
  const { t } = useI18n();
  const [index, setIndex] = useState(0);
  const images = note.media.images;
  const n = images.length;
  if (n === 0) return <div class="carousel empty-cover" />;
  const go = (d: number) => setIndex((i) => (i + d + n) % n);
  const img = images[index] ?? images[0]!;
  return (
    <div class="carousel" role="group" aria-roledescription="carousel" tabIndex={0}
      onKeyDown={(e) => { if (e.key === 'ArrowLeft') go(-1); if (e.key === 'ArrowRight') go(1); }}>
      <img src={img.url} alt={n > 1 ? t('photo', { i: index + 1, n }) : ''} />
      {n > 1 && (
        <>
          <button type="button" class="carousel-btn prev" onClick={() => go(-1)} aria-label={t('prevPhoto')}><Icon name="chevronLeft" /></button>
          <button type="button" class="carousel-btn next" onClick={() => go(1)} aria-label={t('nextPhoto')}><Icon name="chevronRight" /></button>
          <div class="dots" aria-hidden="true">{images.map((_, i) => <span key={i} class={i === index ? 'dot on' : 'dot'} />)}</div>
        </>
      )}
    </div>
  );
}
