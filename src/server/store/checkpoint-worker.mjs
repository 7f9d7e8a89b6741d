// The thread of the background checkpoints (checkpointer.ts). Plain JavaScript: a worker thread
// starts without the TypeScript loader the server runs under.
import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';

/** @type {{ file: string, everyMs: number }} */
const { file, everyMs } = workerData;
const connection = new SQLite(file, { fileMustExist: true });
// PASSIVE copies what it can without waiting for, or blocking, the server's connection. An error
// ends the thread, and the server's connection then checkpoints on its own again.
const timer = setInterval(() => connection.pragma('wal_checkpoint(PASSIVE)'), everyMs);

parentPort?.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  connection.close();
  parentPort?.close();
});
