import { EngineError } from '../../errors.ts';
import type { Params } from './components.ts';

/** A numeric parameter with a default; anything else than a finite number fails at construction. */
export function numParam(p: Params, key: string, dflt: number, min = -Infinity, max = Infinity): number {
  const v = p[key];
  if (v === undefined) return dflt;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
    throw new EngineError('config_invalid', `parameter ${key} must be a number in [${min}, ${max}]`, { key, value: v });
  }
  return v;
}

export function stringParam(p: Params, key: string, dflt: string): string {
  const v = p[key];
  if (v === undefined) return dflt;
  if (typeof v !== 'string') throw new EngineError('config_invalid', `parameter ${key} must be a string`, { key, value: v });
  return v;
}

/** A record of numbers, merged over defaults (e.g. per-kind weights). */
export function numRecordParam<K extends string>(p: Params, key: string, dflt: Record<K, number>): Record<K, number> {
  const v = p[key];
  if (v === undefined) return dflt;
  if (typeof v !== 'object' || v === null) throw new EngineError('config_invalid', `parameter ${key} must be an object`, { key });
  const out = { ...dflt };
  for (const [k, x] of Object.entries(v)) {
    if (typeof x !== 'number' || !Number.isFinite(x)) throw new EngineError('config_invalid', `parameter ${key}.${k} must be a number`, { key });
    out[k as K] = x;
  }
  return out;
}
