/** What was watched of one clip: seconds played (replays included) and how often it looped. */
export interface Watch {
  playedSec: number;
  durationSec: number;
  loops: number;
}

/** Share of a clip watched for the `view` event: 1 once it played through, else seconds over duration. */
export function watchPortion(w: Watch): number {
  if (w.loops > 0) return 1;
  if (!(w.durationSec > 0)) return 0;
  return Math.round(Math.min(1, w.playedSec / w.durationSec) * 1000) / 1000;
}
