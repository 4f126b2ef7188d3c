// The HTTP API as the page uses it: bearer token in localStorage, errors from `{error:{code,message}}` bodies.
import { t } from './i18n.js';

const TOKEN_KEY = 'notewave.token';
const USER_KEY = 'notewave.user';

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

const listeners = new Set();
/** Called with `(user|null)` whenever the session changes, including when the server drops it. */
export function onSessionChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

function read(key) {
  try { return localStorage.getItem(key); } catch { return null; }
}
function write(key, value) {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch { /* storage may be blocked: the session then lasts for this page only */ }
}

let token = read(TOKEN_KEY);
let user = parseUser(read(USER_KEY));
function parseUser(s) {
  try { return s ? JSON.parse(s) : null; } catch { return null; }
}

export function session() {
  return token ? { token, user } : null;
}

export function setSession(newToken, newUser) {
  token = newToken;
  user = newUser;
  write(TOKEN_KEY, token);
  write(USER_KEY, user ? JSON.stringify(user) : null);
  for (const fn of listeners) fn(user);
}

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params ?? {})) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Calls the API; resolves with the parsed JSON (or null for 204) and rejects with an ApiError. */
export async function request(method, path, { params, body, keepalive = false, signal } = {}) {
  const headers = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res;
  try {
    res = await fetch(path + query(params), {
      method, headers, keepalive, signal,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    if (err?.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', t('errorNetwork'));
  }
  if (res.status === 204) return null;
  const text = await res.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
  if (!res.ok) {
    const code = json?.error?.code ?? `http_${res.status}`;
    const message = json?.error?.message ?? t('errorGeneric', { code: res.status });
    if (res.status === 401 && token && path !== '/api/auth/login') setSession(null, null);
    throw new ApiError(res.status, code, message);
  }
  return json;
}

export const api = {
  async login(handle, password) {
    const s = await request('POST', '/api/auth/login', { body: { handle, password } });
    setSession(s.token, s.user);
    return s.user;
  },
  async logout() {
    try { await request('POST', '/api/auth/logout'); } catch { /* the local session ends either way */ }
    setSession(null, null);
  },
  me: () => request('GET', '/api/me'),
  feed: (surface, strategy, sessionId, limit = 20) => request('GET', '/api/feed', { params: { surface, strategy, sessionId, limit } }),
  search: (q, opts = {}) => request('GET', '/api/search', { params: { q, ...opts } }),
  suggest: (q, opts = {}) => request('GET', '/api/search/suggest', { params: { q, limit: 8 }, ...opts }),
  note: (id) => request('GET', `/api/notes/${encodeURIComponent(id)}`),
  comments: (id, after) => request('GET', `/api/notes/${encodeURIComponent(id)}/comments`, { params: { after, limit: 50 } }),
  comment: (id, body) => request('POST', `/api/notes/${encodeURIComponent(id)}/comments`, { body: { body } }),
  like: (id, on) => request(on ? 'POST' : 'DELETE', `/api/notes/${encodeURIComponent(id)}/like`),
  save: (id, on) => on
    ? request('POST', `/api/notes/${encodeURIComponent(id)}/save`, { body: {} })
    : request('DELETE', `/api/notes/${encodeURIComponent(id)}/save`),
  events: (events, keepalive = false) => request('POST', '/api/events', { body: { events }, keepalive }),
};
