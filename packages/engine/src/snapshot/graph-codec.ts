import type { ByteReader, ByteWriter } from './byte-io.ts';
import { snapshotError } from './frames.ts';

/**
 * A generic codec for an object graph of plain data: class instances (by a registered name, restored on their
 * prototype), plain objects, arrays, Maps, Sets, typed arrays over their ArrayBuffers, with identity kept (an object
 * reached twice is one object again, a view shares its buffer again). Every own field is carried, so state a class
 * gains later is carried without anyone listing it.
 *
 * What is not data is kept from the graph being restored into ("kept" values): functions (closures over the new
 * graph's own objects), the given externals (clock, rng, ids, segmenter: handed in, not owned), opaque built-ins
 * (Intl formatters) and the fields a class lists as skipped. Restoring works in place: an object of the new graph
 * found at the same place (field, Map key, array index) as a snapshot object, of the same kind, is filled rather
 * than replaced, so the closures the new graph made at construction keep pointing at live objects. A kept value in an
 * object the new graph does not have is an error, not a silent gap.
 */
export interface GraphCodecOptions {
  /** Registered classes by name. */
  classes: ReadonlyMap<string, abstract new (...args: never[]) => unknown>;
  /** Fields of a class (by name) that are kept from the new graph, never written. */
  skipped?: ReadonlyMap<string, ReadonlySet<string>>;
  /** Objects kept from the new graph wherever they appear. */
  externals?: ReadonlySet<object>;
  /** Called with each class instance's registered name and own field names as it is written. */
  onInstance?: (name: string, keys: readonly string[]) => void;
}

const T_UNDEFINED = 0;
const T_NULL = 1;
const T_FALSE = 2;
const T_TRUE = 3;
const T_INT = 4;
const T_NEG_INT = 5;
const T_FLOAT = 6;
const T_STRING = 7;
const T_STRING_REF = 8;
const T_REF = 9;
const T_NEW = 10;
const T_KEEP = 11;
const T_BIGINT = 12;

const K_OBJECT = 0;
const K_NULL_PROTO = 1;
const K_CLASS = 2;
const K_ARRAY = 3;
const K_MAP = 4;
const K_SET = 5;
const K_TYPED = 6;
const K_BUFFER = 7;
const K_DATE = 8;

type TypedArray = Int8Array | Uint8Array | Uint8ClampedArray | Int16Array | Uint16Array | Int32Array | Uint32Array | Float32Array | Float64Array | BigInt64Array | BigUint64Array;
type TypedCtor = new (buffer: ArrayBuffer, byteOffset: number, length: number) => TypedArray;
const TYPED: readonly TypedCtor[] = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array];
const TYPED_CODE = new Map<unknown, number>(TYPED.map((c, i) => [c, i]));

/** Built-ins with hidden state the codec cannot read: kept from the new graph (made there from the same options). */
const OPAQUE: readonly (abstract new (...args: never[]) => unknown)[] = [RegExp, WeakMap, WeakSet, Promise, Intl.DateTimeFormat, Intl.Segmenter, Intl.Collator, Intl.NumberFormat];

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
/** A kept value read from the snapshot. */
const KEEP: unique symbol = Symbol('keep');
type Value = unknown;

/** Writes the graph under `root` into `w`, yielding after each object so the caller can hand out finished frames. */
export function* writeGraph(root: object, w: ByteWriter, opts: GraphCodecOptions): Generator<void> {
  const names = new Map<unknown, string>();
  for (const [name, cls] of opts.classes) names.set(cls, name);
  const externals = opts.externals ?? new Set<object>();
  const skipped = opts.skipped ?? new Map<string, ReadonlySet<string>>();
  const ids = new Numbering<object>();
  const strings = new Numbering<string>();
  const queue: object[] = [];

  const str = (s: string): void => {
    const id = strings.get(s);
    if (id !== undefined) {
      w.u8(T_STRING_REF);
      w.uint(id);
    } else {
      strings.add(s);
      w.u8(T_STRING);
      w.string(s);
    }
  };

  const value = (v: Value, owner: object | null, key: unknown): void => {
    switch (typeof v) {
      case 'undefined':
        return w.u8(T_UNDEFINED);
      case 'boolean':
        return w.u8(v ? T_TRUE : T_FALSE);
      case 'number':
        if (Number.isInteger(v) && Math.abs(v) <= MAX_SAFE && !Object.is(v, -0)) {
          w.u8(v < 0 ? T_NEG_INT : T_INT);
          return w.uint(Math.abs(v));
        }
        w.u8(T_FLOAT);
        return w.f64(v);
      case 'string':
        return str(v);
      case 'bigint':
        w.u8(T_BIGINT);
        return w.string(v.toString());
      case 'function':
        return w.u8(T_KEEP);
      case 'symbol':
        throw snapshotError(`cannot snapshot a symbol at ${at(owner, key)}`);
    }
    if (v === null) return w.u8(T_NULL);
    const o = v as object;
    const seen = ids.get(o);
    if (seen !== undefined) {
      w.u8(T_REF);
      return w.uint(seen);
    }
    if (externals.has(o)) return w.u8(T_KEEP);
    const proto: unknown = Object.getPrototypeOf(o);
    let kind: number;
    let name: string | undefined;
    if (proto === Object.prototype) kind = K_OBJECT;
    else if (Array.isArray(o)) kind = K_ARRAY;
    else if (ArrayBuffer.isView(o)) kind = K_TYPED;
    else if (proto === Map.prototype) kind = K_MAP;
    else if (proto === Set.prototype) kind = K_SET;
    else if (o instanceof ArrayBuffer) kind = K_BUFFER;
    else if (proto === Date.prototype) kind = K_DATE;
    else if (proto === null) kind = K_NULL_PROTO;
    else {
      name = names.get((proto as { constructor: unknown }).constructor);
      if (name === undefined) {
        if (OPAQUE.some((c) => o instanceof c)) return w.u8(T_KEEP);
        const ctor = (proto as { constructor?: { name?: string } }).constructor?.name ?? '?';
        throw snapshotError(`cannot snapshot an instance of ${ctor} at ${at(owner, key)}: its class is not registered for snapshots`);
      }
      kind = K_CLASS;
    }
    if (kind === K_TYPED && !TYPED_CODE.has(o.constructor)) throw snapshotError(`cannot snapshot a ${o.constructor.name} at ${at(owner, key)}`);
    ids.add(o);
    w.u8(T_NEW);
    w.u8(kind);
    switch (kind) {
      case K_TYPED: {
        const t = o as TypedArray;
        w.u8(TYPED_CODE.get(t.constructor) as number);
        value(t.buffer, o, 'buffer');
        w.uint(t.byteOffset);
        w.uint(t.length);
        return;
      }
      case K_BUFFER:
        w.uint((o as ArrayBuffer).byteLength);
        w.raw(new Uint8Array(o as ArrayBuffer));
        return;
      case K_DATE:
        w.f64((o as Date).getTime());
        return;
      case K_CLASS:
        str(name as string);
    }
    queue.push(o);
  };

  value(root, null, null);
  for (let qi = 0; qi < queue.length; qi++) {
    const o = queue[qi] as object;
    if (Array.isArray(o)) {
      w.uint(o.length);
      for (let i = 0; i < o.length; i++) value(o[i], o, i);
    } else if (o instanceof Map) {
      w.uint(o.size);
      for (const [k, v] of o) {
        value(k, o, '<key>');
        value(v, o, k);
      }
    } else if (o instanceof Set) {
      w.uint(o.size);
      for (const v of o) value(v, o, '<member>');
    } else {
      const name = names.get(o.constructor);
      const skip = skipped.get(name ?? '');
      const keys = Object.keys(o);
      if (name !== undefined) opts.onInstance?.(name, keys);
      w.uint(keys.length);
      for (const k of keys) {
        str(k);
        if (skip?.has(k)) w.u8(T_KEEP);
        else value((o as Record<string, unknown>)[k], o, k);
      }
    }
    yield;
  }
}

/** A JS Map holds at most 2^24 entries; a full-scale engine has more objects and strings than that. */
const SHARD = 1 << 23;

/** Numbers values 0, 1, 2… in the order they are added, past the size limit of one Map. */
class Numbering<K> {
  private readonly shards: Map<K, number>[] = [new Map()];
  private n = 0;

  get(k: K): number | undefined {
    for (const m of this.shards) {
      const v = m.get(k);
      if (v !== undefined) return v;
    }
    return undefined;
  }

  add(k: K): void {
    let last = this.shards[this.shards.length - 1] as Map<K, number>;
    if (last.size >= SHARD) this.shards.push((last = new Map()));
    last.set(k, this.n++);
  }
}

function missing(obj: object, key: string): Error {
  return snapshotError(`snapshot keeps ${describe(obj)}.${key} from the engine it is restored into, which has no such object there`);
}

function at(owner: object | null, key: unknown): string {
  return owner === null ? 'the root' : `${describe(owner)}.${String(key)}`;
}

function describe(o: object): string {
  const c = (o as { constructor?: { name?: string } }).constructor;
  return c?.name ?? 'null-prototype object';
}

/** Marks a pending object as the restored-into graph's own (filled in place) rather than made here. */
const OWN = 16;

/**
 * Reads a graph written by `writeGraph` into `root`, the corresponding object of a freshly built graph (see the
 * codec's description). Yields after each object, like the writer.
 */
export function* readGraph(root: object, r: ByteReader, opts: GraphCodecOptions): Generator<void> {
  const objects: object[] = [];
  const strings: string[] = [];
  // Objects whose contents follow, in order, with their kinds (plus OWN): two flat arrays rather than a record each.
  const pending: object[] = [];
  const pendingKinds: number[] = [];
  const claimed = new Set<object>();
  const damaged = (what: string) => snapshotError(`snapshot is damaged: ${what}`);

  const readString = (): string => {
    const t = r.u8();
    if (t === T_STRING) {
      const s = r.string();
      strings.push(s);
      return s;
    }
    if (t === T_STRING_REF) {
      const s = strings[r.uint()];
      if (s === undefined) throw damaged('a string reference points nowhere');
      return s;
    }
    throw damaged(`expected a string, found tag ${t}`);
  };

  /** The next value; `own` is what the new graph holds at the same place, the candidate for in-place filling. */
  const value = (own: unknown): Value | typeof KEEP => {
    const t = r.u8();
    switch (t) {
      case T_UNDEFINED:
        return undefined;
      case T_NULL:
        return null;
      case T_FALSE:
        return false;
      case T_TRUE:
        return true;
      case T_INT:
        return r.uint();
      case T_NEG_INT:
        return -r.uint();
      case T_FLOAT:
        return r.f64();
      case T_STRING: {
        const s = r.string();
        strings.push(s);
        return s;
      }
      case T_STRING_REF: {
        const s = strings[r.uint()];
        if (s === undefined) throw damaged('a string reference points nowhere');
        return s;
      }
      case T_BIGINT:
        return BigInt(r.string());
      case T_KEEP:
        return KEEP;
      case T_REF: {
        const o = objects[r.uint()];
        if (o === undefined) throw damaged('an object reference points nowhere');
        return o;
      }
      case T_NEW:
        return newObject(own);
      default:
        throw damaged(`unknown value tag ${t}`);
    }
  };

  /** The new graph's object at this place, when it is free and of the same kind (prototype), to be filled in place. */
  const reuse = (own: unknown, proto: object | null): object | null => {
    if (typeof own !== 'object' || own === null || Object.getPrototypeOf(own) !== proto || claimed.has(own)) return null;
    claimed.add(own);
    return own;
  };

  const newObject = (own: unknown): object => {
    const kind = r.u8();
    const id = objects.length;
    objects.push(null as unknown as object);
    let obj: object;
    let filled: boolean;
    switch (kind) {
      case K_OBJECT:
      case K_NULL_PROTO: {
        const proto = kind === K_OBJECT ? Object.prototype : null;
        const o = reuse(own, proto);
        filled = o !== null;
        obj = o ?? Object.create(proto);
        break;
      }
      case K_CLASS: {
        const name = readString();
        const cls = opts.classes.get(name);
        if (!cls) throw snapshotError(`snapshot holds an instance of ${name}, a class this engine does not register`);
        const o = reuse(own, cls.prototype as object);
        filled = o !== null;
        obj = o ?? Object.create(cls.prototype as object);
        break;
      }
      case K_ARRAY: {
        const o = reuse(own, Array.prototype);
        filled = o !== null;
        obj = o ?? [];
        break;
      }
      case K_MAP: {
        const o = reuse(own, Map.prototype);
        filled = o !== null;
        obj = o ?? new Map();
        break;
      }
      case K_SET: {
        const o = reuse(own, Set.prototype);
        filled = o !== null;
        obj = o ?? new Set();
        break;
      }
      case K_TYPED: {
        const ctor = TYPED[r.u8()];
        if (!ctor) throw damaged('unknown typed array kind');
        const buffer = value(undefined);
        if (!(buffer instanceof ArrayBuffer)) throw damaged('a typed array without its buffer');
        const byteOffset = r.uint();
        const length = r.uint();
        try {
          obj = new ctor(buffer, byteOffset, length);
        } catch {
          throw damaged('a typed array does not fit its buffer');
        }
        objects[id] = obj;
        return obj;
      }
      case K_BUFFER: {
        const b = new ArrayBuffer(r.uint());
        r.rawInto(new Uint8Array(b));
        objects[id] = b;
        return b;
      }
      case K_DATE: {
        obj = new Date(r.f64());
        objects[id] = obj;
        return obj;
      }
      default:
        throw damaged(`unknown object kind ${kind}`);
    }
    objects[id] = obj;
    pending.push(obj);
    pendingKinds.push(filled ? kind | OWN : kind);
    return obj;
  };

  const rootValue = value(root);
  if (rootValue !== root) throw snapshotError('snapshot does not hold an object of the kind it is restored into');
  for (let pi = 0; pi < pending.length; pi++) {
    const obj = pending[pi] as object;
    const kind = (pendingKinds[pi] as number) & ~OWN;
    const own = ((pendingKinds[pi] as number) & OWN) !== 0;
    if (kind === K_ARRAY) {
      const a = obj as unknown[];
      const n = r.uint();
      for (let i = 0; i < n; i++) {
        const v = value(own ? a[i] : undefined);
        if (v === KEEP) {
          if (!own || i >= a.length) throw missing(obj, String(i));
        } else if (!Object.is(a[i], v)) a[i] = v;
      }
      if (a.length !== n) a.length = n;
    } else if (kind === K_MAP) {
      const m = obj as Map<unknown, unknown>;
      const n = r.uint();
      const entries: [unknown, unknown][] = [];
      for (let i = 0; i < n; i++) {
        const k = value(undefined);
        if (k === KEEP) throw missing(obj, '<key>');
        let v = value(own ? m.get(k) : undefined);
        if (v === KEEP) {
          if (!own || !m.has(k)) throw missing(obj, String(k));
          v = m.get(k);
        }
        if (own) entries.push([k, v]);
        else m.set(k, v);
      }
      if (own) {
        m.clear();
        for (const [k, v] of entries) m.set(k, v);
      }
    } else if (kind === K_SET) {
      const s = obj as Set<unknown>;
      const n = r.uint();
      if (own) s.clear();
      for (let i = 0; i < n; i++) {
        const v = value(undefined);
        if (v === KEEP) throw missing(obj, '<member>');
        s.add(v);
      }
    } else {
      const o = obj as Record<string, unknown>;
      const n = r.uint();
      const seen = own ? new Set<string>() : null;
      for (let i = 0; i < n; i++) {
        const k = readString();
        seen?.add(k);
        const v = value(own ? o[k] : undefined);
        if (v === KEEP) {
          if (!own || !Object.hasOwn(o, k)) throw missing(obj, k);
        } else if (!own || !Object.is(o[k], v) || !Object.hasOwn(o, k)) {
          try {
            if (k === '__proto__') Object.defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true });
            else o[k] = v;
          } catch {
            throw snapshotError(`snapshot differs from the engine it is restored into in a field it cannot write: ${describe(obj)}.${k}`);
          }
        }
      }
      if (seen) for (const k of Object.keys(o)) if (!seen.has(k)) delete o[k];
    }
    yield;
  }
}
