// Search: a box with live suggestions (an ARIA combobox) and highlighted results. Searching is the
// strongest signal of the funnel model, so every search and every click on a hit is reported.
import { api } from './api.js';
import { avatar, clear, coverImage, debounce, errorBox, formatDuration, h, highlightFragment, icon } from './dom.js';
import { highlightSegments, snippetSegments } from './highlight.js';
import { observeImpression, track } from './events.js';
import { t } from './i18n.js';
import { openNote } from './detail.js';
import { likeButton } from './card.js';

const SURFACE = 'search';
const PAGE = 20;
const TRY = ['DeepSeek', '咖啡', '护肤', '探店', 'coffee', '穿搭', '健身', 'AI'];

export function mountSearch(root, { query = '', kind = '', onQuery }) {
  let suggestAbort = null;
  let activeIndex = -1;
  let suggestions = [];
  let run = null;

  const input = h('input', {
    type: 'search', id: 'search-input', name: 'q', class: 'search-input', value: query,
    placeholder: t('searchPlaceholder'), autocomplete: 'off', spellcheck: 'false', enterkeyhint: 'search',
    role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': 'search-suggestions',
  });
  const listbox = h('ul', { id: 'search-suggestions', class: 'suggestions', role: 'listbox', 'aria-label': t('suggestions'), hidden: true });
  const form = h('form', { class: 'search-form', role: 'search' },
    h('label', { for: 'search-input', class: 'visually-hidden' }, t('searchLabel')),
    h('div', { class: 'search-field' },
      h('span', { class: 'search-icon', 'aria-hidden': 'true' }, icon('search', { size: 20 })),
      input,
      listbox),
    h('button', { type: 'submit', class: 'primary-btn' }, t('searchButton')));

  const kinds = [['', t('all')], ['image', t('images')], ['video', t('videos')]];
  const kindGroup = h('div', { class: 'segmented small', role: 'radiogroup', 'aria-label': t('kindLabel') });
  for (const [value, label] of kinds) {
    const b = h('button', { type: 'button', role: 'radio', class: 'segment', 'aria-checked': String(value === kind), dataset: { kind: value } }, label);
    b.addEventListener('click', () => {
      kind = value;
      for (const x of kindGroup.children) x.setAttribute('aria-checked', String(x.dataset.kind === kind));
      if (input.value.trim()) submit(input.value);
    });
    kindGroup.append(b);
  }

  const summary = h('p', { class: 'search-summary', 'aria-live': 'polite' });
  const results = h('ol', { class: 'results' });
  const status = h('div', { class: 'feed-status' });
  const sentinel = h('div', { class: 'sentinel', 'aria-hidden': 'true' });
  const tryBox = h('div', { class: 'try' }, h('h2', { class: 'try-title' }, t('tryThese')),
    h('div', { class: 'chip-row' }, TRY.map((q) => h('button', { type: 'button', class: 'tag', onclick: () => submit(q) }, q))));

  root.append(h('div', { class: 'toolbar search-toolbar' }, h('h1', { class: 'view-title visually-hidden' }, t('search')), form, kindGroup), summary, tryBox, results, status, sentinel);

  // Suggestions
  const fetchSuggestions = debounce(async (q) => {
    suggestAbort?.abort();
    if (!q) return closeSuggestions();
    suggestAbort = new AbortController();
    try {
      const r = await api.suggest(q, { signal: suggestAbort.signal });
      if (input.value.trim() !== q || document.activeElement !== input) return;
      showSuggestions(q, r.suggestions);
    } catch (err) {
      if (err?.name !== 'AbortError') closeSuggestions();
    }
  }, 150);

  function showSuggestions(q, list) {
    suggestions = list;
    activeIndex = -1;
    input.removeAttribute('aria-activedescendant');
    clear(listbox);
    if (list.length === 0) return closeSuggestions();
    list.forEach((s, i) => {
      const li = h('li', { id: `suggestion-${i}`, role: 'option', class: 'suggestion', 'aria-selected': 'false' },
        icon(s.kind === 'tag' ? 'flame' : s.kind === 'query' ? 'search' : 'book', { size: 14 }),
        prefixBold(s.text, q),
        h('span', { class: 'suggestion-kind' }, t(s.kind === 'tag' ? 'kindTag' : s.kind === 'query' ? 'kindQuery' : 'kindTitle')));
      // mousedown, not click: it runs before the input loses focus.
      li.addEventListener('mousedown', (e) => {
        e.preventDefault();
        pick(i);
      });
      listbox.append(li);
    });
    listbox.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  }

  function closeSuggestions() {
    listbox.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    activeIndex = -1;
  }

  function setActive(i) {
    const items = [...listbox.children];
    activeIndex = (i + items.length) % items.length;
    items.forEach((li, j) => li.setAttribute('aria-selected', String(j === activeIndex)));
    input.setAttribute('aria-activedescendant', items[activeIndex].id);
    items[activeIndex].scrollIntoView({ block: 'nearest' });
  }

  function pick(i) {
    const s = suggestions[i];
    if (!s) return;
    input.value = s.text;
    closeSuggestions();
    submit(s.text);
  }

  input.addEventListener('input', () => fetchSuggestions(input.value.trim()));
  input.addEventListener('focus', () => {
    if (input.value.trim()) fetchSuggestions(input.value.trim());
  });
  input.addEventListener('blur', () => setTimeout(closeSuggestions, 100));
  input.addEventListener('keydown', (e) => {
    const open = !listbox.hidden && listbox.children.length > 0;
    if (e.key === 'ArrowDown' && open) {
      e.preventDefault();
      setActive(activeIndex + 1);
    } else if (e.key === 'ArrowUp' && open) {
      e.preventDefault();
      setActive(activeIndex - 1);
    } else if (e.key === 'Enter' && open && activeIndex >= 0) {
      e.preventDefault();
      pick(activeIndex);
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      closeSuggestions();
    }
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    submit(input.value);
  });

  // Results
  function submit(raw) {
    const q = raw.trim().slice(0, 200);
    closeSuggestions();
    suggestAbort?.abort();
    input.value = q;
    onQuery?.(q, kind);
    clear(results);
    clear(status);
    summary.textContent = '';
    tryBox.hidden = q.length > 0;
    run = q ? { q, kind, offset: 0, total: Infinity, searchId: null, busy: false } : null;
    if (run) void loadPage(run);
  }

  async function loadPage(r) {
    if (r.busy || r.offset >= r.total) return;
    r.busy = true;
    status.replaceChildren(h('span', { class: 'spinner', 'aria-hidden': 'true' }), t('loading'));
    try {
      const res = await api.search(r.q, { kind: r.kind || undefined, offset: r.offset, limit: PAGE });
      if (run !== r) return;
      const first = r.offset === 0;
      r.total = res.total;
      r.searchId = r.searchId ?? res.searchId;
      if (first) {
        // The server logs the search itself (the strongest interest signal), so it is not sent again here.
        summary.textContent = res.total ? t('results', { n: res.total, q: r.q }) : '';
      }
      res.hits.forEach((hit, i) => {
        const position = r.offset + i;
        const row = resultRow(hit, position, r, res.searchId);
        results.append(row);
        observeImpression(row, { noteId: hit.note.id, position, surface: SURFACE });
      });
      r.offset += res.hits.length;
      if (res.hits.length === 0) r.total = r.offset;
      status.replaceChildren(res.total === 0 ? h('p', { class: 'empty' }, t('noResults', { q: r.q })) : '');
    } catch (err) {
      if (run === r) status.replaceChildren(errorBox(err, () => void loadPage(r)));
    } finally {
      r.busy = false;
    }
  }

  function resultRow(hit, position, r, searchId) {
    const { note } = hit;
    const title = h('h3', { class: 'result-title' }, highlightFragment(hit.highlights.title ? highlightSegments(hit.highlights.title) : [{ text: note.title, mark: false }]));
    const body = h('p', { class: 'result-snippet' }, highlightFragment(snippetSegments(flatten(highlightSegments(hit.highlights.body || '')), 120)));
    const thumb = coverImage(note);
    if (note.kind === 'video') thumb.append(h('span', { class: 'badge badge-video' }, icon('play', { size: 10 }), formatDuration(note.media?.durationSec)));
    const open = h('button', { type: 'button', class: 'card-open', 'aria-label': `${t('openNote')}: ${note.title}` });
    const row = h('li', { class: 'result' },
      h('div', { class: 'result-thumb' }, thumb),
      h('div', { class: 'result-text' },
        title, body,
        h('div', { class: 'card-meta' },
          h('span', { class: 'author' }, avatar(note.author, 20), h('span', { class: 'author-name' }, note.author.displayName)),
          h('span', { class: 'muted result-tags' }, note.tags.slice(0, 3).map((x) => `#${x}`).join(' ')),
          likeButton(note, { compact: true }))),
      open);
    open.addEventListener('click', () => {
      track('search_click', { noteId: note.id, query: r.q, searchId, position, surface: SURFACE });
      openNote(note, {
        surface: SURFACE, position,
        onSearchTag: (tag) => submit(tag),
        onClose: () => open.focus({ preventScroll: true }),
      });
    });
    return row;
  }

  const io = new IntersectionObserver((entries) => {
    if (run && entries.some((e) => e.isIntersecting)) void loadPage(run);
  }, { rootMargin: '600px 0px' });
  io.observe(sentinel);

  if (query) submit(query);
  else input.focus();
  return () => {
    io.disconnect();
    suggestAbort?.abort();
  };
}

/** The suggestion with the typed prefix in normal weight and the completion in bold. */
function prefixBold(text, q) {
  const span = h('span', { class: 'suggestion-text' });
  if (text.toLowerCase().startsWith(q.toLowerCase())) span.append(text.slice(0, q.length), h('b', {}, text.slice(q.length)));
  else span.append(text);
  return span;
}

/** Line breaks and runs of spaces become single spaces, so a snippet reads as one paragraph. */
function flatten(segments) {
  return segments.map((seg) => ({ ...seg, text: seg.text.replace(/\s+/g, ' ') }));
}
