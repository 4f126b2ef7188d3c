import type { FeedItem } from '@notewave/api-client';
import { useState } from 'preact/hooks';
import { useI18n } from '../lib/i18n.ts';

export type NotInterestedTarget = { targetKind: 'note' | 'author' | 'tag'; target: string };

/** "Not interested" on a card: in this note, in its author, or in its first tag. */
export function NotInterested({ item, onPick }: { item: FeedItem; onPick: (t: NotInterestedTarget) => void }) {
  const i = useI18n();
  const [open, setOpen] = useState(false);
  const tag = item.note.tags[0];
  const pick = (t: NotInterestedTarget) => {
    setOpen(false);
    onPick(t);
  };
  return (
    <span class="ni">
      <button type="button" class="ni-btn" aria-expanded={open} aria-label={`${i.t('notInterested')}: ${item.note.title}`} title={i.t('notInterested')}
        onClick={() => setOpen(!open)}>
        ×
      </button>
      {open && (
        <span class="ni-menu" role="menu" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
          <button type="button" role="menuitem" onClick={() => pick({ targetKind: 'note', target: item.note.id })}>{i.t('niNote')}</button>
          <button type="button" role="menuitem" onClick={() => pick({ targetKind: 'author', target: item.note.author.id })}>
            {i.t('niAuthor', { name: item.note.author.displayName })}
          </button>
          {tag && <button type="button" role="menuitem" onClick={() => pick({ targetKind: 'tag', target: tag })}>{i.t('niTag', { tag })}</button>}
        </span>
      )}
    </span>
  );
}
