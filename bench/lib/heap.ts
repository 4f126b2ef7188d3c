/**
 * V8 flags for every benchmark process (the runner, server children, memory probes).
 * - The old-space limit: V8's default (~4 GB here) is below what the full scale needs; a limit is only a
 *   ceiling, so smaller scales are unaffected.
 * - A 64 MB young-generation semi-space, the setting the server is started with (`npm start`,
 *   `npm run serve`): with a multi-GB old generation each minor GC costs ~13 ms at 1M notes, and the
 *   default 16 MB semi-space puts one on every ~60th feed request, which is the whole p99 tail.
 * `npm run bench` and `notewave bench` pass the same flags to the runner.
 */
export const NODE_FLAGS: readonly string[] = ['--max-old-space-size=16384', '--max-semi-space-size=64'];
