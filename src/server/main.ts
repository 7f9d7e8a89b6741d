// Starts the server: settings, database, demo data on first start, HTTP. Run with
// `tsx src/server/main.ts` (see README for the environment variables).
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { toLocalDate } from '../domain/cadence';
import type { Dataset } from '../domain/dataset';
import { verifyPassword } from './auth/password';
import { type Config, ConfigError, loadConfig } from './config';
import { createApp } from './http/app';
import { relayChanges } from './store/change-relay';
import { openDatabase } from './store/database';
import { migrateToLatest } from './store/migrations';
import { Repository } from './store/repository';
import { ChangeNotifier } from './sync/change-notifier';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const target =
    config.database.kind === 'sqlite'
      ? { ...config.database, file: resolve(config.database.file) }
      : config.database;
  if (target.kind === 'sqlite') mkdirSync(dirname(target.file), { recursive: true });
  const database = await openDatabase(
    target.kind === 'sqlite'
      ? { ...target, backgroundCheckpoints: true, onLogSyncFailure: stopOnDiskFailure }
      : target,
  );
  await migrateToLatest(database.db);
  const repository = new Repository(database);
  const demo = await loadDemoIfEmpty(repository, config);

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
    void printDemoLogins(repository, demo);
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

/** Loads the demo data into an empty database when LOAD_DEMO allows; returns it when it did. */
async function loadDemoIfEmpty(repository: Repository, config: Config): Promise<Dataset | undefined> {
  if (config.loadDemo === 'never' || !(await repository.isEmpty())) return undefined;
  // Imported only when needed: a production database that already has data never loads the seeds.
  const { loadDemoDataset } = await import('../../seeds/load');
  const dataset = loadDemoDataset(toLocalDate(new Date()));
  // Another process starting on the same empty database may have loaded it meanwhile.
  return (await repository.loadDatasetIfEmpty(dataset)) ? dataset : undefined;
}

/**
 * Prints the demo logins on every start while they still work (not only on the first), so whoever
 * runs `npm start` again can sign in. A login whose password was changed is not printed.
 */
async function printDemoLogins(repository: Repository, loadedNow: Dataset | undefined): Promise<void> {
  const { loadDemoDataset } = await import('../../seeds/load');
  const demo = loadedNow ?? loadDemoDataset(toLocalDate(new Date()));
  const working = [];
  for (const user of demo.users) {
    const stored = await repository.findPasswordHash(user.username);
    if (stored && (await verifyPassword(user.password, stored.passwordHash))) working.push(user);
  }
  if (working.length === 0) return;
  console.log(loadedNow ? 'Demo data loaded. Sign in as:' : 'Demo logins:');
  for (const user of working) {
    console.log(`  ${user.username} / ${user.password}  (${user.role}, ${user.towns.join(', ')})`);
  }
}

main().catch((error: unknown) => {
  // A bad setting is the operator's to fix: its message says which; anything else gets its stack.
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
