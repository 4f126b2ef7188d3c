import { Bitset } from './bitset.ts';
import type { AnalyticsRollup } from './rollup.ts';
import { dimIndex, type AnalyticsDimension } from './user-table.ts';

/** The accounts holding each value of a dimension, as sets, in the dimension's value order. */
export interface DimensionMembers {
  values: readonly string[];
  members: Bitset[];
}

export function membersBy(rollup: AnalyticsRollup, dim: AnalyticsDimension, filter?: Bitset): DimensionMembers {
  const users = rollup.users;
  const values = users.values(dim);
  const d = dimIndex(dim);
  const members = values.map(() => new Bitset(users.size));
  for (let ix = 0; ix < users.size; ix++) {
    if (filter !== undefined && !filter.has(ix)) continue;
    members[users.code(ix, d)]!.add(ix);
  }
  return { values, members };
}

/** Accounts matching every `dimension = value` pair (all accounts for none). */
export function usersWhere(rollup: AnalyticsRollup, where: Partial<Record<AnalyticsDimension, string>>): Bitset {
  const users = rollup.users;
  const conds: [number, number][] = [];
  const out = new Bitset(users.size);
  for (const [dim, value] of Object.entries(where) as [AnalyticsDimension, string][]) {
    const code = users.codeOf(dim, value);
    if (code === undefined) return out;
    conds.push([dimIndex(dim), code]);
  }
  for (let ix = 0; ix < users.size; ix++) {
    if (conds.every(([d, c]) => users.code(ix, d) === c)) out.add(ix);
  }
  return out;
}
