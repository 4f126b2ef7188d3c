// The app shell: tabs kept in the URL hash, the account menu, the sign-in dialog, and the event loop.
// The hash also accepts `token=` (a session token from POST /api/auth/login) to start signed in.
import { api, onSessionChange, session, setSession } from './api.js';
import { clear, h, icon, toast } from './dom.js';
import { onSignals, signals, startEventLoop, flush } from './events.js';
import { lang, setLang, t } from './i18n.js';
import { setSignInPrompt } from './state.js';
import { mountDiscover } from './discover.js';
import { mountVideo } from './video.js';
import { mountSearch } from './search.js';
import { closeNote, openNote } from './detail.js';

const TABS = ['discover', 'video', 'search'];
const TAB_ICONS = { discover: 'compass', video: 'play', search: 'search' };
const DEMO = { handle: 'demo', password: 'notewave-demo' };
const DEFAULT_STRATEGY = { discover: 'funnel', video: 'viral' };

const main = document.getElementById('main');
const tabsEl = document.getElementById('tabs');
const accountEl = document.getElementById('account');
let unmount = () => {};
let current = null;

function readHash() {
  return new URLSearchParams(location.hash.replace(/^#/, ''));
}
function writeHash(params, push = false) {
  const s = params.toString();
  const url = `${location.pathname}${location.search}${s ? `#${s}` : ''}`;
  if (push) history.pushState(null, '', url);
  else history.replaceState(null, '', url);
}

function strategyFor(surface) {
  try {
    const s = localStorage.getItem(`notewave.strategy.${surface}`);
    if (s === 'funnel' || s === 'viral' || (s === 'compare' && surface === 'discover')) return s;
  } catch { /* ignore */ }
  return DEFAULT_STRATEGY[surface];
}
function rememberStrategy(surface, s) {
  try { localStorage.setItem(`notewave.strategy.${surface}`, s); } catch { /* ignore */ }
}

/** A token in the hash signs in (used for links and automated screenshots), then leaves the URL. */
async function adoptHashToken() {
  const params = readHash();
  const token = params.get('token');
  if (!token) return;
  params.delete('token');
  writeHash(params);
  setSession(token, null);
  try {
    const me = await api.me();
    setSession(token, me);
  } catch (err) {
    toast(err.message, 'error');
  }
}

function renderTabs(active) {
  clear(tabsEl);
  for (const tab of TABS) {
    const a = h('a', {
      href: `#tab=${tab}`, role: 'tab', class: 'tab', id: `tab-${tab}`,
      'aria-selected': String(tab === active), 'aria-controls': 'main', tabindex: tab === active ? '0' : '-1',
    }, icon(TAB_ICONS[tab], { size: 18 }), h('span', {}, t(tab)));
    tabsEl.append(a);
  }
}
tabsEl.addEventListener('keydown', (e) => {
  if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
  const i = TABS.indexOf(current);
  const next = TABS[(i + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length];
  e.preventDefault();
  go(next);
  document.getElementById(`tab-${next}`)?.focus();
});

function go(tab, extra = {}) {
  const params = new URLSearchParams({ tab, ...extra });
  writeHash(params, true);
  route();
}

let lastKey = '';
function keyOf(params) {
  return [params.get('tab') ?? '', params.get('q') ?? '', params.get('kind') ?? ''].join('|');
}

function route(force = false) {
  const params = readHash();
  const tab = TABS.includes(params.get('tab')) ? params.get('tab') : 'discover';
  const q = params.get('q') ?? '';
  const key = keyOf(params);
  if (!force && key === lastKey) return;
  lastKey = key;
  closeNote();
  unmount();
  current = tab;
  renderTabs(tab);
  renderAccount();
  const view = h('section', { class: `view view-${tab}`, role: 'tabpanel', 'aria-labelledby': `tab-${tab}` });
  main.replaceChildren(...[guestBanner(), view].filter(Boolean));
  const onSearchTag = (tag) => go('search', { q: tag });
  if (tab === 'discover') {
    unmount = mountDiscover(view, { strategy: strategyFor('discover'), onStrategy: (s) => rememberStrategy('discover', s), onSearchTag });
  } else if (tab === 'video') {
    unmount = mountVideo(view, { strategy: strategyFor('video'), onStrategy: (s) => rememberStrategy('video', s), onSearchTag });
  } else {
    unmount = mountSearch(view, {
      query: q,
      kind: params.get('kind') ?? '',
      onQuery: (nq, kind) => {
        const p = new URLSearchParams({ tab: 'search' });
        if (nq) p.set('q', nq);
        if (kind) p.set('kind', kind);
        // A new query is a new history entry, so Back returns to the previous results.
        writeHash(p, keyOf(p) !== lastKey && nq !== '');
        lastKey = keyOf(p);
      },
    });
  }
  document.title = `${t(tab)} · Notewave`;
  const noteId = params.get('note');
  if (noteId) void openLinkedNote(noteId, tab, onSearchTag);
}

/** `#note=<id>` opens that note over the current tab, so a note can be linked to directly. */
async function openLinkedNote(id, tab, onSearchTag) {
  const dropParam = () => {
    const p = readHash();
    p.delete('note');
    writeHash(p);
  };
  try {
    const note = await api.note(id);
    openNote(note, { surface: tab, onSearchTag, onClose: dropParam });
  } catch (err) {
    dropParam();
    toast(err.message, 'error');
  }
}

function guestBanner() {
  if (session()) return null;
  const b = h('button', { type: 'button', class: 'link-btn' }, t('signIn'));
  b.addEventListener('click', () => openSignIn());
  return h('div', { class: 'banner' }, icon('user', { size: 16 }), h('span', {}, t('anonymous')), b);
}

function renderAccount() {
  const s = session();
  const langBtn = h('button', { type: 'button', class: 'ghost-btn lang-btn', 'aria-label': t('languageLabel') }, icon('globe', { size: 16 }), t('language'));
  langBtn.addEventListener('click', () => {
    setLang(lang() === 'zh' ? 'en' : 'zh');
    document.querySelector('.skip-link').textContent = t('skip');
    route(true);
  });
  const signalsBtn = signalsButton();
  const docs = h('a', { class: 'ghost-btn docs-link', href: '/docs', title: t('apiDocs') }, 'API');
  if (!s) {
    const signIn = h('button', { type: 'button', class: 'primary-btn' }, t('signIn'));
    signIn.addEventListener('click', () => openSignIn());
    accountEl.replaceChildren(docs, langBtn, signIn);
    return;
  }
  const name = s.user?.displayName ?? s.user?.handle ?? '…';
  const out = h('button', { type: 'button', class: 'icon-btn', 'aria-label': t('signOut'), title: t('signOut') }, icon('logout', { size: 18 }));
  out.addEventListener('click', async () => {
    await flush();
    signingOut = true;
    await api.logout();
    signingOut = false;
    toast(t('signedOut'));
  });
  accountEl.replaceChildren(docs, signalsBtn, langBtn,
    h('span', { class: 'me', title: t('signedInAs', { name }) }, h('span', { class: 'me-name' }, name)), out);
}

// Signals: a small live view of the behaviour events this page sends.
let signalsPanel = null;
function signalsButton() {
  const count = h('span', { class: 'signals-count' }, String(signals().sent + signals().pending));
  const btn = h('button', { type: 'button', class: 'ghost-btn signals-btn', 'aria-label': t('signalsTitle'), 'aria-expanded': 'false', title: t('signalsTitle') },
    icon('signal', { size: 16 }), h('span', { class: 'signals-label' }, t('signals')), count);
  btn.addEventListener('click', () => {
    const open = !signalsPanel?.isConnected;
    btn.setAttribute('aria-expanded', String(open));
    if (!open) {
      signalsPanel.remove();
      return;
    }
    signalsPanel = h('aside', { class: 'signals-panel', 'aria-label': t('signalsTitle') });
    document.body.append(signalsPanel);
    paintSignals();
  });
  return btn;
}
document.addEventListener('keydown', (e) => {
  if (e.key !== 'Escape' || !signalsPanel?.isConnected || document.querySelector('dialog[open]')) return;
  signalsPanel.remove();
  const btn = document.querySelector('.signals-btn');
  btn?.setAttribute('aria-expanded', 'false');
  btn?.focus();
});

function paintSignals() {
  const s = signals();
  for (const c of document.querySelectorAll('.signals-count')) c.textContent = String(s.sent + s.pending);
  if (!signalsPanel?.isConnected) return;
  const rows = s.log.map((e) => h('li', { class: `signal signal-${e.state}` },
    h('code', { class: 'signal-type' }, e.type),
    h('span', { class: 'signal-detail' }, describe(e)),
    h('span', { class: 'signal-state' }, e.state)));
  signalsPanel.replaceChildren(
    h('h2', {}, t('signalsTitle')),
    h('p', { class: 'muted' }, t('signalsSent', { n: s.sent })),
    rows.length ? h('ol', { class: 'signal-list' }, rows) : h('p', { class: 'muted' }, t('signalsNone')));
}
function describe(e) {
  const parts = [];
  if (e.surface) parts.push(e.surface);
  if (e.position !== undefined) parts.push(`#${e.position}`);
  if (e.portion !== undefined) parts.push(`${Math.round(e.portion * 100)}%`);
  if (e.ms !== undefined) parts.push(`${(e.ms / 1000).toFixed(1)}s`);
  if (e.query) parts.push(`“${e.query}”`);
  if (e.targetKind) parts.push(`${e.targetKind}: ${e.target}`);
  return parts.join(' · ');
}
onSignals(() => paintSignals());

// Sign-in dialog
let signInDialog = null;
function openSignIn() {
  signInDialog?.remove();
  const handle = h('input', { id: 'login-handle', name: 'handle', autocomplete: 'username', required: true, value: DEMO.handle, maxlength: '30', autocapitalize: 'none', spellcheck: 'false' });
  const password = h('input', { id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true, maxlength: '200' });
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const submit = h('button', { type: 'submit', class: 'primary-btn wide' }, t('signIn'));
  const useDemo = h('button', { type: 'button', class: 'link-btn' }, t('useDemo'));
  useDemo.addEventListener('click', () => {
    handle.value = DEMO.handle;
    password.value = DEMO.password;
    submit.focus();
  });
  const cancel = h('button', { type: 'button', class: 'ghost-btn wide' }, t('cancel'));
  const form = h('form', { class: 'signin-form', method: 'dialog' },
    h('h2', { id: 'signin-title' }, t('signInTitle')),
    h('p', { class: 'muted' }, t('signInWhy')),
    h('label', { for: 'login-handle' }, t('handle')), handle,
    h('label', { for: 'login-password' }, t('password')), password,
    error,
    h('p', { class: 'demo-hint' }, icon('spark', { size: 14 }), t('demoHint', DEMO), ' ', useDemo),
    h('div', { class: 'form-buttons' }, cancel, submit));
  signInDialog = h('dialog', { class: 'modal', 'aria-labelledby': 'signin-title' }, form);
  cancel.addEventListener('click', () => signInDialog.close());
  signInDialog.addEventListener('click', (e) => {
    if (e.target === signInDialog) signInDialog.close();
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.hidden = true;
    submit.disabled = true;
    submit.textContent = t('signingIn');
    try {
      const user = await api.login(handle.value.trim(), password.value);
      signInDialog.close();
      toast(t('signedInAs', { name: user.displayName }));
    } catch (err) {
      error.replaceChildren(err.message, err.code ? h('code', { class: 'error-code' }, err.code) : '');
      error.hidden = false;
      password.select();
    } finally {
      submit.disabled = false;
      submit.textContent = t('signIn');
    }
  });
  document.body.append(signInDialog);
  signInDialog.showModal();
  (handle.value ? password : handle).focus();
}
setSignInPrompt(openSignIn);

let lastUser = session()?.user?.id ?? null;
let signingOut = false;
onSessionChange((user) => {
  const id = user?.id ?? null;
  if (id === lastUser && session()) return renderAccount();
  if (!session() && lastUser && !signingOut) toast(t('sessionExpired'), 'error');
  lastUser = id;
  // Signing in or out re-renders: the feed becomes personal (or anonymous) from its first page.
  route(true);
});

window.addEventListener('hashchange', () => {
  if (readHash().get('token')) void adoptHashToken();
  else route();
});
window.addEventListener('popstate', () => route());

async function start() {
  setLang(lang());
  document.querySelector('.skip-link').textContent = t('skip');
  startEventLoop();
  await adoptHashToken();
  if (session() && !session().user) {
    try { setSession(session().token, await api.me()); } catch { /* a 401 already signed out */ }
  }
  route();
}
void start();
