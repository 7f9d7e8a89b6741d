// Opens the device's database: one RxDB database per signed-in user, so two people sharing a
// phone never see each other's elders.
import {
  addRxPlugin,
  createRxDatabase,
  type RxCollection,
  type RxDatabase,
  type RxStorage,
} from 'rxdb/plugins/core';
import { RxDBLeaderElectionPlugin } from 'rxdb/plugins/leader-election';
import type { Elder, Schedule, User, Visit } from '../../domain/schemas';
import {
  elderRxSchema,
  type OutboxEntry,
  outboxRxSchema,
  scheduleRxSchema,
  userRxSchema,
  visitRxSchema,
} from './rxSchemas';

addRxPlugin(RxDBLeaderElectionPlugin);

export type TanfangCollections = {
  elders: RxCollection<Elder>;
  schedules: RxCollection<Schedule>;
  visits: RxCollection<Visit>;
  users: RxCollection<User>;
  outbox: RxCollection<OutboxEntry>;
};
export type TanfangDatabase = RxDatabase<TanfangCollections>;

export function databaseNameFor(userId: string): string {
  return `tanfang_${userId.toLowerCase().replace(/[^a-z0-9]/g, '')}`;
}

export async function openDatabase(options: {
  name: string;
  // biome-ignore lint/suspicious/noExplicitAny: RxDB storages are typed by their internals, which we never touch.
  storage: RxStorage<any, any>;
  multiInstance?: boolean;
}): Promise<TanfangDatabase> {
  const db = await createRxDatabase<TanfangCollections>({
    name: options.name,
    storage: options.storage,
    multiInstance: options.multiInstance ?? true,
    eventReduce: true,
    closeDuplicates: true,
  });
  await db.addCollections({
    elders: { schema: elderRxSchema },
    schedules: { schema: scheduleRxSchema },
    visits: { schema: visitRxSchema },
    users: { schema: userRxSchema },
    outbox: { schema: outboxRxSchema },
  });
  return db;
}
