/**
 * Heap limit for every benchmark process (the runner, server children, memory probes). V8's default
 * old-space limit (~4 GB here) is below what the full scale needs before any memory work pays off; a
 * limit is only a ceiling, so smaller scales are unaffected. `npm run bench` and `notewave bench` pass
 * the same flag to the runner.
 */
export const HEAP_FLAG = '--max-old-space-size=16384';
