// Starts the server: settings, database, HTTP. The deployed entry (main.ts) passes no hooks, so its
// code path holds no demo data; `npm start` (seeds/serve-demo.ts) passes hooks that load the demo
// data into an empty database and print its logins. Settings: docs/operations.md.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { ConfigError, loadConfig } from './config';
import { createApp } from './http/app';
import { relayChanges } from './store/change-relay';
import { openDatabase, placedTarget } from './store/database';
import { migrateToLatest } from './store/migrations';
import { Repository } from './store/repository';
import { ChangeNotifier } from './sync/change-notifier';

/** What a caller adds to the server's start; each hook runs once, in this order. */
export interface StartHooks {
  /** Once the database is migrated, before the server listens (an empty database can be filled). */
  beforeListening?(repository: Repository): Promise<void>;
  /** Once the server listens. */
  afterListening?(repository: Repository): Promise<void>;
}

/** Starts the server with the settings in `env`; a bad setting or a failed start ends the process. */
export function runServer(env: Record<string, string | undefined>, hooks: StartHooks = {}): void {
  startServer(env, hooks).catch((error: unknown) => {
    // A bad setting is the operator's to fix: its message says which; anything else gets its stack.
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  });
}

async function startServer(env: Record<string, string | undefined>, hooks: StartHooks): Promise<void> {
  const config = loadConfig(env);
  const target = placedTarget(config.database);
  const database = await openDatabase(
    target.kind === 'sqlite'
      ? { ...target, backgroundCheckpoints: true, onLogSyncFailure: stopOnDiskFailure }
      : target,
  );
  await migrateToLatest(database.db);
  const repository = new Repository(database);
  await hooks.beforeListening?.(repository);

  const staticDir = resolve(config.staticDir);
  if (!existsSync(staticDir))
    console.warn(`No built app in ${staticDir} (run \`npm run build\`): serving the API only.`);
  const notifier = new ChangeNotifier();
  // Several server processes may share a PostgreSQL database: pushes taken by one reach the change
  // streams of all. A SQLite file has one server process.
  const stopRelay = target.kind === 'postgres' ? await relayChanges(notifier, target.url) : async () => {};
  const app = createApp({ repository, notifier, staticDir: existsSync(staticDir) ? staticDir : undefined });

  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    const where = target.kind === 'sqlite' ? target.file : `PostgreSQL ${redactPassword(target.url)}`;
    console.log(`Tanfang is running: http://localhost:${info.port} (database ${where})`);
    void hooks.afterListening?.(repository);
  });

  const stop = () => {
    // Open change streams would keep close() waiting for ever.
    if ('closeAllConnections' in server) server.closeAllConnections();
    server.close(
      () =>
        void stopRelay()
          .then(() => database.close())
          .then(() => process.exit(0)),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/**
 * A failed sync of SQLite's log leaves nothing known to be on disk, and the kernel may have dropped
 * the pages it could not write. Carrying on could answer later pushes as stored when they are not.
 * Stopping lets a supervisor restart the server on what the file really holds; the devices send
 * again whatever was not answered.
 */
function stopOnDiskFailure(error: unknown): void {
  console.error('Syncing the database log to disk failed; stopping.', error);
  process.exit(1);
}

/** The URL with its password, if any, replaced: start-up logs are often shared. */
function redactPassword(url: string): string {
  const parsed = new URL(url);
  if (parsed.password !== '') parsed.password = '***';
  return parsed.toString();
}
