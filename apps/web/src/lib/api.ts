import { createClient, type NotewaveClient } from '@notewave/api-client/client.ts';
import type { PrivateUser, Session } from '@notewave/api-client';
import { Store } from './store.ts';

const TOKEN_KEY = 'notewave.session';

interface StoredSession {
  token: string;
  user: PrivateUser;
}

function readStored(): StoredSession | null {
  try {
    const raw = localStorage.getItem(TOKEN_KEY);
    return raw ? (JSON.parse(raw) as StoredSession) : null;
  } catch {
    return null;
  }
}

/** The signed-in user, or null for a guest; persisted so a reload keeps the session. */
export const session = new Store<StoredSession | null>(readStored());

/** The one client every page uses: same origin, bearer token from the stored session. */
export const api: NotewaveClient = createClient({ baseUrl: location.origin, token: session.get()?.token });

export function signedIn(s: Session): void {
  api.setToken(s.token);
  const stored = { token: s.token, user: s.user };
  localStorage.setItem(TOKEN_KEY, JSON.stringify(stored));
  session.set(stored);
}

export function updateUser(user: PrivateUser): void {
  const cur = session.get();
  if (!cur) return;
  const stored = { token: cur.token, user };
  localStorage.setItem(TOKEN_KEY, JSON.stringify(stored));
  session.set(stored);
}

export function signedOut(): void {
  api.setToken(undefined);
  localStorage.removeItem(TOKEN_KEY);
  session.set(null);
}
