import { session } from './api.ts';

// Notes do not say whether the viewer liked or saved them, so the app remembers its own actions per user.
function key(kind: 'liked' | 'saved'): string | null {
  const s = session.get();
  return s ? `notewave.${kind}.${s.user.id}` : null;
}

function read(kind: 'liked' | 'saved'): Set<string> {
  const k = key(kind);
  if (!k) return new Set();
  try {
    return new Set(JSON.parse(localStorage.getItem(k) ?? '[]') as string[]);
  } catch {
    return new Set();
  }
}

export function remembered(kind: 'liked' | 'saved', noteId: string): boolean {
  return read(kind).has(noteId);
}

export function remember(kind: 'liked' | 'saved', noteId: string, on: boolean): void {
  const k = key(kind);
  if (!k) return;
  const set = read(kind);
  if (on) set.add(noteId);
  else set.delete(noteId);
  // Bounded so a long-lived profile does not grow local storage without limit.
  localStorage.setItem(k, JSON.stringify([...set].slice(-2000)));
}
