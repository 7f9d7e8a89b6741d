// The demo data of seeds/ as `npm start` loads it on first start (seeds/demo-server.ts): every
// document must pass the server's checks, and every demo login must work.
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { demoHooks } from '../../seeds/demo-server';
import { loadDemoDataset } from '../../seeds/load';
import { createApp } from '../../src/server/http/app';
import { migrateToLatest } from '../../src/server/store/migrations';
import { Repository } from '../../src/server/store/repository';
import { databases } from '../support/test-servers';

// Several server processes share a PostgreSQL database; a SQLite file has one (docs/operations.md).
const postgres = databases.filter((kind) => kind.name === 'PostgreSQL');

describe.each(postgres)('the demo data, two processes starting together ($name)', (kind) => {
  it('is loaded by one of them only, and the other finds it there', async () => {
    const { database, dispose, connectAgain } = await kind.empty();
    onTestFinished(dispose);
    await migrateToLatest(database.db);
    const other = await connectAgain();
    onTestFinished(() => other.close());
    const dataset = loadDemoDataset('2026-12-01');
    const printed = vi.spyOn(console, 'log').mockImplementation(() => {});
    onTestFinished(() => printed.mockRestore());

    await Promise.all(
      [database, other].map(async (process) => {
        const hooks = demoHooks('auto', () => '2026-12-01');
        const repository = new Repository(process);
        await hooks.beforeListening?.(repository);
        await hooks.afterListening?.(repository);
      }),
    );
    const headings = printed.mock.calls.map(([line]) => line).filter((line) => !line.startsWith(' '));
    expect(headings.sort()).toEqual(['Demo data loaded. Sign in as:', 'Demo logins:']);
    const documents = await database.db
      .selectFrom('documents')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const records = dataset.users.length + dataset.elders.length + dataset.schedules.length;
    expect(Number(documents.n)).toBe(records + dataset.visits.length + (dataset.volunteers?.length ?? 0));
    const credentials = await database.db.selectFrom('credentials').select('username').execute();
    expect(credentials).toHaveLength(dataset.users.length);
  });
});

/** A migrated empty database of `kind`, disposed of when the test ends. */
async function migratedEmpty(kind: (typeof databases)[number]) {
  const { database, dispose } = await kind.empty();
  onTestFinished(dispose);
  await migrateToLatest(database.db);
  return { database, repository: new Repository(database) };
}

/** Runs the hooks of `npm start` as the server does, and gives back the lines they printed. */
async function startAsNpmStart(loadDemo: 'auto' | 'never', repository: Repository): Promise<string[]> {
  const printed = vi.spyOn(console, 'log').mockImplementation(() => {});
  onTestFinished(() => printed.mockRestore());
  const hooks = demoHooks(loadDemo, () => '2026-12-01');
  await hooks.beforeListening?.(repository);
  await hooks.afterListening?.(repository);
  return printed.mock.calls.map(([line]) => String(line));
}

describe.each(databases)('the demo data ($name)', (kind) => {
  it('loads into an empty database, and each demo user can sign in and pull', async () => {
    const { repository } = await migratedEmpty(kind);
    expect(await repository.isEmpty()).toBe(true);
    const dataset = loadDemoDataset('2026-12-01');
    await repository.loadDataset(dataset);
    expect(await repository.isEmpty()).toBe(false);

    const app = createApp({ repository });
    for (const user of dataset.users) {
      const login = await app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: user.username, password: user.password }),
      });
      expect(login.status, user.username).toBe(200);
      const { token } = (await login.json()) as { token: string };
      const pull = await app.request('/api/sync/elders/pull?limit=1000', {
        headers: { Authorization: `Bearer ${token}` },
      });
      const { documents } = (await pull.json()) as { documents: unknown[] };
      expect(documents.length, `${user.username} sees elders`).toBeGreaterThan(0);
      const register = await app.request('/api/sync/volunteers/pull?limit=1000', {
        headers: { Authorization: `Bearer ${token}` },
      });
      const { documents: volunteers } = (await register.json()) as { documents: unknown[] };
      expect(volunteers.length, `${user.username} sees volunteers`).toBeGreaterThan(0);
    }
  });
});

describe.each(databases)('the demo hooks of `npm start` ($name)', (kind) => {
  it('leave the database empty with LOAD_DEMO=never, and print no logins', async () => {
    const { repository } = await migratedEmpty(kind);

    expect(await startAsNpmStart('never', repository)).toEqual([]);
    expect(await repository.isEmpty()).toBe(true);
  });

  it('add nothing to a database that holds data, and print the demo logins that work there', async () => {
    const { database, repository } = await migratedEmpty(kind);
    const { users } = loadDemoDataset('2026-12-01');
    const worker = users.find((user) => user.role === 'worker') as (typeof users)[number];
    await repository.loadDataset({ users: [worker], elders: [], schedules: [], visits: [] });

    const lines = await startAsNpmStart('auto', repository);

    const credentials = await database.db.selectFrom('credentials').select('username').execute();
    expect(credentials.map((row) => row.username)).toEqual([worker.username]);
    expect(lines).toEqual([
      'Demo logins:',
      expect.stringContaining(`${worker.username} / ${worker.password}`),
    ]);
  });
});
