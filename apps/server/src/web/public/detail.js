// The note drawer: pictures, text, tags, comments, like/save and "not interested". It reports `open`
// when shown, and `dwell` plus `view` (how much was read or watched) when closed.
import { api, session } from './api.js';
import { append, avatar, clear, formatCount, formatDate, formatDuration, h, icon, toast } from './dom.js';
import { onPageHide, track } from './events.js';
import { t } from './i18n.js';
import { hide, isSaved, requireSignIn, toggleSave } from './state.js';
import { likeButton, reasonChips } from './card.js';

let dialog = null;
let active = null;

function ensureDialog() {
  if (dialog) return dialog;
  dialog = h('dialog', { class: 'drawer', 'aria-labelledby': 'drawer-title' });
  dialog.addEventListener('close', () => finish());
  // A click on the backdrop (outside the panel) closes the drawer.
  dialog.addEventListener('click', (e) => {
    if (e.target === dialog) dialog.close();
  });
  document.body.append(dialog);
  return dialog;
}

/**
 * Opens a note. `ctx` carries where it came from: `surface`, `recId` and `position` for feed items,
 * and `onSearchTag(tag)` to run a search when a tag is clicked.
 */
export function openNote(note, ctx = {}) {
  const d = ensureDialog();
  if (d.open) {
    finish();
  }
  const scroller = h('div', { class: 'drawer-scroll' });
  const article = h('article', { class: 'drawer-article' });
  const opened = performance.now();
  active = { note, ctx, opened, maxPortion: 0, scroller, article, timer: 0 };

  const close = h('button', { type: 'button', class: 'icon-btn drawer-close', 'aria-label': t('close') }, icon('close', { size: 20 }));
  close.addEventListener('click', () => d.close());

  const header = h('header', { class: 'drawer-header' },
    h('span', { class: 'author' }, avatar(note.author, 32), h('span', {},
      h('span', { class: 'author-name' }, note.author.displayName),
      h('span', { class: 'author-handle' }, `@${note.author.handle}`))),
    close);

  append(article, [
    media(note),
    h('h2', { id: 'drawer-title', class: 'drawer-title' }, note.title),
    ctx.reasons?.length ? h('div', { class: 'drawer-reasons' }, reasonChips(ctx.reasons, { max: 3, exploration: ctx.exploration })) : null,
    bodyText(note.body, ctx),
    note.tags.length ? h('ul', { class: 'tag-list', 'aria-label': t('tags') }, note.tags.map((tag) => h('li', {}, tagButton(tag, ctx)))) : null,
    h('p', { class: 'drawer-meta' }, formatDate(note.createdAt), ' · ', note.category,
      note.kind === 'video' ? ` · ${t('duration', { d: formatDuration(note.media?.durationSec) })}` : ''),
  ]);
  const commentsBox = h('section', { class: 'comments', 'aria-labelledby': 'comments-title' },
    h('h3', { id: 'comments-title' }, t('comments'), ' ', h('span', { class: 'muted comment-count' }, formatCount(note.stats.comments))));
  scroller.append(article, commentsBox);
  scroller.addEventListener('scroll', () => measure(), { passive: true });

  d.replaceChildren(h('div', { class: 'drawer-panel' }, header, scroller, actions(note, ctx, d)));
  if (!d.open) d.showModal();
  close.focus();
  requestAnimationFrame(() => measure());

  track('open', { noteId: note.id, surface: ctx.surface, recId: ctx.recId });
  // Progress also grows with time (a video plays, a text gets read), not only with scrolling.
  active.timer = setInterval(() => measure(), 500);
  void loadComments(note, commentsBox);
}

/**
 * Portion read. For image notes it is how far the bottom of the viewport has got through the text
 * (title, body, tags), capped by the time such a text takes to read, so a glance at a short note is
 * not a complete read. Videos count the seconds the drawer has been open against their duration.
 */
function measure() {
  if (!active) return;
  const { note, scroller, article, opened } = active;
  const elapsed = performance.now() - opened;
  let portion;
  if (note.kind === 'video') {
    const dur = Math.max(1, note.media?.durationSec ?? 15);
    portion = elapsed / 1000 / dur;
  } else {
    const text = article.querySelector('.drawer-title');
    const top = text ? text.offsetTop : 0;
    const height = Math.max(1, article.offsetTop + article.offsetHeight - top);
    const depth = (scroller.scrollTop + scroller.clientHeight - top) / height;
    portion = Math.min(depth, elapsed / readingMs(note));
  }
  active.maxPortion = Math.max(active.maxPortion, Math.min(1, Math.max(0, portion)));
  const bar = dialog?.querySelector('.read-progress');
  if (bar) bar.style.transform = `scaleX(${active.maxPortion})`;
}

/** About how long reading a note takes: a few seconds for pictures, plus the text at a brisk pace. */
function readingMs(note) {
  const chars = note.title.length + note.body.length;
  return 2500 + chars * 35 + Math.min(9, note.media?.images?.length ?? 1) * 700;
}

// Leaving the page with a note open reports the reading so far; coming back starts a fresh reading.
onPageHide(() => {
  if (!active) return;
  const { note, ctx, scroller, article } = active;
  finish({ keepOpen: true });
  active = { note, ctx, opened: performance.now(), maxPortion: 0, scroller, article, timer: 0 };
  active.timer = setInterval(() => measure(), 500);
});

function finish({ keepOpen = false } = {}) {
  if (!active) return;
  measure();
  const { note, ctx, opened, maxPortion, timer } = active;
  clearInterval(timer);
  active = null;
  const ms = Math.round(performance.now() - opened);
  const common = { noteId: note.id, surface: ctx.surface, recId: ctx.recId };
  track('dwell', { ...common, ms });
  track('view', { ...common, portion: Math.round(maxPortion * 1000) / 1000, ms });
  if (!keepOpen) ctx.onClose?.();
}

export function closeNote() {
  if (dialog?.open) dialog.close();
}

function media(note) {
  const images = note.media?.images ?? [];
  const list = images.length ? images : [{ url: `/covers/${encodeURIComponent(note.id)}.svg`, width: 3, height: 4 }];
  const strip = h('div', { class: 'media-strip', tabindex: '0', 'aria-label': t('photos', { n: list.length }) },
    list.map((img, i) => {
      const fig = h('div', { class: 'media-item', style: { aspectRatio: `${img.width ?? 3} / ${img.height ?? 4}` } });
      const el = h('img', { src: img.url, alt: `${note.title} (${i + 1}/${list.length})`, loading: i === 0 ? 'eager' : 'lazy', decoding: 'async' });
      el.addEventListener('error', () => {
        fig.classList.add('cover-fallback');
        el.replaceWith(h('span', { class: 'cover-fallback-text' }, note.title));
      }, { once: true });
      fig.append(el);
      return fig;
    }));
  const wrap = h('div', { class: 'media' }, strip);
  if (note.kind === 'video') wrap.append(h('span', { class: 'badge badge-video badge-lg' }, icon('play', { size: 14 }), formatDuration(note.media?.durationSec)));
  if (list.length > 1) {
    const counter = h('span', { class: 'badge media-counter' }, `1/${list.length}`);
    strip.addEventListener('scroll', () => {
      const i = Math.round(strip.scrollLeft / Math.max(1, strip.clientWidth));
      counter.textContent = `${i + 1}/${list.length}`;
    }, { passive: true });
    wrap.append(counter);
  }
  wrap.append(h('div', { class: 'read-progress', 'aria-hidden': 'true' }));
  return wrap;
}

/** Body text with `#tag` and `#话题#` turned into search buttons; everything else is plain text. */
function bodyText(body, ctx) {
  const p = h('div', { class: 'drawer-body' });
  // Xiaohongshu-style topics may carry a `[话题]` marker before the closing `#`.
  const re = /#([^\s#[\]]{1,40})(?:\[话题\])?#?/gu;
  let last = 0;
  for (const m of body.matchAll(re)) {
    if (m.index > last) p.append(body.slice(last, m.index));
    p.append(tagButton(m[1], ctx, true));
    last = m.index + m[0].length;
  }
  if (last < body.length) p.append(body.slice(last));
  return p;
}

function tagButton(tag, ctx, inline = false) {
  const b = h('button', { type: 'button', class: inline ? 'tag-link' : 'tag' }, `#${tag}`);
  b.addEventListener('click', () => {
    closeNote();
    ctx.onSearchTag?.(tag);
  });
  return b;
}

function actions(note, ctx, d) {
  const save = h('button', { type: 'button', class: 'action-btn save-btn' });
  const renderSave = () => {
    const on = isSaved(note.id);
    save.classList.toggle('on', on);
    save.setAttribute('aria-pressed', String(on));
    save.setAttribute('aria-label', on ? t('unsave') : t('save'));
    save.replaceChildren(icon('star', { filled: on, size: 20 }), h('span', { class: 'count' }, formatCount(note.stats.saves)));
  };
  renderSave();
  save.addEventListener('click', async () => {
    await toggleSave(note);
    renderSave();
  });

  const toComments = h('button', { type: 'button', class: 'action-btn', 'aria-label': t('comments') },
    icon('comment', { size: 20 }), h('span', { class: 'count comment-count' }, formatCount(note.stats.comments)));
  toComments.addEventListener('click', () => {
    const input = d.querySelector('.comment-form input');
    if (input) input.focus();
    else d.querySelector('.comments')?.scrollIntoView({ behavior: 'smooth' });
  });

  return h('footer', { class: 'drawer-actions' },
    notInterestedMenu(note, ctx),
    h('div', { class: 'action-group' }, likeButton(note), save, toComments));
}

function notInterestedMenu(note, ctx) {
  const send = (targetKind, target) => {
    if (!requireSignIn()) return;
    track('not_interested', { targetKind, target, noteId: note.id, surface: ctx.surface, recId: ctx.recId });
    hide(targetKind, target);
    toast(t('niDone'));
    closeNote();
  };
  const menuId = `ni-${note.id}`;
  const menu = h('div', { class: 'menu', id: menuId, role: 'menu', hidden: true },
    menuItem(t('niNote'), () => send('note', note.id)),
    menuItem(t('niAuthor', { name: note.author.displayName }), () => send('author', note.author.id)),
    note.tags.slice(0, 4).map((tag) => menuItem(t('niTag', { tag }), () => send('tag', tag))));
  const toggle = h('button', { type: 'button', class: 'ghost-btn', 'aria-haspopup': 'menu', 'aria-expanded': 'false', 'aria-controls': menuId },
    icon('ban', { size: 16 }), t('notInterested'));
  const setOpen = (open) => {
    menu.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    if (open) menu.querySelector('button')?.focus();
  };
  toggle.addEventListener('click', () => setOpen(menu.hidden));
  menu.addEventListener('keydown', (e) => {
    const items = [...menu.querySelectorAll('button')];
    const i = items.indexOf(document.activeElement);
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
      toggle.focus();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      items[(i + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus();
    }
  });
  return h('div', { class: 'menu-wrap' }, toggle, menu);
}

function menuItem(label, onClick) {
  const b = h('button', { type: 'button', role: 'menuitem' }, label);
  b.addEventListener('click', onClick);
  return b;
}

async function loadComments(note, box) {
  const list = h('ol', { class: 'comment-list' }, h('li', { class: 'muted' }, t('loading')));
  box.append(list, commentForm(note, list));
  try {
    const page = await api.comments(note.id);
    clear(list);
    if (page.items.length === 0) list.append(h('li', { class: 'muted empty-comments' }, t('noComments')));
    const byParent = new Map();
    for (const c of page.items) if (c.parentId) byParent.set(c.parentId, [...(byParent.get(c.parentId) ?? []), c]);
    for (const c of page.items) {
      if (c.parentId) continue;
      const li = commentItem(c);
      const replies = byParent.get(c.id);
      if (replies) li.append(h('ol', { class: 'comment-replies' }, replies.map(commentItem)));
      list.append(li);
    }
  } catch (err) {
    clear(list).append(h('li', { class: 'error-text' }, err.message));
  }
}

function commentItem(c) {
  return h('li', { class: 'comment' },
    avatar(c.author, 28),
    h('div', {},
      h('div', { class: 'comment-head' }, h('strong', {}, c.author.displayName), h('span', { class: 'muted' }, formatDate(c.createdAt))),
      h('p', { class: 'comment-body' }, c.body)));
}

function commentForm(note, list) {
  const input = h('input', { type: 'text', name: 'comment', maxlength: '2000', placeholder: t('addComment'), 'aria-label': t('addComment'), autocomplete: 'off' });
  const button = h('button', { type: 'submit', class: 'primary-btn small' }, t('send'));
  const form = h('form', { class: 'comment-form' }, input, button);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = input.value.trim();
    if (!body || !requireSignIn()) return;
    button.disabled = true;
    try {
      const c = await api.comment(note.id, body);
      list.querySelector('.empty-comments')?.remove();
      list.append(commentItem(c));
      input.value = '';
      note.stats.comments += 1;
      for (const el of dialog.querySelectorAll('.comment-count')) el.textContent = formatCount(note.stats.comments);
      toast(t('commentSent'));
    } catch (err) {
      toast(err.message, 'error');
    } finally {
      button.disabled = false;
    }
  });
  if (!session()) input.addEventListener('focus', () => requireSignIn(), { once: true });
  return form;
}
