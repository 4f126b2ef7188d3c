/** Number formatting shared by the tables: fixed, readable, and stable across locales. */

export function num(n: number, digits = 0): string {
  if (!Number.isFinite(n)) return '–';
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Milliseconds with precision that suits their size. */
export function ms(n: number): string {
  if (!Number.isFinite(n)) return '–';
  if (n < 1) return n.toFixed(3);
  if (n < 100) return n.toFixed(2);
  return num(n, 0);
}

export function bytes(n: number): string {
  if (!Number.isFinite(n)) return '–';
  const units = ['B', 'KB', 'MB', 'GB'];
  let v = n;
  let u = 0;
  while (Math.abs(v) >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(u === 0 ? 0 : 1)} ${units[u]}`;
}

export function ratio(a: number, b: number): string {
  if (!Number.isFinite(a) || !Number.isFinite(b) || b === 0) return '–';
  return `${(a / b).toFixed(2)}×`;
}

export function seconds(msValue: number): string {
  return Number.isFinite(msValue) ? `${(msValue / 1000).toFixed(1)} s` : '–';
}
