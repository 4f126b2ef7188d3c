// What the viewer has liked and saved, kept per user in localStorage (feed items do not carry it),
// and the toggles that call the API and tell every card showing the note.
import { api, session } from './api.js';
import { t } from './i18n.js';
import { toast } from './dom.js';

let promptSignIn = () => {};
/** The app shell registers how to ask for a sign-in. */
export function setSignInPrompt(fn) {
  promptSignIn = fn;
}
export function requireSignIn() {
  if (session()) return true;
  toast(t('needSignIn'));
  promptSignIn();
  return false;
}

function key(kind) {
  return `notewave.${kind}.${session()?.user?.id ?? 'guest'}`;
}
function load(kind) {
  try { return new Set(JSON.parse(localStorage.getItem(key(kind)) ?? '[]')); } catch { return new Set(); }
}
function store(kind, set) {
  // Only the most recent few hundred are kept: enough for a demo session, small for storage.
  try { localStorage.setItem(key(kind), JSON.stringify([...set].slice(-500))); } catch { /* ignore */ }
}

export function isLiked(id) {
  return load('liked').has(id);
}
export function isSaved(id) {
  return load('saved').has(id);
}

/** Announces a changed note; cards and the drawer listen for `nw:note`. */
function announce(note) {
  document.dispatchEvent(new CustomEvent('nw:note', { detail: note }));
}

async function toggle(kind, note, call, countField) {
  if (!requireSignIn()) return;
  const set = load(kind);
  const on = !set.has(note.id);
  try {
    const r = await call(note.id, on);
    const active = kind === 'liked' ? r.liked : r.saved;
    if (active) set.add(note.id); else set.delete(note.id);
    store(kind, set);
    note.stats[countField] = kind === 'liked' ? r.likes : r.saves;
    announce(note);
  } catch (err) {
    toast(err.message, 'error');
  }
}

export const toggleLike = (note) => toggle('liked', note, api.like, 'likes');
export const toggleSave = (note) => toggle('saved', note, api.save, 'saves');

/** Notes, authors and tags the viewer said they are not interested in, hidden for the rest of the page's life. */
const hidden = { note: new Set(), author: new Set(), tag: new Set() };
export function hide(kind, target) {
  hidden[kind].add(target);
  document.dispatchEvent(new CustomEvent('nw:hidden', { detail: { kind, target } }));
}
export function isHidden(note) {
  return hidden.note.has(note.id) || hidden.author.has(note.author.id) || note.tags.some((tag) => hidden.tag.has(tag));
}
