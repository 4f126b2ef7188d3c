/** FNV-1a: a stable 32-bit hash so synthesized author ids and dates never change between imports. */
export function stableHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Options shared by the corpus importers. */
export interface ImportOptions {
  /** Size of the synthesized author pool notes are spread over (deterministically). */
  authors?: number;
  /** Creation times are spread over `spreadDays` days starting here (ms). */
  baseTime?: number;
  spreadDays?: number;
  /** Stop after this many notes. */
  limit?: number;
}

export const IMPORT_DEFAULTS = { authors: 200, baseTime: Date.UTC(2025, 0, 1), spreadDays: 90 } as const;

/** Deterministic author id for a source record. */
export function synthAuthor(source: string, key: string, authors: number): string {
  return `${source}_author_${stableHash(`author:${source}:${key}`) % authors}`;
}

/** Deterministic creation time (ms) for a source record. */
export function synthCreatedAt(source: string, key: string, opts: ImportOptions): number {
  const spread = (opts.spreadDays ?? IMPORT_DEFAULTS.spreadDays) * 86_400_000;
  return (opts.baseTime ?? IMPORT_DEFAULTS.baseTime) + (stableHash(`time:${source}:${key}`) % Math.max(1, spread / 1000)) * 1000;
}
