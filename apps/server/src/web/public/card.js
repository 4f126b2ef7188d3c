// A note card for the masonry grid: cover, title, author, like count and why it was recommended.
import { avatar, coverImage, formatCount, formatDuration, h, icon } from './dom.js';
import { t } from './i18n.js';
import { isLiked, toggleLike } from './state.js';

const REASON_ICONS = {
  search: 'search', read: 'book', similar: 'spark', following: 'users', trending: 'flame', popular: 'star',
  rising: 'trend', explore: 'compass', fresh: 'spark', new_creator: 'spark', collaborative: 'users',
};

/** Chips for a feed item's reasons; the first one is the headline. */
export function reasonChips(reasons = [], { max = 1, exploration = false } = {}) {
  const list = reasons.slice(0, max);
  if (list.length === 0 && exploration) list.push({ code: 'explore', text: t('exploring') });
  return list.map((r) => h('span', { class: `reason reason-${r.code.replace(/[^a-z_]/g, '')}`, title: r.text },
    icon(REASON_ICONS[r.code] ?? 'spark', { size: 12 }), h('span', { class: 'reason-text' }, r.text)));
}

export function likeButton(note, { compact = false } = {}) {
  const btn = h('button', { type: 'button', class: 'like-btn', dataset: { likeFor: note.id } });
  const render = () => {
    const on = isLiked(note.id);
    btn.classList.toggle('on', on);
    btn.setAttribute('aria-pressed', String(on));
    btn.setAttribute('aria-label', `${on ? t('unlike') : t('like')} (${note.stats.likes})`);
    btn.replaceChildren(icon('heart', { filled: on, size: compact ? 15 : 20 }), h('span', { class: 'count' }, formatCount(note.stats.likes)));
  };
  render();
  btn.addEventListener('click', (e) => {
    e.stopPropagation();
    void toggleLike(note);
  });
  renderers.set(btn, (changed) => {
    note.stats = changed.stats;
    render();
  });
  return btn;
}

// One listener for all like buttons: the buttons on screen for a changed note re-render.
const renderers = new WeakMap();
document.addEventListener('nw:note', (e) => {
  for (const btn of document.querySelectorAll('.like-btn[data-like-for]')) {
    if (btn.dataset.likeFor === e.detail.id) renderers.get(btn)?.(e.detail);
  }
});

/**
 * `item` is a feed item (`{note, recId, reasons, exploration}`); clicking anywhere but the like button
 * opens the note.
 */
export function noteCard(item, { onOpen }) {
  const { note } = item;
  const cover = coverImage(note);
  if (note.kind === 'video') {
    cover.append(h('span', { class: 'badge badge-video' }, icon('play', { size: 12 }), formatDuration(note.media?.durationSec)));
  } else if ((note.media?.images?.length ?? 0) > 1) {
    cover.append(h('span', { class: 'badge' }, `1/${note.media.images.length}`));
  }
  const chips = reasonChips(item.reasons, { exploration: item.exploration });
  if (chips.length) cover.append(h('div', { class: 'cover-reasons' }, chips));

  const open = h('button', { type: 'button', class: 'card-open', 'aria-label': `${t('openNote')}: ${note.title}` });
  open.addEventListener('click', () => onOpen(item, card));

  const card = h('article', { class: 'card', dataset: { noteId: note.id, authorId: note.author.id, tags: JSON.stringify(note.tags) } },
    cover,
    h('div', { class: 'card-body' },
      h('h3', { class: 'card-title' }, note.title),
      h('div', { class: 'card-meta' },
        h('span', { class: 'author' }, avatar(note.author, 20), h('span', { class: 'author-name' }, note.author.displayName)),
        likeButton(note, { compact: true }))),
    open);
  return card;
}
