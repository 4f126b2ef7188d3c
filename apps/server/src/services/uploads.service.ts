import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EngineError, type IdGenerator } from '@notewave/engine';
import type { UploadResult } from '@notewave/api-client';

interface ImageType {
  ext: string;
  contentType: string;
  matches(b: Buffer): boolean;
}

// The declared content type and file name are the client's word; the first bytes are the file's.
const IMAGE_TYPES: readonly ImageType[] = [
  { ext: 'png', contentType: 'image/png', matches: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { ext: 'jpg', contentType: 'image/jpeg', matches: (b) => b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { ext: 'gif', contentType: 'image/gif', matches: (b) => /^GIF8[79]a$/.test(b.subarray(0, 6).toString('latin1')) },
  {
    ext: 'webp',
    contentType: 'image/webp',
    matches: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  },
];

const NAME = /^[a-z0-9_]{1,80}\.(png|jpg|gif|webp)$/;

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
    const name = `${this.ids.next('img')}.${type.ext}`;
    await writeFile(join(this.dir, name), bytes, { flag: 'wx' });
    return { name, url: `/uploads/${name}`, contentType: type.contentType, bytes: bytes.length };
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
