import type { FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify';
import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { Value } from 'typebox/value';

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
 * TypeBox validation as `@fastify/type-provider-typebox` does it (bodies checked as sent, other parts converted
 * first, so `?limit=20` is a number), with the fast converter for the parts that are converted.
 */
export const validatorCompiler: FastifySchemaCompiler<TSchema> = ({ schema, httpPart }) => {
  const check = Compile(schema);
  const convert = httpPart === 'body' ? null : fastConverter(schema);
  return (value: unknown) => {
    const converted = convert ? convert(value) : value;
    if (check.Check(converted)) return { value: converted };
    return { error: check.Errors(converted) as unknown as FastifySchemaValidationError[] };
  };
};
