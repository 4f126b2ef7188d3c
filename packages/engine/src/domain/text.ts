/*
 * Text every store can keep exactly as sent. PostgreSQL refuses NUL in text and JSON, and a lone UTF-16
 * surrogate has no UTF-8 form, so SQLite would silently store U+FFFD instead and a later look-up by the same
 * string would miss. Both are refused wherever text enters: at the HTTP edge, in event validation and in the
 * event log.
 */

// A NUL, a high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
const UNSTORABLE = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether a string holds no NUL and no lone surrogate. */
export function isStorableText(s: string): boolean {
  return !UNSTORABLE.test(s);
}

/** Why the value at `path` (as `findUnstorableText` names it) cannot be stored: one wording for every layer. */
export function unstorableTextMessage(path: string): string {
  return `${path} holds a NUL character or a lone surrogate`;
}

/** Nesting followed into a value before giving up; deeper values are reported as unstorable. */
const MAX_DEPTH = 64;

/**
 * The path (`a.b[2]`) of the first string in `value` (object keys included) that is not storable text, or null
 * when every string is; `''` names `value` itself. Storable values (the usual case) are walked without building
 * any path: the path is spelled out only once something was found.
 */
export function findUnstorableText(value: unknown, path = '', depth = 0): string | null {
  return allStorable(value, depth) ? null : unstorablePath(value, path, depth);
}

/** Whether every string in `value` (object keys included) is storable text, within the nesting limit. */
function allStorable(value: unknown, depth: number): boolean {
  if (typeof value === 'string') return !UNSTORABLE.test(value);
  if (typeof value !== 'object' || value === null) return true;
  if (depth > MAX_DEPTH) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!allStorable(value[i], depth + 1)) return false;
    return true;
  }
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (UNSTORABLE.test(key) || !allStorable((value as Record<string, unknown>)[key], depth + 1)) return false;
  }
  return true;
}

function unstorablePath(value: unknown, path: string, depth: number): string | null {
  if (typeof value === 'string') return isStorableText(value) ? null : path;
  if (typeof value !== 'object' || value === null) return null;
  if (depth > MAX_DEPTH) return path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = unstorablePath(value[i], `${path}[${i}]`, depth + 1);
      if (bad !== null) return bad;
    }
    return null;
  }
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const at = path === '' ? key : `${path}.${key}`;
    if (!isStorableText(key)) return at;
    const bad = unstorablePath((value as Record<string, unknown>)[key], at, depth + 1);
    if (bad !== null) return bad;
  }
  return null;
}
