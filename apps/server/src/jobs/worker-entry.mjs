// Worker threads do not inherit a loader registered through tsx's API, so each worker registers it before
// loading the TypeScript worker module named in workerData.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.module);
