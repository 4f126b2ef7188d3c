/** Moves item `from` one step left (-1) or right (+1). */
export function moveItem<T>(list: readonly T[], from: number, step: -1 | 1): T[] {
  const to = from + step;
  if (to < 0 || to >= list.length) return [...list];
  const out = [...list];
  [out[from], out[to]] = [out[to] as T, out[from] as T];
  return out;
}
