import type { NoteKind } from '../../domain/note.ts';
import { EngineError } from '../../errors.ts';
import { mergeInto, rankedItem, type RankedItem } from './candidate.ts';
import { IxSlots } from './ix-marks.ts';
import type { Sorter } from './sort.ts';
import type { CandidateSource, ComponentDeps, ComponentRegistry, Params, Reranker, Scorer } from './components.ts';
import type { FeedContext } from './feed-context.ts';

/** A component named in config, with its parameters beside the name. */
export interface ComponentSpec {
  name: string;
  [param: string]: unknown;
}

export interface SourceSpec extends ComponentSpec {
  /** Most candidates this source may propose per request. */
  quota: number;
}

/** One strategy: candidate sources → scorer → rerankers → page. */
export interface PipelineConfig {
  /** Note kinds served; all when absent. */
  kinds?: NoteKind[];
  sources: SourceSpec[];
  scorer: ComponentSpec;
  rerankers: ComponentSpec[];
}

/** A built pipeline; running it is pure over the live state plus the request's rng. */
export class Pipeline {
  /** Reused by every run (a run completes before the next starts). */
  private readonly slots = new IxSlots();

  constructor(
    readonly name: string,
    readonly kinds: ReadonlySet<NoteKind> | null,
    private readonly sources: { source: CandidateSource; quota: number }[],
    private readonly scorer: Scorer,
    private readonly rerankers: Reranker[],
    private readonly sort: Sorter,
  ) {}

  /** Ranked items for the request, at most `ctx.limit`, none already shown in the session. */
  run(ctx: FeedContext): RankedItem[] {
    // Items in the order their notes were first proposed; `slots` finds a note's item when another source proposes it.
    let items: RankedItem[] = [];
    const slots = this.slots;
    slots.clear();
    for (const { source, quota } of this.sources) {
      if (quota <= 0) continue;
      for (const c of source.fetch(ctx, quota)) {
        const meta = ctx.admissible(c.ix);
        if (!meta) continue;
        const at = slots.get(c.ix);
        if (at >= 0) mergeInto(items[at] as RankedItem, source.name, c);
        else {
          slots.set(c.ix, items.length);
          items.push(rankedItem(source.name, c, meta));
        }
      }
    }
    this.scorer.score(items, ctx);
    this.sort.sortByScoreThenIx(items);
    for (const r of this.rerankers) items = r.rerank(items, ctx);
    return items.slice(0, ctx.limit);
  }
}

/** Builds a pipeline from its config; unknown component names fail here, at start-up. */
export function buildPipeline(name: string, cfg: PipelineConfig, registry: ComponentRegistry, deps: ComponentDeps): Pipeline {
  const lookup = <F>(table: Readonly<Record<string, F>>, kind: string, spec: ComponentSpec | undefined): F => {
    const f = spec && Object.hasOwn(table, spec.name) ? table[spec.name] : undefined;
    if (!f) throw new EngineError('unknown_pipeline', `pipeline '${name}': unknown ${kind} '${spec?.name ?? '(missing)'}'`, { pipeline: name, kind, component: spec?.name });
    return f;
  };
  const params = (spec: ComponentSpec): Params => spec;
  if (!Array.isArray(cfg.sources) || !Array.isArray(cfg.rerankers)) {
    throw new EngineError('config_invalid', `pipeline '${name}' needs sources and rerankers arrays`);
  }
  const sources = cfg.sources.map((s) => {
    if (typeof s.quota !== 'number' || !(s.quota >= 0)) throw new EngineError('config_invalid', `pipeline '${name}': source '${s.name}' needs a quota >= 0`);
    return { source: lookup(registry.sources, 'source', s)(params(s), deps), quota: s.quota };
  });
  const scorer = lookup(registry.scorers, 'scorer', cfg.scorer)(params(cfg.scorer), deps);
  const rerankers = cfg.rerankers.map((r) => lookup(registry.rerankers, 'reranker', r)(params(r), deps));
  return new Pipeline(name, cfg.kinds ? new Set(cfg.kinds) : null, sources, scorer, rerankers, deps.sort);
}
