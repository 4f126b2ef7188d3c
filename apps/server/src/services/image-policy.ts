import { EngineError, type NoteMedia } from '@notewave/engine';

// This server's own images: uploads (named by the uploads service) and generated covers (`?p=N` for later pages).
const LOCAL = [/^\/uploads\/[a-z0-9_]{1,80}\.(png|jpg|gif|webp)$/, /^\/covers\/[A-Za-z0-9_.-]{1,80}\.svg(\?p=\d{1,3})?$/];

/**
 * Which image URLs a note may carry. An image from another origin is fetched by every reader's browser, so a
 * note could plant a tracking pixel that reports who read it and when; by default only this server's own
 * uploads and covers are allowed, plus the origins an operator lists (NOTEWAVE_IMAGE_ORIGINS).
 */
export class ImagePolicy {
  private readonly origins: ReadonlySet<string>;

  constructor(origins: readonly string[] = []) {
    this.origins = new Set(origins);
  }

  allows(url: string): boolean {
    if (LOCAL.some((re) => re.test(url))) return true;
    if (this.origins.size === 0 || !/^https?:\/\//i.test(url)) return false;
    try {
      return this.origins.has(new URL(url).origin);
    } catch {
      return false;
    }
  }

  /** Refuses media with any image this server would not serve or that no listed origin holds. */
  check(media: NoteMedia | undefined): void {
    for (const img of media?.images ?? []) {
      if (!this.allows(img.url)) {
        const where = this.origins.size > 0 ? `, /covers/ or one of ${[...this.origins].join(', ')}` : ' or /covers/';
        throw new EngineError('validation_failed', `image URL '${img.url.slice(0, 200)}' is not allowed: use an upload (/uploads/…)${where}`);
      }
    }
  }
}
