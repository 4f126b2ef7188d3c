// Video: one clip at a time, as in a viral short-video feed. There is no real player in the demo, so
// playback is simulated in real time; leaving a clip reports how much of it was watched.
import { avatar, errorBox, formatDuration, h, icon } from './dom.js';
import { impressionNow, onPageHide, track } from './events.js';
import { feedPager, strategySwitch } from './feed.js';
import { t } from './i18n.js';
import { likeButton, reasonChips } from './card.js';
import { openNote } from './detail.js';
import { isHidden, isSaved, toggleSave } from './state.js';

const SURFACE = 'video';
const TICK_MS = 100;

export function mountVideo(root, { strategy, onStrategy, onSearchTag }) {
  let pager = feedPager(SURFACE, strategy, 10);
  let items = [];
  let index = 0;
  let playing = true;
  /** The clip on screen: when it appeared, how long it has actually played. */
  let watch = null;

  const stage = h('div', { class: 'video-stage' });
  // Announces each new clip's title once; the stage itself changes too often to be a live region.
  const announcer = h('p', { class: 'visually-hidden', 'aria-live': 'polite' });
  const toolbar = h('div', { class: 'toolbar' },
    h('h1', { class: 'view-title' }, t('video')),
    strategySwitch(strategy, (s) => {
      strategy = s;
      onStrategy(s);
      leave();
      pager = feedPager(SURFACE, strategy, 10);
      filling = null;
      items = [];
      index = 0;
      void show();
    }, 'video-strategy'));
  root.append(toolbar, stage, announcer, h('p', { class: 'hint muted' }, t('videoHelp')));

  /** Keeps a few clips buffered ahead; one fill runs at a time, so pages are never added twice. */
  let filling = null;
  function fill() {
    filling ??= (async () => {
      while (!pager.done && items.length - index < 3) {
        const mine = pager;
        const more = await mine.next();
        if (mine !== pager) return;
        items.push(...more);
      }
    })().finally(() => {
      filling = null;
    });
    return filling;
  }

  async function show() {
    const mine = pager;
    if (index >= items.length) {
      stage.replaceChildren(h('div', { class: 'video-loading' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), t('loading')));
      try {
        await fill();
      } catch (err) {
        if (mine === pager) stage.replaceChildren(errorBox(err, () => void show()));
        return;
      }
      if (mine !== pager) return;
    }
    while (index < items.length && isHidden(items[index].note)) index++;
    const item = items[index];
    if (!item) {
      stage.replaceChildren(h('p', { class: 'feed-status' }, items.length ? t('endOfFeed') : t('empty')));
      return;
    }
    render(item);
    // Prefetch quietly; an error here shows up when the buffer actually runs out.
    fill().catch(() => {});
  }

  function render(item) {
    const { note } = item;
    const duration = Math.max(1, note.media?.durationSec ?? 15);
    watch = { item, shownAt: performance.now(), playedMs: 0, best: 0, duration };
    impressionNow({ noteId: note.id, position: item.position, recId: item.recId, surface: SURFACE, exploration: item.exploration });

    const first = note.media?.images?.[0];
    const poster = h('div', { class: 'video-poster' });
    const src = first?.url ?? `/covers/${encodeURIComponent(note.id)}.svg`;
    // The clip is shown whole; a blurred copy fills the frame when its shape differs from the screen's.
    const backdrop = h('img', { class: 'video-backdrop', src, alt: '', 'aria-hidden': 'true', decoding: 'async' });
    const img = h('img', { class: 'video-picture', src, alt: '', decoding: 'async' });
    img.addEventListener('error', () => {
      poster.classList.add('cover-fallback');
      backdrop.remove();
      img.replaceWith(h('span', { class: 'cover-fallback-text' }, note.title));
    }, { once: true });
    poster.append(backdrop, img);

    const bar = h('div', { class: 'video-progress-fill' });
    const time = h('span', { class: 'video-time' }, `0:00 / ${formatDuration(duration)}`);
    const playBtn = h('button', { type: 'button', class: 'video-play', 'aria-label': playing ? t('pause') : t('play') });
    const playIcon = h('span', { class: 'video-play-icon' });
    playBtn.append(playIcon);
    playBtn.addEventListener('click', () => setPlaying(!playing));

    const save = h('button', { type: 'button', class: 'rail-btn save-btn' });
    const renderSave = () => {
      const on = isSaved(note.id);
      save.classList.toggle('on', on);
      save.setAttribute('aria-pressed', String(on));
      save.setAttribute('aria-label', on ? t('unsave') : t('save'));
      save.replaceChildren(icon('star', { filled: on, size: 24 }), h('span', { class: 'count' }, String(note.stats.saves)));
    };
    renderSave();
    save.addEventListener('click', async () => {
      await toggleSave(note);
      renderSave();
    });
    const details = h('button', { type: 'button', class: 'rail-btn', 'aria-label': t('details') },
      icon('comment', { size: 24 }), h('span', { class: 'count' }, String(note.stats.comments)));
    details.addEventListener('click', () => openNote(note, {
      surface: SURFACE, recId: item.recId, position: item.position, reasons: item.reasons, exploration: item.exploration, onSearchTag,
      onClose: () => details.focus({ preventScroll: true }),
    }));
    const like = likeButton(note);
    like.classList.add('rail-btn');

    const skip = h('button', { type: 'button', class: 'ghost-btn' }, t('skipVideo'));
    skip.addEventListener('click', () => next());
    const nextBtn = h('button', { type: 'button', class: 'primary-btn' }, t('next'), icon('next', { size: 16 }));
    nextBtn.addEventListener('click', () => next());

    const card = h('article', { class: 'video-card', 'aria-label': note.title, dataset: { noteId: note.id } },
      h('div', { class: 'video-frame' },
        poster,
        playBtn,
        h('div', { class: 'video-progress', 'aria-hidden': 'true' }, bar),
        h('div', { class: 'video-overlay' },
          h('div', { class: 'video-reasons' }, reasonChips(item.reasons, { max: 2, exploration: item.exploration })),
          h('h2', { class: 'video-title' }, note.title),
          h('p', { class: 'video-author' }, avatar(note.author, 24), note.author.displayName, h('span', { class: 'dot' }, '·'), time))),
      h('div', { class: 'video-rail' }, like, save, details),
      h('div', { class: 'video-controls' },
        h('span', { class: 'muted video-watched' }),
        h('div', { class: 'video-buttons' }, skip, nextBtn)));
    stage.replaceChildren(card);
    announcer.textContent = `${note.title} · ${note.author.displayName}`;
    watch.els = { bar, time, playBtn, playIcon, watched: card.querySelector('.video-watched') };
    paint();
  }

  function setPlaying(on) {
    playing = on;
    paint();
  }

  function paint() {
    if (!watch?.els) return;
    const { bar, time, playBtn, playIcon, watched } = watch.els;
    const loopMs = watch.duration * 1000;
    const pos = watch.playedMs % loopMs;
    bar.style.transform = `scaleX(${Math.min(1, pos / loopMs)})`;
    time.textContent = `${formatDuration(pos / 1000)} / ${formatDuration(watch.duration)}`;
    watched.textContent = t('watched', { p: Math.round(portion() * 100) });
    playBtn.setAttribute('aria-label', playing ? t('pause') : t('play'));
    playBtn.classList.toggle('paused', !playing);
    playIcon.replaceChildren(icon(playing ? 'pause' : 'play', { size: 40 }));
  }

  /** Share of the clip watched; a clip that loops counts as fully watched. */
  function portion() {
    if (!watch) return 0;
    return Math.min(1, watch.playedMs / (watch.duration * 1000));
  }

  /** Reports the clip being left: how much of it played and how long it was on screen. */
  function leave() {
    if (!watch) return;
    const { item, shownAt, playedMs } = watch;
    const common = { noteId: item.note.id, surface: SURFACE, recId: item.recId };
    track('view', { ...common, portion: Math.round(portion() * 1000) / 1000, ms: Math.round(playedMs) });
    track('dwell', { ...common, ms: Math.round(performance.now() - shownAt) });
    watch = null;
  }

  function next() {
    leave();
    index += 1;
    playing = true;
    void show();
  }

  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    const dt = now - last;
    last = now;
    const paused = !playing || document.visibilityState !== 'visible' || document.querySelector('dialog[open]');
    if (!watch || paused) return;
    watch.playedMs += dt;
    paint();
  }, TICK_MS);

  const unHide = onPageHide(() => {
    if (!watch) return;
    const item = watch.item;
    const els = watch.els;
    const duration = watch.duration;
    leave();
    // Coming back to the page is a fresh watch of the same clip.
    watch = { item, shownAt: performance.now(), playedMs: 0, duration, els };
  });

  const onKey = (e) => {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
    if (document.querySelector('dialog[open]')) return;
    const tag = document.activeElement?.tagName;
    if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return;
    if (e.key === ' ' && tag !== 'BUTTON') {
      e.preventDefault();
      setPlaying(!playing);
    } else if (e.key === 'ArrowDown' || e.key === 'j' || e.key === 'J') {
      e.preventDefault();
      next();
    }
  };
  document.addEventListener('keydown', onKey);

  void show();
  return () => {
    leave();
    clearInterval(timer);
    unHide();
    document.removeEventListener('keydown', onKey);
  };
}
