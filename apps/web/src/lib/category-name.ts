import type { Taxonomy } from '@notewave/api-client';
import type { Lang } from './i18n.ts';

/** A category or sub-category id (`travel/itineraries`) by its name in `l`; the id itself when unknown. */
export function categoryName(t: Taxonomy | null, id: string, l: Lang): string {
  if (!t) return id;
  for (const c of t.categories) {
    if (c.id === id) return c[l];
    for (const s of c.children) if (s.id === id) return s[l];
  }
  return id;
}
