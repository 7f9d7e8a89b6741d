// Opens the device's database: one RxDB database per signed-in user, so two people sharing a
// phone never see each other's elders.

import { RxDBCleanupPlugin } from 'rxdb/plugins/cleanup';
import {
  addRxPlugin,
  createRxDatabase,
  type RxCollection,
  type RxDatabase,
  type RxStorage,
} from 'rxdb/plugins/core';
import { RxDBLeaderElectionPlugin } from 'rxdb/plugins/leader-election';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import type { Elder, Review, Schedule, User, Visit, Volunteer } from '../../domain/schemas';
import { type ConflictOptions, recordConflictHandler, reviewConflictHandler } from '../sync/conflicts';
import { nextTask } from './nextTask';
import {
  type DigestEntry,
  digestRxSchema,
  elderRxSchema,
  type OutboxEntry,
  outboxRxSchema,
  recordMigrations,
  reviewRxSchema,
  type SentEntry,
  type SetAsideEntry,
  scheduleRxSchema,
  sentRxSchema,
  setAsideRxSchema,
  userRxSchema,
  visitRxSchema,
  volunteerRxSchema,
} from './rxSchemas';

addRxPlugin(RxDBLeaderElectionPlugin);
addRxPlugin(RxDBCleanupPlugin);
// A database from before an update opens with its documents moved to the new schemas' versions.
addRxPlugin(RxDBMigrationSchemaPlugin);

const HOUR = 60 * 60 * 1000;

export type TanfangCollections = {
  elders: RxCollection<Elder>;
  schedules: RxCollection<Schedule>;
  visits: RxCollection<Visit>;
  reviews: RxCollection<Review>;
  users: RxCollection<User>;
  volunteers: RxCollection<Volunteer>;
  outbox: RxCollection<OutboxEntry>;
  setaside: RxCollection<SetAsideEntry>;
  sent: RxCollection<SentEntry>;
  digest: RxCollection<DigestEntry>;
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
  /** Who merges conflicts on this device; without it the server's copy wins (RxDB's default). */
  conflicts?: ConflictOptions;
}): Promise<TanfangDatabase> {
  const db = await createRxDatabase<TanfangCollections>({
    name: options.name,
    storage: options.storage,
    multiInstance: options.multiInstance ?? true,
    eventReduce: true,
    closeDuplicates: true,
    // Deleted records keep their body until purged, and records of an elder moved to another
    // worker arrive as deletions: purge them within a day, once the device is in sync.
    cleanupPolicy: {
      minimumDeletedTime: 24 * HOUR,
      minimumCollectionAge: 60 * 1000,
      runEach: HOUR,
      awaitReplicationsInSync: true,
      waitForLeadership: true,
    },
  });
  const self = () => db;
  const merge = options.conflicts;
  const collections = {
    elders: {
      schema: elderRxSchema,
      migrationStrategies: recordMigrations.elders,
      ...(merge && { conflictHandler: recordConflictHandler('elders', self, merge) }),
    },
    schedules: {
      schema: scheduleRxSchema,
      migrationStrategies: recordMigrations.schedules,
      ...(merge && { conflictHandler: recordConflictHandler('schedules', self, merge) }),
    },
    visits: {
      schema: visitRxSchema,
      migrationStrategies: recordMigrations.visits,
      ...(merge && { conflictHandler: recordConflictHandler('visits', self, merge) }),
    },
    reviews: {
      schema: reviewRxSchema,
      migrationStrategies: recordMigrations.reviews,
      ...(merge && { conflictHandler: reviewConflictHandler(self, merge) }),
    },
    users: { schema: userRxSchema, migrationStrategies: recordMigrations.users },
    // Added after the first release: a database from before simply gains it, empty (no migration).
    volunteers: {
      schema: volunteerRxSchema,
      migrationStrategies: recordMigrations.volunteers,
      ...(merge && { conflictHandler: recordConflictHandler('volunteers', self, merge) }),
    },
    outbox: { schema: outboxRxSchema },
    setaside: { schema: setAsideRxSchema },
    sent: { schema: sentRxSchema },
    digest: { schema: digestRxSchema },
  };
  // One collection per task: all at once, opening their IndexedDB databases held the main thread
  // for 50–170 ms here in two or three long tasks, four times that on a slow phone.
  for (const [name, collection] of Object.entries(collections)) {
    await db.addCollections({ [name]: collection });
    await nextTask();
  }
  return db;
}
