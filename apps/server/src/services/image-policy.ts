import { EngineError, type NoteMedia } from '@notewave/engine';

// This server's own images: uploads (named by the uploads service), generated covers (`?p=N` for later pages) and
// poster frames of uploaded and demo videos (`/media/<name>.jpg`).
const UPLOAD = /^\/uploads\/([a-z0-9_]{1,80}\.(png|jpg|gif|webp))$/;
const LOCAL = [UPLOAD, /^\/covers\/[A-Za-z0-9_.-]{1,80}\.svg(\?p=\d{1,3})?$/, /^\/media\/[A-Za-z0-9_-]{1,80}\.jpg$/];

/** Reads an upload's stored dimensions by file name; null when there is no such upload. */
export type MeasureUpload = (name: string) => Promise<{ width: number; height: number } | null>;

/**
 * Which image URLs a note may carry. An image from another origin is fetched by every reader's browser, so a
 * note could plant a tracking pixel that reports who read it and when; by default only this server's own
 * uploads and covers are allowed, plus the origins an operator lists (NOTEWAVE_IMAGE_ORIGINS).
 */
export class ImagePolicy {
  private readonly origins: ReadonlySet<string>;

  constructor(
    origins: readonly string[] = [],
    private readonly measure: MeasureUpload | null = null,
  ) {
    this.origins = new Set(origins);
  }

  /** Fills in the recorded width and height of uploads the client named without them. */
  async complete<M extends NoteMedia | undefined>(media: M): Promise<M> {
    const measure = this.measure;
    if (!media || !measure || media.images.every((i) => i.width !== undefined && i.height !== undefined)) return media;
    const images = await Promise.all(
      media.images.map(async (img) => {
        const name = UPLOAD.exec(img.url)?.[1];
        if (!name || (img.width !== undefined && img.height !== undefined)) return img;
        const size = await measure(name);
        return size ? { ...img, ...size } : img;
      }),
    );
    return { ...media, images };
  }

  allows(url: string): boolean {
    return LOCAL.some((re) => re.test(url)) || this.listed(url);
  }

  /**
   * Videos cannot be uploaded yet, so any path on this server is accepted (a request to this server tells it
   * nothing it does not know), besides the listed origins; never another origin.
   */
  allowsVideo(url: string): boolean {
    return /^\/(?![/\\])[^\s\\]*$/.test(url) || this.listed(url);
  }

  private listed(url: string): boolean {
    if (this.origins.size === 0 || !/^https?:\/\//i.test(url)) return false;
    try {
      return this.origins.has(new URL(url).origin);
    } catch {
      return false;
    }
  }

  /** Refuses media with any image this server would not serve or that no listed origin holds. */
  check(media: NoteMedia | undefined): void {
    if (media?.videoUrl !== undefined && !this.allowsVideo(media.videoUrl)) {
      throw new EngineError('validation_failed', `video URL '${media.videoUrl.slice(0, 200)}' is not allowed: use a path on this server or a listed origin`);
    }
    for (const img of media?.images ?? []) {
      if (!this.allows(img.url)) {
        const where = this.origins.size > 0 ? `, /covers/ or one of ${[...this.origins].join(', ')}` : ' or /covers/';
        throw new EngineError('validation_failed', `image URL '${img.url.slice(0, 200)}' is not allowed: use an upload (/uploads/…)${where}`);
      }
    }
  }
}
