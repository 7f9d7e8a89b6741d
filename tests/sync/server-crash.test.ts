// The server process is killed (SIGKILL) in the middle of a push and started again: after the next
// sync nothing is lost and nothing is doubled. Real server process, real SQLite file, the app's real
// database, store and replication code (RxDB on its memory storage).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiClient } from '../../src/app/api/client';
import { openDatabase, type TanfangDatabase } from '../../src/app/db/database';
import { recordVisit } from '../../src/app/db/store';
import { SyncJournal } from '../../src/app/sync/journal';
import { type SyncController, startSync } from '../../src/app/sync/replication';
import { httpTransport } from '../../src/app/sync/transport';
import { freePort } from '../support/ports';
import { makeVisitDraft } from '../support/visit-draft';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Starts the server as `npm start` does (with the demo data) and resolves once it is listening. */
async function startServer(dataDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'seeds/serve-demo.ts'], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      STATIC_DIR: join(dataDir, 'no-app'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Tanfang is running')) resolve();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before listening:\n${output}`)));
  });
  return child;
}

function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

describe('a server killed in the middle of a push', () => {
  it('loses nothing and doubles nothing once it is started again and the device syncs', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'tanfang-crash-'));
    const port = await freePort();
    let server = await startServer(dataDir, port);
    cleanups.push(async () => {
      await killHard(server);
      await rm(dataDir, { recursive: true, force: true });
    });

    // The kill switch: the second push request is sent, and the server dies before it can answer.
    let pushes = 0;
    let killed: Promise<void> | null = null;
    const baseUrl = `http://127.0.0.1:${port}`;
    const fetchWithKill: typeof fetch = (input, init) => {
      const sent = fetch(input, init);
      if (String(input).includes('/push') && ++pushes === 2) killed = killHard(server);
      return sent;
    };
    let token: string | null = null;
    const api = createApiClient({ baseUrl, getToken: () => token, fetch: fetchWithKill });
    const login = await api.login({ username: 'worker1', password: 'tanfang-demo' });
    token = login.token;

    const journal = new SyncJournal();
    const db: TanfangDatabase = await openDatabase({
      name: `crash_${process.pid}_${Date.now()}`,
      storage: getRxStorageMemory(),
      multiInstance: false,
      conflicts: { actorId: login.user.id, journal },
    });
    let sync: SyncController | null = null;
    cleanups.push(async () => {
      await sync?.stop();
      await db.remove();
    });
    sync = startSync({
      db,
      journal,
      transport: httpTransport(api),
      identifier: login.user.id,
      pushBatchSize: 50,
    });
    await sync.syncNow();
    const elders = await db.elders.find().exec();
    expect(elders.length).toBeGreaterThan(5);

    // A shift's worth of visits recorded on the device, then synced: the server dies mid-push.
    const marker = `crash-test-${Date.now()}`;
    const recorded: string[] = [];
    for (let i = 0; i < 200; i++) {
      const elder = elders[i % elders.length];
      if (!elder) throw new Error('no elder');
      const visit = await recordVisit(
        db,
        login.user.id,
        makeVisitDraft(elder.id, {
          startedAt: new Date(Date.now() - 3_600_000).toISOString(),
          endedAt: new Date().toISOString(),
          notes: `${marker} #${i}`,
        }),
      );
      recorded.push(visit.id);
    }
    await expect(sync.syncNow()).rejects.toThrow();
    expect(killed).not.toBeNull();
    await killed;

    // Started again on the same file; the device syncs until it and the server agree.
    server = await startServer(dataDir, port);
    const syncOutcome = async () => {
      try {
        await sync?.syncNow();
        return 'in sync';
      } catch (error) {
        return String(error);
      }
    };
    await expect.poll(syncOutcome, { timeout: 30_000 }).toBe('in sync');
    expect(await db.outbox.count().exec()).toBe(0);

    const file = new Database(join(dataDir, 'tanfang.sqlite'), { readonly: true });
    const rows = file
      .prepare("SELECT id, doc FROM documents WHERE collection = 'visits' AND doc LIKE ?")
      .all(`%${marker}%`) as { id: string; doc: string }[];
    file.close();
    expect(rows.map((r) => r.id).sort()).toEqual([...recorded].sort());
    const notes = rows.map((r) => (JSON.parse(r.doc) as { notes: string }).notes);
    expect(new Set(notes).size).toBe(200);
  }, 90_000);
});
