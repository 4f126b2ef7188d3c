import { mkdir, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ffmpegPath, runFfmpeg } from './ffmpeg.ts';

export interface DemoClip {
  /** URL path the server serves it at (`/media/<file>`). */
  url: string;
  posterUrl: string;
  durationSec: number;
}

/**
 * Moving pictures ffmpeg draws by itself (no footage, no fonts, nothing fetched): fractals, cellular automata
 * and test patterns, each tinted and shifted over time so every clip looks different. A tone per clip makes
 * "tap to unmute" mean something.
 */
const SOURCES: readonly { video: string; tone: number }[] = [
  { video: 'mandelbrot=size=360x640:rate=24,hue=h=t*40', tone: 330 },
  { video: 'life=size=360x640:rate=24:mold=10:r=12:ratio=0.1:death_color=#ff2442:life_color=#ffd0d8,scale=360:640', tone: 392 },
  { video: 'cellauto=size=360x640:rate=24:rule=110:scroll=1,negate,hue=s=0', tone: 440 },
  { video: 'testsrc2=size=360x640:rate=24,hue=h=t*60:s=1.4', tone: 494 },
  { video: 'mandelbrot=size=360x640:rate=24:start_scale=0.5:end_scale=0.05,hue=h=180+t*30', tone: 523 },
  { video: 'life=size=180x320:rate=24:mold=20:ratio=0.3:life_color=#25c2a0:death_color=#0b2e3a,scale=360:640:flags=neighbor', tone: 587 },
  { video: 'rgbtestsrc=size=360x640:rate=24,hue=h=t*90,boxblur=4', tone: 659 },
  { video: 'cellauto=size=360x640:rate=24:rule=30:scroll=1,hue=h=200:s=3,colorchannelmixer=rr=1:gg=0.4:bb=0.8', tone: 698 },
];

export const DEMO_CLIP_SECONDS = 6;

/**
 * Writes the demo's video clips (VP8 + Opus WebM, 360×640, six seconds) and a poster frame for each into `dir`,
 * skipping any already there, and returns them. Without an ffmpeg binary for this platform it returns none and
 * the demo's video notes keep their covers only.
 */
export async function generateDemoClips(dir: string, count = SOURCES.length): Promise<DemoClip[]> {
  const bin = ffmpegPath();
  if (!bin) return [];
  await mkdir(dir, { recursive: true });
  const clips: DemoClip[] = [];
  for (let i = 0; i < Math.min(count, SOURCES.length); i++) {
    const src = SOURCES[i]!;
    const name = `demo-clip-${i + 1}`;
    const video = join(dir, `${name}.webm`);
    const poster = join(dir, `${name}.jpg`);
    if (!(await exists(video))) {
      // Written under a temporary name so an interrupted run never leaves a half clip that looks finished.
      const partial = join(dir, `${name}.partial.webm`);
      await runFfmpeg(bin, [
        '-loglevel', 'error', '-y',
        '-f', 'lavfi', '-i', src.video,
        '-f', 'lavfi', '-i', `sine=frequency=${src.tone}:sample_rate=48000,volume=0.2`,
        '-t', String(DEMO_CLIP_SECONDS), '-pix_fmt', 'yuv420p',
        '-c:v', 'libvpx', '-b:v', '450k', '-deadline', 'realtime', '-cpu-used', '8', '-g', '48',
        '-c:a', 'libopus', '-b:a', '32k', '-shortest', '-f', 'webm', partial,
      ], 120_000);
      await rename(partial, video);
    }
    if (!(await exists(poster))) {
      await runFfmpeg(bin, ['-loglevel', 'error', '-y', '-ss', '1', '-i', video, '-frames:v', '1', '-q:v', '4', poster]);
    }
    clips.push({ url: `/media/${name}.webm`, posterUrl: `/media/${name}.jpg`, durationSec: DEMO_CLIP_SECONDS });
  }
  return clips;
}

async function exists(p: string): Promise<boolean> {
  try {
    return (await stat(p)).size > 0;
  } catch {
    return false;
  }
}
