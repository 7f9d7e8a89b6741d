// The database and sync code (services.ts and what it imports: zod's schemas, RxDB's JSON schemas made
// from them, RxDB, Dexie, the replication), evaluated in steps, one task each. Imported at once, the
// whole was one task of 30–90 ms here, four times that on a slow phone, while Today drawn from its
// snapshot is on screen. The service worker precaches every step's chunk, so the steps cost no
// round trip once it is installed.
import { nextTask } from './nextTask';

export async function loadServices(): Promise<typeof import('./services')> {
  await import('../../domain/schemas');
  await nextTask();
  await import('./rxSchemas');
  await nextTask();
  await import('./storage');
  await nextTask();
  await import('./database');
  await nextTask();
  return import('./services');
}
