import type { LoadPhase } from '../lib/community.ts';
import * as f from '../lib/format.ts';
import { loadedEngine } from '../lib/loaded-engine.ts';
import type { MemorySnapshot } from '../lib/memory.ts';
import { SCALES, type Scale } from '../lib/scale.ts';
import { target, type BenchContext, type Workload } from '../lib/workload.ts';
import { childResult } from '../lib/child-result.ts';
import { engineMemoryBreakdown, type MemoryPart } from '../lib/memory-breakdown.ts';

interface Probe {
  memory: { before: MemorySnapshot } & Record<LoadPhase, MemorySnapshot>;
  counts: Record<LoadPhase, number>;
}

function probeInChild(ctx: BenchContext, scale: Scale): Promise<Probe> {
  return childResult<Probe>(ctx.root, 'memory-probe.ts', [JSON.stringify(scale), String(ctx.seed)], `memory probe for scale '${scale.name}'`);
}

/** Heap plus memory outside it (typed arrays, strings held by native code): what the state really costs. */
const live = (m: MemorySnapshot) => m.heapUsed + m.external;

export const workload: Workload = {
  name: 'memory',
  description: 'RSS and heap after loading each scale into an engine; bytes per note, per user (with follows) and per applied event',
  async run(ctx) {
    const rows: (string | number)[][] = [];
    const metrics: Record<string, number> = {};
    const full = SCALES[SCALES.length - 1]!;
    let projected = Number.NaN;
    let measuredFullRss = Number.NaN;
    let breakdown: { parts: MemoryPart[]; live: number; notes: number; users: number; events: number } | null = null;
    for (const scale of ctx.ladder) {
      ctx.log(`memory: loading scale '${scale.name}'`);
      let p: Probe;
      if (scale === ctx.scale) {
        const loaded = await loadedEngine(ctx);
        ctx.log('memory: walking the engine state by component');
        breakdown = { parts: engineMemoryBreakdown(loaded.engine), live: live(loaded.memory.events) - live(loaded.memory.before), notes: loaded.counts.notes, users: loaded.counts.users, events: loaded.counts.events };
        p = loaded;
      } else {
        p = await probeInChild(ctx, scale);
      }
      const m = p.memory;
      const perUser = (live(m.users) - live(m.before) + live(m.follows) - live(m.notes)) / p.counts.users;
      const perNote = (live(m.notes) - live(m.users)) / p.counts.notes;
      const perEvent = (live(m.events) - live(m.follows)) / Math.max(1, p.counts.events);
      // Linear projection to the full scale from this scale's per-record costs.
      projected = m.events.rss + perNote * (full.notes - p.counts.notes) + perUser * (full.users - p.counts.users) + perEvent * (full.events - p.counts.events);
      if (scale.name === full.name) measuredFullRss = m.events.rss;
      rows.push([scale.name, f.num(p.counts.notes), f.num(p.counts.users), f.num(p.counts.events), f.bytes(m.events.rss), f.bytes(m.events.heapUsed), f.bytes(m.events.external), f.num(perNote), f.num(perUser), f.num(perEvent), f.bytes(projected)]);
      Object.assign(metrics, {
        [`${scale.name}_rss_bytes`]: m.events.rss,
        [`${scale.name}_heap_used_bytes`]: m.events.heapUsed,
        [`${scale.name}_external_bytes`]: m.events.external,
        [`${scale.name}_bytes_per_note`]: perNote,
        [`${scale.name}_bytes_per_user`]: perUser,
        [`${scale.name}_bytes_per_event`]: perEvent,
        [`${scale.name}_projected_full_rss_bytes`]: projected,
      });
    }
    const fullRss = Number.isFinite(measuredFullRss) ? measuredFullRss : projected;
    return {
      tables: [
        {
          title: 'memory after loading (after a full GC); per-record costs are heap+external deltas of each load phase',
          columns: ['scale', 'notes', 'users', 'events', 'RSS', 'heap used', 'external', 'B/note', 'B/user', 'B/event', 'projected RSS @ full'],
          rows,
        },
        ...(breakdown ? [breakdownTable(ctx.scale.name, breakdown)] : []),
      ],
      metrics: { ...metrics, ...(breakdown ? breakdownMetrics(breakdown.parts) : {}) },
      targets: [
        target(Number.isFinite(measuredFullRss) ? 'RSS at full scale' : 'RSS at full scale (projected)', '≤ 2 GB', f.bytes(fullRss), fullRss <= 2 * 1024 ** 3),
      ],
      notes: [
        'the run\'s own scale is measured in the runner process (readings taken during the shared load); smaller scales in fresh child processes',
        'B/user includes the user\'s standing follow edges; B/event is growth of live state per applied event (events themselves are not kept)',
      ],
    };
  },
};

function breakdownTable(scale: string, b: { parts: MemoryPart[]; live: number; notes: number; users: number; events: number }) {
  return {
    title: `where the engine's memory is at '${scale}' (heap + external grown by loading: ${f.bytes(b.live)}), estimated by walking the state; each object counted once, for the first component listed in memory-breakdown.ts that reaches it`,
    columns: ['component', 'bytes', 'share', 'B/note', 'B/user', 'B/event'],
    rows: b.parts.map((p) => [p.name, f.bytes(p.bytes), `${((100 * p.bytes) / Math.max(1, b.parts[b.parts.length - 1]!.bytes)).toFixed(1)}%`, f.num(p.bytes / b.notes), f.num(p.bytes / b.users), f.num(p.bytes / Math.max(1, b.events))]),
  };
}

function breakdownMetrics(parts: MemoryPart[]): Record<string, number> {
  return Object.fromEntries(parts.map((p) => [`breakdown_${p.name.replace(/[^a-z0-9]+/gi, '_').replace(/^_|_$/g, '').toLowerCase()}_bytes`, p.bytes]));
}
