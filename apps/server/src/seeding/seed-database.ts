import { generateCommunity } from '@notewave/demo';
import type { Note, Storage } from '@notewave/engine';
import { generateDemoClips, type DemoClip } from '../media/demo-clips.ts';
import { videoDir } from '../media/video-uploads.service.ts';
import { progress, type Progress } from '../cli/progress.ts';
import { hashPassword } from '../services/password.ts';
import { seedCommunity, type SeedReport } from './seed-community.ts';
import type { SeedOptions } from './seed-options.ts';

/**
 * Generates the demo community and writes it into an (empty) store, with a progress bar per phase on stderr.
 * With an upload folder, real video clips are rendered into it first and every video note plays one of them.
 */
export async function seedDatabase(storage: Storage, o: SeedOptions, uploadDir?: string): Promise<SeedReport> {
  const generated = generateCommunity({ seed: o.seed, users: o.users, notes: o.notes, days: o.days, startTime: o.startTime });
  const clips = uploadDir ? await generateDemoClips(videoDir(uploadDir)) : [];
  const community = clips.length === 0 ? generated : { ...generated, notes: () => withClips(generated.notes(), clips) };
  // Follow and event counts are only known once generated: show them against an estimate that grows if passed.
  const estimates: Record<string, number> = {
    users: community.userCount,
    notes: community.noteCount,
    follows: community.userCount * 10,
    events: Math.round(community.userCount * community.options.eventsPerUser * 0.8),
  };
  let bar: Progress | null = null;
  let phase: string | null = null;
  const report = await seedCommunity(storage, community, hashPassword, (p, done) => {
    if (p !== phase) {
      bar?.stop();
      phase = p;
      bar = progress(p, estimates[p] ?? 1);
    }
    bar?.update(done, Math.max(done, estimates[p] ?? 1));
  });
  (bar as Progress | null)?.stop();
  return report;
}

/** Video notes get a clip each (the same note always the same clip) and its real length; the cover stays the poster. */
export function* withClips(notes: Iterable<Note>, clips: readonly DemoClip[]): Generator<Note> {
  for (const n of notes) {
    if (n.kind !== 'video' || clips.length === 0) {
      yield n;
      continue;
    }
    const clip = clips[hashId(n.id) % clips.length]!;
    yield { ...n, media: { ...n.media, videoUrl: clip.url, durationSec: clip.durationSec } };
  }
}

function hashId(id: string): number {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return h >>> 0;
}
