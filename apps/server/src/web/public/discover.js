// Discover: the image-text feed as a masonry grid with infinite scroll, one ranking or two side by side.
import { clear, errorBox, h } from './dom.js';
import { observeImpression } from './events.js';
import { feedPager, STRATEGIES, strategySwitch } from './feed.js';
import { t } from './i18n.js';
import { noteCard } from './card.js';
import { openNote } from './detail.js';
import { isHidden } from './state.js';

const SURFACE = 'discover';

function columnCount(width) {
  if (width >= 1180) return 5;
  if (width >= 920) return 4;
  if (width >= 560) return 3;
  return width >= 300 ? 2 : 1;
}

/**
 * Mounts the Discover surface into `root`; returns a cleanup function. Besides the two rankings it
 * offers `compare`: both feeds at once, side by side.
 */
export function mountDiscover(root, { strategy, onStrategy, onSearchTag }) {
  const body = h('div', { class: 'discover-body' });
  let cleanup = () => {};
  const toolbar = h('div', { class: 'toolbar' },
    h('h1', { class: 'view-title' }, t('discover')),
    strategySwitch(strategy, (s) => {
      strategy = s;
      onStrategy(s);
      mountBody();
    }, 'discover-strategy', [...STRATEGIES, 'compare']));
  root.append(toolbar, body);

  function mountBody() {
    cleanup();
    if (strategy === 'compare') {
      const panes = STRATEGIES.map((s) => {
        const pane = h('section', { class: `compare-pane compare-${s}`, 'aria-labelledby': `compare-${s}-title` },
          h('header', { class: 'compare-head' },
            h('h2', { id: `compare-${s}-title` }, t(s)),
            h('p', { class: 'muted' }, t(`${s}About`))));
        return pane;
      });
      body.replaceChildren(h('div', { class: 'compare' }, panes));
      const stops = panes.map((pane, i) => feedGrid(pane, STRATEGIES[i], onSearchTag));
      cleanup = () => stops.forEach((stop) => stop());
    } else {
      clear(body);
      cleanup = feedGrid(body, strategy, onSearchTag);
    }
  }
  mountBody();
  return () => cleanup();
}

/** One feed session as a masonry grid that loads more as it nears the bottom. */
function feedGrid(container, strategy, onSearchTag) {
  const pager = feedPager(SURFACE, strategy);
  const cards = [];
  const grid = h('div', { class: 'masonry', role: 'feed', 'aria-busy': 'false', 'aria-label': `${t('discover')} · ${t(strategy)}` });
  const status = h('div', { class: 'feed-status', 'aria-live': 'polite' });
  const sentinel = h('div', { class: 'sentinel', 'aria-hidden': 'true' });
  let columns = [];
  let stopped = false;
  container.append(grid, status, sentinel);

  function layout(force = false) {
    const n = columnCount(grid.clientWidth || container.clientWidth || window.innerWidth);
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
    if (loading || pager.done || stopped) return;
    loading = true;
    grid.setAttribute('aria-busy', 'true');
    status.replaceChildren(h('span', { class: 'spinner', 'aria-hidden': 'true' }), t('loading'));
    try {
      const items = await pager.next();
      if (stopped) return;
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
      if (!stopped) status.replaceChildren(errorBox(err, () => void loadMore()));
    } finally {
      loading = false;
      if (!stopped) {
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
    stopped = true;
    io.disconnect();
    ro.disconnect();
    document.removeEventListener('nw:hidden', onHidden);
  };
}

function inView(el) {
  const r = el.getBoundingClientRect();
  return r.top < window.innerHeight + 800;
}
