import type { AnalyticsRollup, GroupCounters } from './rollup.ts';
import { dimIndex, type AnalyticsDimension } from './user-table.ts';

export interface ContentQuery {
  from: number;
  to: number;
  by: AnalyticsDimension;
  /** How many top tags per group. */
  topTags?: number;
}

export interface ContentGroup {
  key: string;
  /** Top-level category → share of what the group consumed (image notes opened, videos watched). */
  consumed: Record<string, number>;
  /** Top-level category → share of the notes the group published. */
  created: Record<string, number>;
  consumedTotal: number;
  createdTotal: number;
  /** Share of consumption that was video. */
  videoShare: number | null;
  topTags: { tag: string; count: number }[];
  /**
   * Tags growing fastest in the second half of the range against the first half: count ratio, smoothed by one so
   * that a brand-new tag does not divide by zero.
   */
  risingTags: { tag: string; count: number; growth: number }[];
}

export interface ContentReport {
  by: AnalyticsDimension;
  groups: ContentGroup[];
}

/** What each group comes for and what it makes: category mix, image vs video, top and rising tags. */
export function contentReport(rollup: AnalyticsRollup, q: ContentQuery): ContentReport {
  const d = dimIndex(q.by);
  const values = rollup.users.values(q.by);
  const mid = Math.floor((q.from + q.to) / 2);
  const groups: ContentGroup[] = [];
  values.forEach((key, code) => {
    const consumed = new Map<string, number>();
    const created = new Map<string, number>();
    const tags = new Map<string, number>();
    const early = new Map<string, number>();
    const late = new Map<string, number>();
    const kind = [0, 0];
    let any = false;
    for (let day = q.from; day <= q.to; day++) {
      const g: GroupCounters | undefined = rollup.group(day, d, code);
      if (g === undefined) continue;
      any = true;
      addAll(consumed, g.consumedByCategory);
      addAll(created, g.createdByCategory);
      addAll(tags, g.tags);
      addAll(day <= mid ? early : late, g.tags);
      kind[0]! += g.consumedKind[0] as number;
      kind[1]! += g.consumedKind[1] as number;
    }
    if (!any) return;
    const consumedTotal = sum(consumed);
    const createdTotal = sum(created);
    const top = q.topTags ?? 10;
    groups.push({
      key,
      consumed: shares(consumed, consumedTotal),
      created: shares(created, createdTotal),
      consumedTotal,
      createdTotal,
      videoShare: kind[0]! + kind[1]! === 0 ? null : kind[1]! / (kind[0]! + kind[1]!),
      topTags: [...tags].sort((a, b) => b[1] - a[1] || cmp(a[0], b[0])).slice(0, top).map(([tag, count]) => ({ tag, count })),
      risingTags: [...late]
        .map(([tag, count]) => ({ tag, count, growth: (count + 1) / ((early.get(tag) ?? 0) + 1) }))
        .filter((t) => t.growth > 1)
        .sort((a, b) => b.growth - a.growth || b.count - a.count || cmp(a.tag, b.tag))
        .slice(0, top),
    });
  });
  return { by: q.by, groups };
}

function addAll(into: Map<string, number>, from: ReadonlyMap<string, number>): void {
  for (const [k, v] of from) into.set(k, (into.get(k) ?? 0) + v);
}
function sum(m: ReadonlyMap<string, number>): number {
  let s = 0;
  for (const v of m.values()) s += v;
  return s;
}
function shares(m: ReadonlyMap<string, number>, total: number): Record<string, number> {
  const out: Record<string, number> = {};
  if (total === 0) return out;
  for (const [k, v] of [...m].sort((a, b) => b[1] - a[1] || cmp(a[0], b[0]))) out[k] = v / total;
  return out;
}
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
