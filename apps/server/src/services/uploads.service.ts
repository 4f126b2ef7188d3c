import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { EngineError, type IdGenerator } from '@notewave/engine';
import type { UploadResult } from '@notewave/api-client';

interface ImageType {
  ext: string;
  contentType: string;
  matches(b: Buffer): boolean;
  /** Re-encodes in the same format; sharp writes no metadata unless asked to, so EXIF, GPS, XMP and IPTC go. */
  encode(img: sharp.Sharp): sharp.Sharp;
}

// The declared content type and file name are the client's word; the first bytes are the file's.
const IMAGE_TYPES: readonly ImageType[] = [
  {
    ext: 'png',
    contentType: 'image/png',
    matches: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
    encode: (img) => img.png(),
  },
  {
    ext: 'jpg',
    contentType: 'image/jpeg',
    matches: (b) => b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
    encode: (img) => img.jpeg({ quality: 90 }),
  },
  { ext: 'gif', contentType: 'image/gif', matches: (b) => /^GIF8[79]a$/.test(b.subarray(0, 6).toString('latin1')), encode: (img) => img.gif() },
  {
    ext: 'webp',
    contentType: 'image/webp',
    matches: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
    encode: (img) => img.webp({ quality: 90 }),
  },
];

/** Larger images are refused before decoding, so a small file cannot expand into gigabytes of pixels. */
const MAX_PIXELS = 50_000_000;

const NAME = /^[a-z0-9_]{1,80}\.(png|jpg|gif|webp)$/;

export interface CleanImage {
  bytes: Buffer;
  width: number;
  height: number;
}

/**
 * Decodes and re-encodes an image with its metadata left out (a phone photo's EXIF carries where it was taken),
 * turned upright first as its EXIF orientation said, since that tag goes too. Animated GIF and WebP keep their
 * frames; the height is one frame's.
 */
export async function cleanImage(bytes: Buffer, type: ImageType): Promise<CleanImage> {
  const animated = type.ext === 'gif' || type.ext === 'webp';
  try {
    const img = sharp(bytes, { animated, limitInputPixels: MAX_PIXELS, failOn: 'error' }).rotate();
    const { data, info } = await type.encode(img).toBuffer({ resolveWithObject: true });
    return { bytes: data, width: info.width, height: info.pageHeight ?? info.height };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (/pixel limit/i.test(message)) throw new EngineError('payload_too_large', `the image has more than ${MAX_PIXELS} pixels`);
    throw new EngineError('validation_failed', 'the image could not be decoded; it may be damaged or truncated');
  }
}

/** Images on local disk, named by fresh ids so names are unguessable and never collide. */
export class UploadsService {
  private ready: Promise<unknown> | null = null;

  constructor(
    private readonly dir: string,
    private readonly ids: IdGenerator,
  ) {}

  async store(bytes: Buffer): Promise<UploadResult> {
    const type = IMAGE_TYPES.find((t) => t.matches(bytes));
    if (!type) throw new EngineError('unsupported_media_type', 'only PNG, JPEG, WebP and GIF images are accepted');
    this.ready ??= mkdir(this.dir, { recursive: true });
    await this.ready;
    const clean = await cleanImage(bytes, type);
    const name = `${this.ids.next('img')}.${type.ext}`;
    await writeFile(join(this.dir, name), clean.bytes, { flag: 'wx' });
    return { name, url: `/uploads/${name}`, contentType: type.contentType, bytes: clean.bytes.length, width: clean.width, height: clean.height };
  }

  /** Width and height of a stored upload, read from its header; null when there is no such upload. */
  async dimensions(name: string): Promise<{ width: number; height: number } | null> {
    let file: { bytes: Buffer };
    try {
      file = await this.read(name);
    } catch {
      return null;
    }
    const m = await sharp(file.bytes, { animated: true }).metadata();
    return m.width && m.height ? { width: m.width, height: m.pageHeight ?? m.height } : null;
  }

  async read(name: string): Promise<{ bytes: Buffer; contentType: string }> {
    const m = NAME.exec(name);
    const type = m ? IMAGE_TYPES.find((t) => t.ext === m[1]) : undefined;
    if (!type) throw new EngineError('not_found', `no upload '${name}'`);
    try {
      return { bytes: await readFile(join(this.dir, name)), contentType: type.contentType };
    } catch {
      throw new EngineError('not_found', `no upload '${name}'`);
    }
  }
}
