import type { AnalyticsRollup } from './rollup.ts';
import { dimIndex, type AnalyticsDimension } from './user-table.ts';

/** The demographic dimensions an audience report compares. */
export const AUDIENCE_DIMENSIONS = ['ageBand', 'gender', 'incomeBand'] as const satisfies readonly AnalyticsDimension[];

export interface AudienceQuery {
  /** Compare the groups of this dimension side by side (`all` for the whole community). */
  by: AnalyticsDimension;
  /** Only accounts that signed up in [from, to] (day numbers), when given. */
  from?: number;
  to?: number;
}

export interface AudienceGroup {
  key: string;
  users: number;
  /** Per demographic dimension: value → share of the group's users (unknowns included). */
  mix: Record<(typeof AUDIENCE_DIMENSIONS)[number], Record<string, number>>;
}

export interface AudienceReport {
  by: AnalyticsDimension;
  groups: AudienceGroup[];
}

/** Who the users are: age, gender and income mix per group, as shares so groups of any size compare. */
export function audienceReport(rollup: AnalyticsRollup, q: AudienceQuery): AudienceReport {
  const users = rollup.users;
  const byIx = dimIndex(q.by);
  const keys = users.values(q.by);
  const totals = keys.map(() => 0);
  const counts = keys.map(() => AUDIENCE_DIMENSIONS.map((dim) => users.values(dim).map(() => 0)));
  const dIx = AUDIENCE_DIMENSIONS.map(dimIndex);
  for (let ix = 0; ix < users.size; ix++) {
    const sd = users.signupDay(ix);
    if ((q.from !== undefined && sd < q.from) || (q.to !== undefined && sd > q.to)) continue;
    const g = users.code(ix, byIx);
    totals[g] = (totals[g] as number) + 1;
    const row = counts[g]!;
    for (let k = 0; k < dIx.length; k++) {
      const c = users.code(ix, dIx[k]!);
      row[k]![c] = (row[k]![c] as number) + 1;
    }
  }
  const groups: AudienceGroup[] = [];
  keys.forEach((key, g) => {
    const n = totals[g] as number;
    if (n === 0) return;
    const mix = {} as AudienceGroup['mix'];
    AUDIENCE_DIMENSIONS.forEach((dim, k) => {
      const shares: Record<string, number> = {};
      users.values(dim).forEach((v, c) => {
        const x = counts[g]![k]![c] as number;
        if (x > 0) shares[v] = x / n;
      });
      mix[dim] = shares;
    });
    groups.push({ key, users: n, mix });
  });
  return { by: q.by, groups };
}
