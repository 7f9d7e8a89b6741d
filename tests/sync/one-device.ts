// The set-up of a test file about one device: a template of the world's data with sign-ins, and one
// device worker, made before the file's tests and disposed of after them. Each test connects the
// device to a server of its own on that template, through a faulty network.
import { afterAll, beforeAll, onTestFinished } from 'vitest';
import { DeviceWorker } from './devices';
import { FaultyNetwork } from './network';
import { buildTemplate, SyncServer, type Template } from './server';

export interface OneDevice {
  readonly template: Template;
  readonly device: DeviceWorker;
  /**
   * Starts a server on the template and puts a network between it and the device. After the test
   * the device is reset and the server closed.
   */
  connect(): Promise<{ server: SyncServer; network: FaultyNetwork }>;
}

export function oneDevice(...templateArgs: Parameters<typeof buildTemplate>): OneDevice {
  let template: Template | undefined;
  let device: DeviceWorker | undefined;
  beforeAll(async () => {
    template = await buildTemplate(...templateArgs);
    device = new DeviceWorker('A');
    await device.ready();
  }, 120_000);
  afterAll(async () => {
    await device?.terminate();
    await template?.dispose();
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
      const server = await SyncServer.start(setup.template);
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
  };
  return setup;
}
