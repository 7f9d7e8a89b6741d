// The set-up of a test file about one device: a template of the world's data with sign-ins, and one
// device worker, made before the file's tests and disposed of after them.
import { afterAll, beforeAll } from 'vitest';
import { DeviceWorker } from './devices';
import { buildTemplate, type Template } from './server';

export interface OneDevice {
  readonly template: Template;
  readonly device: DeviceWorker;
}

export function oneDevice(...templateArgs: Parameters<typeof buildTemplate>): OneDevice {
  let template: Template | undefined;
  let device: DeviceWorker | undefined;
  beforeAll(async () => {
    template = await buildTemplate(...templateArgs);
    device = new DeviceWorker('A');
    await device.ready();
  }, 60_000);
  afterAll(async () => {
    await device?.terminate();
    await template?.dispose();
  });
  return {
    get template() {
      if (template === undefined) throw new Error('the template is made in beforeAll');
      return template;
    },
    get device() {
      if (device === undefined) throw new Error('the device is made in beforeAll');
      return device;
    },
  };
}
