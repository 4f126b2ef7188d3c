import type { FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify';
import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { Value } from 'typebox/value';
import { ITEMS_CHECKED_BY_SERVER } from '@notewave/api-client';
import { EngineError, findUnstorableText, isStorableText, unstorableTextMessage } from '@notewave/engine';

/** A decimal integer as Value.Convert reads it, with nothing it would read differently (no sign on 0, no leading zeros, no blanks). */
const PLAIN_INTEGER = /^(?:0|-?[1-9]\d{0,14})$/;

type Converter = (value: unknown) => unknown;

/**
 * A converter for query strings, route params and headers that gives exactly what `Value.Convert` gives, quickly,
 * for the usual input: an object of strings where each numeric property holds a plain decimal integer. Any other
 * input, or a schema that is not a flat object of strings, integers and string enums, goes to `Value.Convert`.
 * `Value.Convert` walks the schema generically on every request; on the feed route it cost as much as routing.
 */
export function fastConverter(schema: TSchema): Converter {
  const convert: Converter = (value) => Value.Convert(schema, value);
  const s = schema as { type?: unknown; properties?: Record<string, { type?: unknown; enum?: unknown; anyOf?: unknown }> };
  if (s.type !== 'object' || typeof s.properties !== 'object' || s.properties === null) return convert;
  const numeric = new Set<string>();
  for (const [name, p] of Object.entries(s.properties)) {
    if (p.type === 'integer') numeric.add(name);
    else if (p.type === 'string' && p.anyOf === undefined) continue;
    else if (p.type === undefined && Array.isArray(p.enum) && p.enum.every((e) => typeof e === 'string')) continue;
    else return convert;
  }
  return (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return convert(value);
    let out: Record<string, unknown> | null = null;
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      const v = (value as Record<string, unknown>)[key];
      if (typeof v !== 'string') return convert(value);
      if (!numeric.has(key)) continue;
      if (!PLAIN_INTEGER.test(v)) return convert(value);
      out ??= { ...(value as Record<string, unknown>) };
      out[key] = Number(v);
    }
    return out ?? value;
  };
}

/**
 * Top-level array properties whose items the service checks one by one (`ITEMS_CHECKED_BY_SERVER`, e.g. a batch
 * of events, where one bad item must not sink the others): the edge checks only that they are arrays of the
 * allowed length, and leaves their items, text included, to the service.
 */
function itemsCheckedByService(schema: TSchema): { edge: TSchema; skip: ReadonlySet<string> } {
  const props = (schema as { properties?: Record<string, Record<string, unknown>> }).properties;
  const skip = new Set<string>();
  if (!props) return { edge: schema, skip };
  const edgeProps: Record<string, unknown> = {};
  for (const [name, p] of Object.entries(props)) {
    if (p.type === 'array' && p[ITEMS_CHECKED_BY_SERVER] === true) {
      skip.add(name);
      edgeProps[name] = { type: 'array', ...(p.minItems !== undefined && { minItems: p.minItems }), ...(p.maxItems !== undefined && { maxItems: p.maxItems }) };
    } else edgeProps[name] = p;
  }
  return skip.size === 0 ? { edge: schema, skip } : { edge: { ...schema, properties: edgeProps } as TSchema, skip };
}

/** The first string (or key) no store can keep as sent, outside the properties left to the service. */
function unstorableText(value: unknown, skip: ReadonlySet<string>): string | null {
  if (skip.size === 0 || typeof value !== 'object' || value === null || Array.isArray(value)) return findUnstorableText(value);
  for (const key in value) {
    if (!Object.hasOwn(value, key) || skip.has(key)) continue;
    if (!isStorableText(key)) return key;
    const bad = findUnstorableText((value as Record<string, unknown>)[key], key);
    if (bad !== null) return bad;
  }
  return null;
}

/**
 * TypeBox validation as `@fastify/type-provider-typebox` does it (bodies checked as sent, other parts converted
 * first, so `?limit=20` is a number), with the fast converter for the parts that are converted. Every string that
 * passes the schema is then checked once more, here for every route: a NUL or a lone surrogate is refused with a
 * 400, since no store can keep it as sent (PostgreSQL refuses it, SQLite would store U+FFFD).
 */
export const validatorCompiler: FastifySchemaCompiler<TSchema> = ({ schema, httpPart }) => {
  const { edge, skip } = itemsCheckedByService(schema);
  const check = Compile(edge);
  const convert = httpPart === 'body' ? null : fastConverter(edge);
  const where = httpPart === 'body' ? 'body' : httpPart === 'params' ? 'params' : httpPart === 'querystring' ? 'querystring' : httpPart ?? 'request';
  return (value: unknown) => {
    const converted = convert ? convert(value) : value;
    if (!check.Check(converted)) return { error: check.Errors(converted) as unknown as FastifySchemaValidationError[] };
    const bad = unstorableText(converted, skip);
    if (bad === null) return { value: converted };
    const at = bad === '' ? where : `${where}/${bad}`;
    return { error: new EngineError('validation_failed', unstorableTextMessage(at)) };
  };
};
