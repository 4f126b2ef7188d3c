/**
 * Child-process entry: loads a community into a fresh engine and prints memory after each phase as one
 * `RESULT {json}` line, so each scale is measured in a clean process.
 *   node --import tsx --conditions=notewave-source bench/lib/memory-probe.ts '<scale json>' <seed>
 */
import { loadCommunity } from './community.ts';
import { memorySnapshot } from './memory.ts';
import type { Scale } from './scale.ts';

const scale = JSON.parse(process.argv[2]!) as Scale;
const seed = Number(process.argv[3]);
const memory: Record<string, ReturnType<typeof memorySnapshot>> = { before: memorySnapshot() };
const loaded = await loadCommunity(scale, seed, (phase) => void (memory[phase] = memorySnapshot()));
process.stdout.write(`RESULT ${JSON.stringify({ memory, counts: loaded.counts, phaseMs: loaded.phaseMs })}\n`);
