const KEY = 'notewave.recentSearches';
const MAX = 8;

export function recentSearches(): string[] {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').slice(0, MAX) : [];
  } catch {
    return [];
  }
}

/** Most recent first, without duplicates, at most eight. */
export function addRecentSearch(q: string): string[] {
  const list = [q, ...recentSearches().filter((x) => x !== q)].slice(0, MAX);
  localStorage.setItem(KEY, JSON.stringify(list));
  return list;
}

export function clearRecentSearches(): void {
  localStorage.removeItem(KEY);
}
