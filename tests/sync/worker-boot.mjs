// Starts a TypeScript worker: registers tsx's loader in this thread, then imports the worker module.
// (Node 20 does not apply `--import tsx` from a worker's execArgv to the worker itself.)
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
