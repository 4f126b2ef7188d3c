export const NOTE_KINDS = ['image', 'video'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

export interface ImageRef {
  url: string;
  width?: number;
  height?: number;
}

export interface NoteMedia {
  /** Image notes: one or more images (the first is the cover). Video notes may carry a cover image. */
  images: ImageRef[];
  videoUrl?: string;
  /** Video duration in seconds. */
  durationSec?: number;
}

export interface Note {
  id: string;
  authorId: string;
  kind: NoteKind;
  title: string;
  body: string;
  /** Normalised tags: explicit ones plus hashtags parsed from title and body. */
  tags: string[];
  /** Two-level taxonomy id, e.g. `beauty/skincare`. */
  category: string;
  /** BCP-47 primary language, e.g. `zh`, `en`. */
  language: string;
  media: NoteMedia;
  createdAt: number;
  editedAt: number | null;
  deleted: boolean;
}

export const NOTE_LIMITS = {
  titleMax: 200,
  bodyMax: 20_000,
  tagsMax: 30,
  tagMax: 40,
  imagesMax: 18,
  durationMaxSec: 60 * 60,
} as const;

/** Cheap language guess for notes created without one: Han characters mean Chinese. */
export function guessLanguage(text: string): string {
  let han = 0;
  let latin = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    if (c >= 0x4e00 && c <= 0x9fff) han++;
    else if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) latin++;
  }
  return han * 3 >= latin && han > 0 ? 'zh' : 'en';
}
