import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The ffmpeg binary that `npm install` brings (a per-platform npm package, nothing downloaded at install or
 * run time), or null on a platform it does not cover: video then still uploads and plays, without a poster.
 */
export function ffmpegPath(): string | null {
  try {
    const require = createRequire(import.meta.url);
    const { path } = require('@ffmpeg-installer/ffmpeg') as { path: string };
    return existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

/** Runs ffmpeg with `args`; resolves with its standard error (where it prints what it read), rejects on failure. */
export function runFfmpeg(bin: string, args: readonly string[], timeoutMs = 60_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(bin, ['-hide_banner', '-nostdin', ...args], { timeout: timeoutMs, maxBuffer: 4 * 1024 * 1024 }, (err, _stdout, stderr) => {
      if (err) reject(new Error(`ffmpeg failed: ${String(stderr).split('\n').slice(-4).join(' ').trim() || err.message}`));
      else resolve(String(stderr));
    });
  });
}

export interface VideoInfo {
  durationSec: number | null;
  width: number | null;
  height: number | null;
}

/** Duration and frame size from ffmpeg's description of an input (`Duration: 00:00:05.00`, `Video: vp8, …, 360x640`). */
export function parseVideoInfo(stderr: string): VideoInfo {
  const d = /Duration: (\d+):(\d\d):(\d\d(?:\.\d+)?)/.exec(stderr);
  const size = /Stream #[^\n]*Video:[^\n]*?\b(\d{2,5})x(\d{2,5})\b/.exec(stderr);
  return {
    durationSec: d ? Math.round((Number(d[1]) * 3600 + Number(d[2]) * 60 + Number(d[3])) * 100) / 100 : null,
    width: size ? Number(size[1]) : null,
    height: size ? Number(size[2]) : null,
  };
}
