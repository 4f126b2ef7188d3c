import type { Taxonomy } from '@notewave/api-client';
import { api } from './api.ts';
import { Store } from './store.ts';

export { categoryName } from './category-name.ts';

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
