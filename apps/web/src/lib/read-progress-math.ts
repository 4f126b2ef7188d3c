/** Characters a reader gets through per second; a glance at a long note is not a complete read. */
const CHARS_PER_SECOND = 25;

/** How much of a text was read: how far it scrolled into view, capped by the time it takes to read that much. */
export function readPortion(seenFraction: number, elapsedMs: number, chars: number): number {
  const byTime = chars <= 0 ? 1 : (elapsedMs / 1000) * CHARS_PER_SECOND / chars;
  return Math.round(Math.max(0, Math.min(1, seenFraction, byTime)) * 1000) / 1000;
}
