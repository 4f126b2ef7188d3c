import { leafCategoryIds } from '@notewave/engine';
import type { LeafContent } from './catalog.ts';
import { ENTERTAINMENT_CONTENT } from './entertainment.ts';
import { KNOWLEDGE_CONTENT } from './knowledge.ts';
import { LIFESTYLE_CONTENT } from './lifestyle.ts';

export { SHARED_SLOTS, split, type LeafContent, type Topic } from './catalog.ts';

/** Leaf category ids in taxonomy order; plans store a leaf as its index here. */
export const LEAVES: readonly string[] = leafCategoryIds();

const BY_LEAF = new Map<string, LeafContent>(
  [...LIFESTYLE_CONTENT, ...ENTERTAINMENT_CONTENT, ...KNOWLEDGE_CONTENT].map((c) => [c.leaf, c]),
);

/** Writing material per leaf, in the same order as LEAVES. A taxonomy leaf without material is a bug, caught at load. */
export const CONTENT: readonly LeafContent[] = LEAVES.map((id) => {
  const c = BY_LEAF.get(id);
  if (!c) throw new Error(`demo content is missing for category ${id}`);
  return c;
});

/** Position of a leaf category id in LEAVES. */
export function leafIndex(id: string): number {
  const i = LEAVES.indexOf(id);
  if (i < 0) throw new Error(`unknown leaf category ${id}`);
  return i;
}
