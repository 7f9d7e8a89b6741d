// Change events between server processes on one PostgreSQL database (LISTEN/NOTIFY), on the test
// run's real PostgreSQL server. Each notifier stands for one server process.
import pg from 'pg';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { relayChanges } from '../../src/server/store/change-relay';
import { type ChangeEvent, ChangeNotifier } from '../../src/server/sync/change-notifier';
import { emptyPostgresDatabase } from '../support/test-servers';

async function serverProcess(url: string): Promise<{ notifier: ChangeNotifier; heard: ChangeEvent[] }> {
  const notifier = new ChangeNotifier();
  const heard: ChangeEvent[] = [];
  notifier.subscribe((event) => heard.push(event));
  const stop = await relayChanges(notifier, url);
  onTestFinished(stop);
  return { notifier, heard };
}

describe('relaying change events through PostgreSQL', () => {
  it("delivers an event published in one process to another's streams, and to its own once", async () => {
    const url = await emptyPostgresDatabase();
    const [a, b, c] = [await serverProcess(url), await serverProcess(url), await serverProcess(url)];
    const fromA: ChangeEvent = { collections: ['visits'], towns: ['东区街道'] };
    a.notifier.publish(fromA);
    await vi.waitFor(() => expect(b.heard).toEqual([fromA]));
    await vi.waitFor(() => expect(c.heard).toEqual([fromA]));
    const fromB: ChangeEvent = { collections: ['elders', 'schedules'], towns: ['小榄镇'] };
    b.notifier.publish(fromB);
    await vi.waitFor(() => expect(a.heard).toEqual([fromA, fromB]));
    await vi.waitFor(() => expect(c.heard).toEqual([fromA, fromB]));
    // Its own event came back from the database too, and was not delivered a second time.
    expect(b.heard).toEqual([fromA, fromB]);
  });

  it('listens again after its database connection is cut', async () => {
    const url = await emptyPostgresDatabase();
    const [a, b] = [await serverProcess(url), await serverProcess(url)];
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    onTestFinished(() => admin.end());
    const cut = await admin.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'",
    );
    expect(cut.rowCount).toBe(2);
    const event: ChangeEvent = { collections: ['reviews'], towns: ['东区街道'] };
    // Published again until heard: events sent while nobody listens are lost, as with any NOTIFY.
    await vi.waitFor(
      () => {
        a.notifier.publish(event);
        expect(b.heard.length).toBeGreaterThan(0);
      },
      { timeout: 10_000, interval: 250 },
    );
    expect(b.heard[0]).toEqual(event);
  });

  it('ignores a notification on its channel that is not one of its events', async () => {
    const url = await emptyPostgresDatabase();
    const receiver = await serverProcess(url);
    const raw = new pg.Client({ connectionString: url });
    await raw.connect();
    onTestFinished(() => raw.end());
    for (const payload of [
      'not json',
      '{"origin":"x"}',
      '{"origin":"x","event":{"collections":"visits","towns":[]}}',
    ]) {
      await raw.query("SELECT pg_notify('tanfang_changes', $1)", [payload]);
    }
    const unknownCollection = {
      origin: 'x',
      event: { collections: ['passwords', 'visits'], towns: ['东区街道'] },
    };
    await raw.query("SELECT pg_notify('tanfang_changes', $1)", [JSON.stringify(unknownCollection)]);
    await vi.waitFor(() =>
      expect(receiver.heard).toEqual([{ collections: ['visits'], towns: ['东区街道'] }]),
    );
  });
});
