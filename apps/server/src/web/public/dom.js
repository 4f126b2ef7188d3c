// Small DOM helpers: element building without innerHTML, icons, safe highlights, number formats, toasts.
import { lang, t } from './i18n.js';

/**
 * Builds an element. `attrs` keys starting with `on` add listeners, `class`, `style` (object) and
 * `dataset` (object) are handled, `false`/`null` values are skipped. Children may be strings, nodes,
 * arrays or nullish.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === false || v === null || v === undefined) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2).toLowerCase(), v);
    else if (k === 'class') el.className = v;
    else if (k === 'style' && typeof v === 'object') {
      // Through the CSSOM, which the page's content security policy allows (inline style attributes it does not).
      for (const [prop, value] of Object.entries(v)) {
        if (prop.startsWith('--')) el.style.setProperty(prop, value);
        else el.style[prop] = value;
      }
    }
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'text') el.textContent = v;
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
const ICONS = {
  heart: 'M12 20.5s-7.5-4.6-9.3-9.2C1.4 8 3.4 4.5 7 4.5c2 0 3.4 1.1 5 3 1.6-1.9 3-3 5-3 3.6 0 5.6 3.5 4.3 6.8-1.8 4.6-9.3 9.2-9.3 9.2z',
  star: 'M12 3.5l2.6 5.4 5.9.8-4.3 4.1 1 5.8L12 16.9l-5.2 2.7 1-5.8-4.3-4.1 5.9-.8z',
  search: 'M10.5 4a6.5 6.5 0 1 1 0 13 6.5 6.5 0 0 1 0-13zM15.5 15.5L20 20',
  play: 'M8 5.5v13l10.5-6.5z',
  pause: 'M8 5h3v14H8zM13 5h3v14h-3z',
  close: 'M6 6l12 12M18 6L6 18',
  comment: 'M4 5.5h16v10H9l-5 4z',
  next: 'M6 5.5v13l9-6.5zM17 5h2.5v14H17z',
  flame: 'M12 21c-3.9 0-6.5-2.7-6.5-6.2 0-4.3 3.6-6 4.2-10.3 2.7 1.6 4.3 4 4.3 6.3.9-.6 1.4-1.7 1.5-2.8 1.8 1.6 3 3.8 3 6.6 0 3.7-2.6 6.4-6.5 6.4z',
  compass: 'M12 3a9 9 0 1 1 0 18 9 9 0 0 1 0-18zM15.5 8.5l-2 5-5 2 2-5z',
  book: 'M4 5c3-1 5.5-1 8 1 2.5-2 5-2 8-1v13c-3-1-5.5-1-8 1-2.5-2-5-2-8-1zM12 6v13',
  users: 'M9 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7zM2.5 20c.5-3.5 3.2-5.5 6.5-5.5s6 2 6.5 5.5M16 4.5a3.5 3.5 0 0 1 0 6.5M18 14.8c2 .7 3.2 2.5 3.5 5.2',
  spark: 'M12 3l1.8 5.7L19.5 10l-5.7 1.8L12 17.5l-1.8-5.7L4.5 10l5.7-1.3zM18.5 16l.8 2.2 2.2.8-2.2.8-.8 2.2-.8-2.2-2.2-.8 2.2-.8z',
  trend: 'M3.5 17l6-6 4 4 7-7.5M15 7.5h5.5V13',
  eye: 'M2.5 12s3.5-6.5 9.5-6.5 9.5 6.5 9.5 6.5-3.5 6.5-9.5 6.5S2.5 12 2.5 12zM12 9a3 3 0 1 1 0 6 3 3 0 0 1 0-6z',
  ban: 'M12 3a9 9 0 1 1 0 18 9 9 0 0 1 0-18zM5.8 5.8l12.4 12.4',
  signal: 'M4 20v-4M9 20v-8M14 20V8M19 20V4',
  globe: 'M12 3a9 9 0 1 1 0 18 9 9 0 0 1 0-18zM3 12h18M12 3c2.5 2.6 3.7 5.6 3.7 9S14.5 18.4 12 21c-2.5-2.6-3.7-5.6-3.7-9S9.5 5.6 12 3z',
  logout: 'M14 4.5h5.5v15H14M10 8l-4 4 4 4M6 12h10',
  user: 'M12 11.5a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 20.5c.8-4 4-6 8-6s7.2 2 8 6',
};
const FILLED = new Set(['play', 'pause', 'next']);

export function icon(name, { filled = FILLED.has(name), size = 18, label } = {}) {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', String(size));
  svg.setAttribute('height', String(size));
  svg.setAttribute('class', `icon icon-${name}`);
  if (label) {
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', label);
  } else svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(SVG_NS, 'path');
  path.setAttribute('d', ICONS[name] ?? ICONS.spark);
  path.setAttribute('fill', filled ? 'currentColor' : 'none');
  path.setAttribute('stroke', 'currentColor');
  path.setAttribute('stroke-width', filled ? '0' : '1.8');
  path.setAttribute('stroke-linecap', 'round');
  path.setAttribute('stroke-linejoin', 'round');
  svg.append(path);
  return svg;
}

/** A fragment of text nodes and `<mark>` elements: safe to insert, never parsed as HTML. */
export function highlightFragment(segments) {
  const frag = document.createDocumentFragment();
  for (const s of segments) frag.append(s.mark ? h('mark', {}, s.text) : document.createTextNode(s.text));
  return frag;
}

export function formatCount(n) {
  if (!Number.isFinite(n)) return '0';
  if (lang() === 'zh') {
    if (n >= 1e8) return `${trim(n / 1e8)}亿`;
    if (n >= 1e4) return `${trim(n / 1e4)}万`;
    return String(n);
  }
  if (n >= 1e6) return `${trim(n / 1e6)}M`;
  if (n >= 1e3) return `${trim(n / 1e3)}k`;
  return String(n);
}
function trim(x) {
  return x >= 100 ? String(Math.round(x)) : x.toFixed(1).replace(/\.0$/, '');
}

export function formatDuration(sec) {
  const s = Math.max(0, Math.round(sec ?? 0));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export function formatDate(ms) {
  const d = new Date(ms);
  const days = Math.floor((Date.now() - ms) / 86_400_000);
  if (days < 1) return t('today');
  if (days < 7) return t('daysAgo', { n: days });
  return d.toLocaleDateString(lang() === 'zh' ? 'zh-CN' : 'en', { year: 'numeric', month: 'short', day: 'numeric' });
}

const AVATAR_HUES = [350, 20, 40, 150, 190, 220, 270, 310];
export function avatar(user, size = 24) {
  let hash = 0;
  for (const ch of user.id ?? user.handle ?? '') hash = (hash * 31 + ch.codePointAt(0)) >>> 0;
  const initial = Array.from((user.displayName || user.handle || '?').trim())[0] ?? '?';
  return h('span', {
    class: 'avatar',
    'aria-hidden': 'true',
    style: { '--hue': String(AVATAR_HUES[hash % AVATAR_HUES.length]), width: `${size}px`, height: `${size}px`, fontSize: `${Math.round(size * 0.5)}px` },
  }, initial.toUpperCase());
}

/** Short message at the bottom of the screen; `kind` is `info` or `error`. */
export function toast(message, kind = 'info') {
  // An open modal dialog sits in the top layer above the page, so its toasts go inside it.
  const modal = [...document.querySelectorAll('dialog[open]')].pop();
  let box = document.getElementById('toasts');
  if (modal) {
    box = modal.querySelector(':scope > .toasts');
    if (!box) {
      box = h('div', { class: 'toasts', role: 'status', 'aria-live': 'polite' });
      modal.append(box);
    }
  }
  if (!box) return;
  const el = h('div', { class: `toast toast-${kind}`, role: kind === 'error' ? 'alert' : null }, message);
  box.append(el);
  setTimeout(() => el.classList.add('toast-out'), kind === 'error' ? 5000 : 2800);
  setTimeout(() => el.remove(), kind === 'error' ? 5400 : 3200);
}

/** A cover image that falls back to a coloured placeholder showing the title when it cannot load. */
export function coverImage(note, { eager = false, className = 'cover-img' } = {}) {
  const first = note.media?.images?.[0];
  const url = first?.url ?? `/covers/${encodeURIComponent(note.id)}.svg`;
  const w = first?.width ?? 3;
  const hgt = first?.height ?? 4;
  const wrap = h('div', { class: 'cover', style: { aspectRatio: `${w} / ${hgt}` } });
  const img = h('img', { class: className, src: url, alt: '', loading: eager ? 'eager' : 'lazy', decoding: 'async', width: w, height: hgt });
  img.addEventListener('error', () => {
    wrap.classList.add('cover-fallback');
    img.remove();
    wrap.prepend(h('span', { class: 'cover-fallback-text' }, note.title));
  }, { once: true });
  wrap.append(img);
  return wrap;
}

export function debounce(fn, ms) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

/** The API's error message, its code, and a retry button. */
export function errorBox(err, retry) {
  return h('div', { class: 'error-box', role: 'alert' },
    icon('ban', { size: 18 }),
    h('div', {}, h('strong', {}, err.message), err.code ? h('code', { class: 'error-code' }, err.code) : null),
    retry ? h('button', { type: 'button', class: 'ghost-btn', onclick: retry }, t('retry')) : null);
}
