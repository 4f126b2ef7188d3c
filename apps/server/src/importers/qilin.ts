import { join } from 'node:path';
import { collectTags, guessLanguage, NOTE_LIMITS, type Note } from '@notewave/engine';
import { guessCategory, withinTops } from './category-keywords.ts';
import { readCsvRecords, parseCsvRecords } from './csv.ts';
import { IMPORT_DEFAULTS, synthAuthor, synthCreatedAt, type ImportOptions } from './synth.ts';

/** The labelled Qilin subset (see SOURCE.md in the data folder): 798 Xiaohongshu image notes. */
export const QILIN_NOTES_FILE = 'notes_798_labeled.csv';

/**
 * The subset's three coarse labels narrow the keyword mapping to the matching taxonomy branches;
 * the fallback leaf is used when no keyword of those branches occurs in the note.
 */
const LABEL_SCOPE: Record<string, { tops: string[]; fallback: string }> = {
  fashion_beauty: { tops: ['beauty', 'fashion'], fallback: 'fashion/outfits' },
  food_travel: { tops: ['food', 'travel'], fallback: 'food/restaurants' },
  knowledge_tutorial: { tops: ['home', 'fitness', 'life-hacks', 'pets', 'tech', 'study', 'beauty', 'fashion', 'food', 'travel'], fallback: 'study/career' },
};

/** A Qilin note plus the dataset's own coarse label (kept for evaluation). */
export interface QilinNote extends Note {
  label: string;
}

/** Maps one CSV record to a note, or null when it has no usable text. */
export function qilinRecordToNote(r: Record<string, string>, opts: ImportOptions = {}): QilinNote | null {
  const idx = (r.note_idx ?? '').trim();
  if (!/^\d+$/.test(idx)) return null;
  const body = (r.content ?? '').slice(0, NOTE_LIMITS.bodyMax);
  const title = ((r.title ?? '').trim() || body.trim().split('\n')[0]?.slice(0, 30) || '').slice(0, NOTE_LIMITS.titleMax);
  if (!title && !body.trim()) return null;
  const tags = collectTags([], title, body).slice(0, NOTE_LIMITS.tagsMax);
  const label = (r.label ?? '').trim();
  const scope = LABEL_SCOPE[label];
  const category = guessCategory({ title, tags, body }, scope ? withinTops(...scope.tops) : undefined) ?? scope?.fallback ?? 'other/misc';
  const image = (r.image_path ?? '').trim();
  const createdAt = synthCreatedAt('qilin', idx, opts);
  return {
    id: `qilin_${idx}`,
    authorId: synthAuthor('qilin', idx, opts.authors ?? IMPORT_DEFAULTS.authors),
    kind: 'image',
    title,
    body,
    tags,
    category,
    language: guessLanguage(`${title} ${body}`),
    media: { images: image ? [{ url: image }] : [] },
    createdAt,
    editedAt: null,
    deleted: false,
    label,
  };
}

/** Parses the labelled notes CSV text. */
export function parseQilinNotes(csvText: string, opts: ImportOptions = {}): QilinNote[] {
  const out: QilinNote[] = [];
  for (const r of parseCsvRecords(csvText)) {
    const n = qilinRecordToNote(r, opts);
    if (n) out.push(n);
    if (opts.limit !== undefined && out.length >= opts.limit) break;
  }
  return out;
}

/** Reads `notes_798_labeled.csv` from the Qilin data folder. */
export async function readQilinNotes(dir: string, opts: ImportOptions = {}): Promise<QilinNote[]> {
  const out: QilinNote[] = [];
  for (const r of await readCsvRecords(join(dir, QILIN_NOTES_FILE))) {
    const n = qilinRecordToNote(r, opts);
    if (n) out.push(n);
    if (opts.limit !== undefined && out.length >= opts.limit) break;
  }
  return out;
}
