// The set-up of a test file about one device: a template of the world's data with sign-ins, and one
// device worker, made before the file's tests and disposed of after them. Each test connects the
// device to a server of its own on a copy of that template, through a faulty network.
import { afterAll, beforeAll, expect, onTestFinished } from 'vitest';
import type { Dataset } from '../../src/domain/dataset';
import type { User } from '../../src/domain/schemas';
import { makeTemplate, sqliteStore, type Template } from '../support/databases';
import type { TestServer } from '../support/server';
import { serverOnCopy } from '../support/test-servers';
import { DeviceWorker } from './devices';
import { FaultyNetwork } from './network';
import type { SettleOutcome, SyncOutcome } from './protocol';

export interface OneDevice {
  readonly template: Template;
  readonly device: DeviceWorker;
  /**
   * Starts a server on the template and puts a network between it and the device. After the test
   * the device is reset and the server closed.
   */
  connect(): Promise<{ server: TestServer; network: FaultyNetwork }>;
  /**
   * Opens the app's database for `user`, signed in with the template's first sign-in, retrying
   * failed requests after 10 ms at first (`retryTimeMs`). Online unless told otherwise (then the
   * first sync is not awaited).
   */
  open(
    dbName: string,
    user: User,
    now: Date,
    options?: { online?: boolean; pullBatchSize?: number; retryTimeMs?: number },
  ): Promise<void>;
  /** Waits until the device is idle: no request out, every replication quiet. */
  settle(now: Date): Promise<void>;
  /** The signal comes back and "Sync now" runs at once, as the app does; then the device settles. */
  syncOnline(now: Date): Promise<Extract<SyncOutcome, { ok: true }>>;
}

/** `dataset` in the template, and a session for each of `signedIn`, in order (`template.tokens`). */
export function oneDevice(dataset: Dataset, signedIn: readonly User[]): OneDevice {
  let template: Template | undefined;
  let device: DeviceWorker | undefined;
  beforeAll(async () => {
    template = await makeTemplate(sqliteStore(), dataset, { sessionsFor: signedIn.map((user) => user.id) });
    device = new DeviceWorker('A');
    await device.ready();
  }, 120_000);
  afterAll(async () => {
    await device?.terminate();
    await template?.remove();
  });
  const setup: OneDevice = {
    get template() {
      if (template === undefined) throw new Error('the template is made in beforeAll');
      return template;
    },
    get device() {
      if (device === undefined) throw new Error('the device is made in beforeAll');
      return device;
    },
    async connect() {
      const server = await serverOnCopy(setup.template);
      const network = new FaultyNetwork(server);
      const connected = setup.device;
      connected.network = network;
      onTestFinished(async () => {
        network.onRequest = undefined;
        network.beforeAnswer = undefined;
        network.beforeDeliver = undefined;
        await connected.reset();
        await server.close();
      });
      return { server, network };
    },
    async open(dbName, user, now, options = {}) {
      await setup.device.call(
        {
          op: 'open',
          dbName,
          user,
          token: setup.template.tokens[0] as string,
          online: options.online ?? true,
          retryTimeMs: options.retryTimeMs ?? 10,
          ...(options.pullBatchSize !== undefined && { pullBatchSize: options.pullBatchSize }),
        },
        now,
      );
    },
    async settle(now) {
      const settled = await setup.device.call<SettleOutcome>({ op: 'settle', timeoutMs: 10_000 }, now);
      expect(settled.settled, settled.detail).toBe(true);
    },
    async syncOnline(now) {
      const outcome = await setup.device.call<SyncOutcome>(
        { op: 'setOnline', online: true, sync: true, timeoutMs: 20_000 },
        now,
      );
      if (!outcome.ok) throw new Error(outcome.error);
      await setup.settle(now);
      return outcome;
    },
  };
  return setup;
}

/**
 * The cases of a test about a sync the network cuts off: each way of cutting it (a name, and what
 * the test makes of it), with the signal returning as the app stays open, and with the app closed
 * and opened again before it returns. Each case: [cut, afterwards, how, restart].
 */
export function cutOffCases<How>(cuts: readonly (readonly [string, How])[]) {
  const afterwards = [
    ['the signal returns', false],
    ['the app is closed and opened again before the signal returns', true],
  ] as const;
  return cuts.flatMap(([cut, how]) =>
    afterwards.map(([after, restart]) => [cut, after, how, restart] as const),
  );
}
