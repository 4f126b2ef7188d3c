import type { ImageRef, Note } from '@notewave/engine';
import { composeNote } from './compose.ts';
import { LEAVES } from './content/index.ts';
import type { NotePlan } from './note-plan.ts';
import type { ResolvedOptions } from './options.ts';
import { cumulative, pickCumulative, rngFor, STREAM } from './random.ts';
import type { UserPlan } from './user-plan.ts';

/** Xiaohongshu's 3:4 portrait image and the 9:16 short-video frame. */
export const IMAGE_SIZE = { width: 1080, height: 1440 } as const;
export const VIDEO_SIZE = { width: 1080, height: 1920 } as const;
const IMAGE_COUNT = cumulative([30, 12, 16, 10, 8, 6, 4, 3, 6]);

const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz';

/** Fixed-width base 36; Number#toString(36) on millisecond timestamps is several times slower. */
function base36(x: number, width: number): string {
  let s = '';
  for (let i = 0; i < width || x > 0; i++) {
    s = DIGITS[x % 36]! + s;
    x = Math.floor(x / 36);
  }
  return s;
}

/** Note ids sort by creation time (base-36 millis, as engine ids do) and stay unique through the index suffix. */
export function noteIdOf(plan: NotePlan, i: number): string {
  return `n_${base36(plan.createdAt[i]!, 9)}${base36(i, 4)}`;
}

/** Event streams name the same popular notes over and over; a direct-mapped cache saves rebuilding their ids. */
export class NoteIdCache {
  private readonly keys: Int32Array;
  private readonly values: string[];
  private readonly mask: number;
  constructor(private readonly plan: NotePlan, bits = 16) {
    this.keys = new Int32Array(1 << bits).fill(-1);
    this.values = new Array<string>(1 << bits).fill('');
    this.mask = (1 << bits) - 1;
  }
  of(i: number): string {
    const slot = i & this.mask;
    if (this.keys[slot] === i) return this.values[slot]!;
    const id = noteIdOf(this.plan, i);
    this.keys[slot] = i;
    this.values[slot] = id;
    return id;
  }
}

/** Where the server serves a note's generated cover; page > 1 addresses the further images of a carousel. */
export function coverUrl(noteId: string, page = 1): string {
  return page > 1 ? `/covers/${noteId}.svg?p=${page}` : `/covers/${noteId}.svg`;
}

/** Note `i` in full: text, tags and media written from its skeleton and its own random stream. */
export function buildNote(o: ResolvedOptions, users: UserPlan, plan: NotePlan, i: number): Note {
  const rng = rngFor(o.seed, STREAM.noteText, i);
  const id = noteIdOf(plan, i);
  const video = plan.video[i] === 1;
  const text = composeNote(rng, plan.leaf[i]!, plan.topic[i]!, plan.zh[i] === 1 ? 'zh' : 'en');
  const images: ImageRef[] = [];
  if (video) images.push({ url: coverUrl(id), ...VIDEO_SIZE });
  else {
    const count = 1 + pickCumulative(rng, IMAGE_COUNT);
    for (let p = 1; p <= count; p++) images.push({ url: coverUrl(id, p), ...IMAGE_SIZE });
  }
  return {
    id,
    authorId: users.ids[plan.author[i]!]!,
    kind: video ? 'video' : 'image',
    title: text.title,
    body: text.body,
    tags: text.tags,
    category: LEAVES[plan.leaf[i]!]!,
    language: plan.zh[i] === 1 ? 'zh' : 'en',
    // The demo ships no video files: players show the generated cover as the poster and use durationSec.
    media: video ? { images, durationSec: plan.durationSec[i]! } : { images },
    createdAt: plan.createdAt[i]!,
    editedAt: null,
    deleted: false,
  };
}

/** Streams notes in creation order. */
export function* streamNotes(o: ResolvedOptions, users: UserPlan, plan: NotePlan): Generator<Note> {
  for (let i = 0; i < plan.count; i++) {
    if ((i & 4095) === 0) o.onProgress(i, plan.count, 'notes');
    yield buildNote(o, users, plan, i);
  }
  o.onProgress(plan.count, plan.count, 'notes');
}
