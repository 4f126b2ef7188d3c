import { CompiledQuery, type Compilable } from 'kysely';

/**
 * A hot read whose SQL text depends only on how many values it binds (`where id = ?`, `where id in (?, ?, …)`):
 * Kysely builds and compiles it once per value count, and later calls reuse that text with fresh parameters, so a
 * request no longer pays for building and compiling a query tree. On SQLite the connection's statement cache then
 * also reuses the prepared statement for the same text.
 */
export class FixedShapeQuery<R> {
  private readonly sqlByCount = new Map<number, string>();

  /** `build` must bind exactly the given values, in order, and nothing else; the first compile checks that. */
  constructor(
    private readonly build: (values: readonly unknown[]) => Compilable<R>,
    private readonly maxShapes = 64,
  ) {}

  compile(values: readonly unknown[]): CompiledQuery<R> {
    let text = this.sqlByCount.get(values.length);
    if (text === undefined) {
      const compiled = this.build(values).compile();
      const p = compiled.parameters;
      if (p.length !== values.length || p.some((v, i) => v !== values[i])) {
        throw new Error('a fixed-shape query must bind exactly its values, in order');
      }
      text = compiled.sql;
      // Shapes are bounded by page sizes in practice; keep odd sizes from growing the map without limit.
      if (this.sqlByCount.size >= this.maxShapes) this.sqlByCount.clear();
      this.sqlByCount.set(values.length, text);
    }
    return CompiledQuery.raw(text, values as unknown[]) as CompiledQuery<R>;
  }
}
