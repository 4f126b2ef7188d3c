import { Store } from './store.ts';

export interface Toast {
  id: number;
  text: string;
}

export const toasts = new Store<Toast[]>([]);
let next = 1;

/** Shows a short status message (announced to screen readers) for a few seconds. */
export function toast(text: string): void {
  const t = { id: next++, text };
  toasts.set([...toasts.get(), t]);
  setTimeout(() => toasts.set(toasts.get().filter((x) => x !== t)), 3500);
}
