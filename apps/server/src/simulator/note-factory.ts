import type { Note, SeededRng } from '@notewave/engine';
import { composeNote } from '@notewave/demo/compose.ts';
import { CONTENT, LEAVES } from '@notewave/demo/content/index.ts';
import { coverUrl, IMAGE_SIZE, VIDEO_SIZE } from '@notewave/demo';
import { topIndexOfLeaf } from './population.ts';
import type { ItemFeatures } from './user-model.ts';

/** A simulated note's hidden features beside the stored note. */
export interface SimNote extends ItemFeatures {
  authorIx: number;
}

/**
 * Writes a note in a leaf category with the demo's bilingual templates: the same writing material the demo community
 * is made of, so search, tags and topic narrowing behave as they do on the demo.
 */
export function makeNote(
  rng: SeededRng,
  id: string,
  author: { id: string; ix: number },
  leaf: number,
  video: boolean,
  language: string,
  quality: number,
  createdAt: number,
): { note: Note; sim: SimNote } {
  const content = CONTENT[leaf]!;
  const text = composeNote(rng, leaf, rng.int(content.topics.length), language === 'zh' ? 'zh' : 'en');
  const note: Note = {
    id,
    authorId: author.id,
    kind: video ? 'video' : 'image',
    title: text.title,
    body: text.body,
    tags: text.tags,
    category: LEAVES[leaf]!,
    language: language === 'zh' ? 'zh' : 'en',
    media: video
      ? { images: [{ url: coverUrl(id), ...VIDEO_SIZE }], durationSec: 8 + rng.int(50) }
      : { images: [{ url: coverUrl(id), ...IMAGE_SIZE }] },
    createdAt,
    editedAt: null,
    deleted: false,
  };
  return { note, sim: { top: topIndexOfLeaf(leaf), kind: note.kind, language: note.language, tags: note.tags, quality, authorIx: author.ix } };
}

/** A search a user would type for a leaf category, in their language. */
export function queryFor(rng: SeededRng, leaf: number, language: string): string {
  const c = CONTENT[leaf]!;
  const qs = language === 'zh' ? c.zhQueries : c.enQueries;
  return qs[rng.int(qs.length)]!;
}
