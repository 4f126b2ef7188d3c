import type { Taxonomy } from '@notewave/api-client';
import { api } from './api.ts';
import type { Lang } from './i18n.ts';
import { Store } from './store.ts';

/** Category and sub-category names by id, in both languages, loaded once from /api/taxonomy. */
export const taxonomy = new Store<Taxonomy | null>(null);

let loading: Promise<void> | null = null;
export function loadTaxonomy(): Promise<void> {
  loading ??= api.taxonomy().then(
    (t) => taxonomy.set(t),
    () => {
      loading = null;
    },
  );
  return loading;
}

export function categoryName(t: Taxonomy | null, id: string, l: Lang): string {
  if (!t) return id;
  for (const c of t.categories) {
    if (c.id === id) return c[l];
    for (const s of c.children) if (s.id === id) return s[l];
  }
  return id;
}
