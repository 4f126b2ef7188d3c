import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { EngineError, type IdGenerator } from '@notewave/engine';
import type { VideoUploadResult } from '@notewave/api-client';
import { ffmpegPath, parseVideoInfo, runFfmpeg } from './ffmpeg.ts';

interface VideoType {
  ext: string;
  contentType: string;
  matches(b: Buffer): boolean;
}

// The declared type and file name are the client's word; the first bytes are the file's.
export const VIDEO_TYPES: readonly VideoType[] = [
  { ext: 'webm', contentType: 'video/webm', matches: (b) => b.length >= 4 && b.readUInt32BE(0) === 0x1a45dfa3 },
  { ext: 'mp4', contentType: 'video/mp4', matches: (b) => b.length >= 12 && b.subarray(4, 8).toString('latin1') === 'ftyp' },
];

/** Where videos, their posters and the demo's clips live: a folder of the upload directory. */
export function videoDir(uploadDir: string): string {
  return resolve(uploadDir, 'videos');
}

/** File names the media route may serve: fresh ids with a known extension, or the demo's clips. */
export const MEDIA_NAME = /^[a-z0-9_-]{1,80}\.(webm|mp4|jpg)$/;

/**
 * Uploaded videos on local disk, each with a poster frame taken one second in (or at the start of a shorter clip)
 * and its duration and frame size as ffmpeg reads them. A file ffmpeg cannot decode is refused, so every stored
 * video can play.
 */
export class VideoUploadsService {
  private ready: Promise<unknown> | null = null;

  constructor(
    /** Folder the media route serves. */
    readonly dir: string,
    private readonly ids: IdGenerator,
    private readonly ffmpeg: string | null = ffmpegPath(),
  ) {}

  async store(bytes: Buffer): Promise<VideoUploadResult> {
    const type = VIDEO_TYPES.find((t) => t.matches(bytes));
    if (!type) throw new EngineError('unsupported_media_type', 'only WebM and MP4 videos are accepted');
    this.ready ??= mkdir(this.dir, { recursive: true });
    await this.ready;
    const id = this.ids.next('vid');
    const name = `${id}.${type.ext}`;
    const file = join(this.dir, name);
    await writeFile(file, bytes, { flag: 'wx' });
    const result: VideoUploadResult = {
      name, url: `/media/${name}`, contentType: type.contentType, bytes: bytes.length,
      posterUrl: null, durationSec: null, width: null, height: null,
    };
    if (!this.ffmpeg) return result;
    try {
      const info = parseVideoInfo(await runFfmpeg(this.ffmpeg, ['-i', file, '-f', 'null', '-t', '0', '-']));
      if (info.width === null) throw new Error('no video stream');
      const at = info.durationSec !== null && info.durationSec < 2 ? 0 : 1;
      await runFfmpeg(this.ffmpeg, ['-loglevel', 'error', '-y', '-ss', String(at), '-i', file, '-frames:v', '1', '-q:v', '4', join(this.dir, `${id}.jpg`)]);
      return { ...result, ...info, posterUrl: `/media/${id}.jpg` };
    } catch {
      await rm(file, { force: true });
      await rm(join(this.dir, `${id}.jpg`), { force: true });
      throw new EngineError('unsupported_media_type', 'the video could not be decoded; send a WebM or MP4 file');
    }
  }
}
