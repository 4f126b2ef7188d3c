import type { SeededRng } from '@notewave/engine';

/** A JSON schema as the OpenAPI document holds it (the parts the generator reads). */
export interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
}

/** Strings meant to break something: encodings, sizes, NUL, lone surrogates, look-alikes, injections. */
const NASTY_STRINGS = [
  '', ' ', '\u0000', 'a\u0000b', '\uD800', 'x\uDC00y', '\uDBFF', '😀', '\u202Eevil', 'ﬁ', 'Ａ', '\uFEFF', 'e\u0301', '中文 标签',
  '../../etc/passwd', '%00', '%', '<script>alert(1)</script>', "' or 1=1 --", '\\', '\r\n', 'null', 'NaN', '-1', '1e309',
  'x'.repeat(201), 'y'.repeat(5_000), '\u0000'.repeat(10), '#tag #'.repeat(50),
];
const NASTY_NUMBERS = [-1, 0, 1, -0, 1.5, 2 ** 31, 2 ** 53 + 2, -(2 ** 53), 1e308, Number.MIN_VALUE];
const NASTY_VALUES: unknown[] = [null, true, false, [], {}, [null], { a: { b: { c: [] } } }, 'string', 42];

/** Path and query pieces written raw into a URL: bad percent-encoding, encoded NUL and surrogates, huge ones. */
export const RAW_URL_PIECES = [
  '%00', '%ED%A0%80', '%F0%9F%98', '%zz', '%', '%E0%A4%A', '%C3%28', '..%2F..%2Fetc', '%2e%2e', 'a%20b', '%FF%FE', 'é', '%F4%90%80%80',
  'x'.repeat(3_000), '-1', '1e999', '0x1F', '%0D%0Aset-cookie:x', 'null', '[]', '%5B%5D',
];

export class HostileValues {
  constructor(readonly rng: SeededRng) {}

  pick<T>(xs: readonly T[]): T {
    return this.rng.pick(xs);
  }

  chance(p: number): boolean {
    return this.rng.next() < p;
  }

  /** A value that fits `schema` most of the time, and something hostile for it otherwise. */
  value(schema: Schema | undefined, depth = 0): unknown {
    if (!schema || depth > 6) return this.pick(NASTY_VALUES);
    if (this.chance(0.15)) return this.hostile();
    if (schema.anyOf) return this.value(this.pick(schema.anyOf), depth + 1);
    if (schema.enum) return this.pick(schema.enum);
    const type = Array.isArray(schema.type) ? this.pick(schema.type) : schema.type;
    switch (type) {
      case 'string':
        return this.chance(0.5) ? this.pick(NASTY_STRINGS) : 'plain text';
      case 'integer':
      case 'number':
        return this.chance(0.5) ? this.pick(NASTY_NUMBERS) : (schema.minimum ?? 0) + this.rng.int(10);
      case 'boolean':
        return this.chance(0.5);
      case 'array':
        return Array.from({ length: this.chance(0.1) ? 300 : this.rng.int(4) }, () => this.value(schema.items, depth + 1));
      case 'object':
        return this.object(schema, depth);
      case 'null':
        return null;
      default:
        return this.hostile();
    }
  }

  /** An object for the schema with fields now and then dropped, added or replaced. */
  object(schema: Schema, depth = 0): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, s] of Object.entries(schema.properties ?? {})) {
      const required = schema.required?.includes(k) ?? false;
      if (!required && this.chance(0.5)) continue;
      if (required && this.chance(0.05)) continue;
      out[k] = this.value(s, depth + 1);
    }
    if (this.chance(0.1)) out[this.pick(['extra', '__proto__', 'constructor', '\u0000', '\uD800'])] = this.hostile();
    return out;
  }

  hostile(): unknown {
    const r = this.rng.int(3);
    return r === 0 ? this.pick(NASTY_STRINGS) : r === 1 ? this.pick(NASTY_NUMBERS) : this.pick(NASTY_VALUES);
  }
}
