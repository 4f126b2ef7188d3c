// Discover: the image-text feed as a masonry grid with infinite scroll.
import { clear, errorBox, h } from './dom.js';
import { observeImpression } from './events.js';
import { feedPager, strategySwitch } from './feed.js';
import { t } from './i18n.js';
import { noteCard } from './card.js';
import { openNote } from './detail.js';
import { isHidden } from './state.js';

const SURFACE = 'discover';

function columnCount(width) {
  if (width >= 1180) return 5;
  if (width >= 920) return 4;
  if (width >= 640) return 3;
  return 2;
}

/** Mounts the Discover surface into `root`; returns a cleanup function. */
export function mountDiscover(root, { strategy, onStrategy, onSearchTag }) {
  let pager = feedPager(SURFACE, strategy);
  const cards = [];
  const grid = h('div', { class: 'masonry', role: 'feed', 'aria-busy': 'false', 'aria-label': t('discover') });
  const status = h('div', { class: 'feed-status', 'aria-live': 'polite' });
  const sentinel = h('div', { class: 'sentinel', 'aria-hidden': 'true' });
  let columns = [];

  const toolbar = h('div', { class: 'toolbar' },
    h('h1', { class: 'view-title' }, t('discover')),
    strategySwitch(strategy, (s) => {
      strategy = s;
      onStrategy(s);
      reset();
    }, 'discover-strategy'));
  root.append(toolbar, grid, status, sentinel);

  function layout(force = false) {
    const n = columnCount(grid.clientWidth || root.clientWidth || window.innerWidth);
    if (!force && n === columns.length) return;
    columns = Array.from({ length: n }, () => h('div', { class: 'masonry-col' }));
    grid.replaceChildren(...columns);
    for (const c of cards) place(c);
  }
  function place(card) {
    let best = columns[0];
    for (const col of columns) if (col.offsetHeight < best.offsetHeight) best = col;
    best.append(card);
  }

  let loading = false;
  async function loadMore() {
    if (loading || pager.done) return;
    loading = true;
    const mine = pager;
    grid.setAttribute('aria-busy', 'true');
    status.replaceChildren(h('span', { class: 'spinner', 'aria-hidden': 'true' }), t('loading'));
    try {
      const items = await mine.next();
      if (mine !== pager) return;
      for (const item of items) {
        const card = noteCard(item, { onOpen: open });
        card.setAttribute('aria-posinset', String(item.position + 1));
        cards.push(card);
        place(card);
        observeImpression(card, {
          noteId: item.note.id, position: item.position, recId: item.recId, surface: SURFACE, exploration: item.exploration,
        });
      }
      status.replaceChildren(pager.done ? (cards.length ? t('endOfFeed') : t('empty')) : '');
    } catch (err) {
      if (mine !== pager) return;
      status.replaceChildren(errorBox(err, () => void loadMore()));
    } finally {
      if (mine === pager) {
        loading = false;
        grid.setAttribute('aria-busy', 'false');
        // A tall screen may show the sentinel again at once; keep filling until it scrolls away.
        requestAnimationFrame(() => {
          if (!pager.done && !status.querySelector('.error-box') && inView(sentinel)) void loadMore();
        });
      }
    }
  }

  function open(item, card) {
    openNote(item.note, {
      surface: SURFACE, recId: item.recId, position: item.position, reasons: item.reasons, exploration: item.exploration,
      onSearchTag,
      onClose: () => card.querySelector('.card-open')?.focus({ preventScroll: true }),
    });
  }

  function reset() {
    pager = feedPager(SURFACE, strategy);
    loading = false;
    cards.length = 0;
    layout(true);
    clear(status);
    void loadMore();
  }

  const io = new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting)) void loadMore();
  }, { rootMargin: '800px 0px' });
  io.observe(sentinel);
  const ro = new ResizeObserver(() => layout());
  ro.observe(grid);
  const onHidden = () => {
    for (let i = cards.length - 1; i >= 0; i--) {
      const card = cards[i];
      const note = { id: card.dataset.noteId, author: { id: card.dataset.authorId }, tags: JSON.parse(card.dataset.tags ?? '[]') };
      if (isHidden(note)) {
        card.remove();
        cards.splice(i, 1);
      }
    }
    layout(true);
  };
  document.addEventListener('nw:hidden', onHidden);

  layout(true);
  void loadMore();
  return () => {
    io.disconnect();
    ro.disconnect();
    document.removeEventListener('nw:hidden', onHidden);
  };
}

function inView(el) {
  const r = el.getBoundingClientRect();
  return r.top < window.innerHeight + 800;
}
