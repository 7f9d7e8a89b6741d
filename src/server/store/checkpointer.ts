// SQLite's write-ahead log is copied back into the database file by checkpoints. By default the
// connection that commits runs one each time the log passes 1,000 pages, on the event loop: during
// the end-of-shift rush about 6 ms, with an fsync, every few dozen pushes, and without them the
// server completed about 15% more syncs a second. Here a worker thread with a connection of its own runs
// PASSIVE checkpoints, which neither wait for nor block the server's reads and writes, on another
// core. The server's connection leaves checkpoints to it while it runs, and takes them back if the
// thread ends.
import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';

const CHECKPOINT_EVERY_MS = 250;
/** SQLite's default: a checkpoint once the log is this many pages. */
const OWN_CHECKPOINT_PAGES = 1000;

export interface BackgroundCheckpoints {
  /** Ends the thread; the connection checkpoints on its own again (and fully when it closes). */
  stop(): Promise<void>;
}

export function checkpointInBackground(connection: SQLite.Database, file: string): BackgroundCheckpoints {
  const worker = new Worker(new URL('./checkpoint-worker.mjs', import.meta.url), {
    workerData: { file, everyMs: CHECKPOINT_EVERY_MS },
  });
  connection.pragma('wal_autocheckpoint = 0');
  const exited = new Promise<void>((resolve) => {
    worker.once('exit', () => {
      if (connection.open) connection.pragma(`wal_autocheckpoint = ${OWN_CHECKPOINT_PAGES}`);
      resolve();
    });
  });
  let stopping = false;
  worker.on('error', (error) => {
    if (!stopping)
      console.error('background checkpoints stopped; the server checkpoints itself again', error);
  });
  return {
    async stop() {
      stopping = true;
      worker.postMessage('stop');
      await exited;
    },
  };
}
