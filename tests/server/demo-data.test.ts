// The demo data of seeds/ as the server loads it on first start (main.ts): every document must pass
// the server's checks, and every demo login must work.
import { describe, expect, it, onTestFinished } from 'vitest';
import { loadDemoDataset } from '../../seeds/load';
import { createApp } from '../../src/server/http/app';
import { migrateToLatest } from '../../src/server/store/migrations';
import { Repository } from '../../src/server/store/repository';
import { databases } from './harness';

// Several server processes share a PostgreSQL database; a SQLite file has one (README).
const postgres = databases.filter((kind) => kind.name === 'PostgreSQL');

describe.each(postgres)('the demo data, two processes starting together ($name)', (kind) => {
  it('is loaded by one of them only, and the other finds it there', async () => {
    const { database, dispose, connectAgain } = await kind.empty();
    onTestFinished(dispose);
    await migrateToLatest(database.db);
    const other = await connectAgain();
    onTestFinished(() => other.close());
    const dataset = loadDemoDataset('2026-12-01');

    const loaded = await Promise.all(
      [database, other].map((process) => new Repository(process).loadDatasetIfEmpty(dataset)),
    );
    expect(loaded.sort()).toEqual([false, true]);
    const documents = await database.db
      .selectFrom('documents')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const records = dataset.users.length + dataset.elders.length + dataset.schedules.length;
    expect(Number(documents.n)).toBe(records + dataset.visits.length);
    const credentials = await database.db.selectFrom('credentials').select('username').execute();
    expect(credentials).toHaveLength(dataset.users.length);
  });
});

describe.each(databases)('the demo data ($name)', (kind) => {
  it('loads into an empty database, and each demo user can sign in and pull', async () => {
    const { database, dispose } = await kind.empty();
    onTestFinished(dispose);
    await migrateToLatest(database.db);
    const repository = new Repository(database);
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
    }
  });
});
