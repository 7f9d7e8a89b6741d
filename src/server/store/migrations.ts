// The database schema, as an ordered list of migrations run by Kysely's Migrator (which records what
// ran and, on PostgreSQL, locks so that several server processes starting at once migrate only once).
// Append new migrations; never edit one that has shipped.
import { type Kysely, type Migration, Migrator } from 'kysely';
import { DEFAULT_PLACES } from './default-places';
import type { Tables } from './tables';

// A migration runs against the schema as it was at that point in history, not today's Tables type,
// so it takes an untyped Kysely (Kysely's documented practice for migrations).
// biome-ignore lint/suspicious/noExplicitAny: see above.
type AnyDb = Kysely<any>;

const migrations: Record<string, Migration> = {
  '0001_initial': {
    async up(db: AnyDb) {
      await db.schema
        .createTable('documents')
        .addColumn('collection', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('doc', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('town', 'text')
        .addColumn('elder_id', 'text')
        .addColumn('assigned_worker_id', 'text')
        .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addColumn('server_time', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('documents_pk', ['collection', 'id'])
        .execute();
      // The change feed: WHERE collection = ? AND (seq, id) > checkpoint ORDER BY seq, id.
      await db.schema
        .createIndex('documents_feed')
        .on('documents')
        .columns(['collection', 'seq', 'id'])
        .execute();
      // Scope look-ups: a worker's elders, an elder's records, a town's records.
      await db.schema
        .createIndex('documents_assigned')
        .on('documents')
        .columns(['collection', 'assigned_worker_id'])
        .execute();
      await db.schema
        .createIndex('documents_elder')
        .on('documents')
        .columns(['collection', 'elder_id'])
        .execute();
      await db.schema.createIndex('documents_town').on('documents').columns(['collection', 'town']).execute();

      await db.schema
        .createTable('sync_version')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('v', 'integer', (c) => c.notNull())
        .execute();
      await db.insertInto('sync_version').values({ id: 1, v: 0 }).execute();

      await db.schema
        .createTable('credentials')
        .addColumn('user_id', 'text', (c) => c.primaryKey())
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('sessions')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

      await db.schema
        .createTable('user_towns')
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('town', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('user_towns_pk', ['user_id', 'town'])
        .execute();
      await db.schema.createIndex('user_towns_town').on('user_towns').column('town').execute();

      await db.schema
        .createTable('change_log')
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('collection', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('server_time', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('change_log_pk', ['seq', 'collection', 'id'])
        .execute();
      await db.schema
        .createIndex('change_log_record')
        .on('change_log')
        .columns(['collection', 'id'])
        .execute();
    },
  },
  '0002_revocations_and_assignments': {
    async up(db: AnyDb) {
      await db.schema
        .createTable('revocations')
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('collection', 'text', (c) => c.notNull())
        .addColumn('doc_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('doc', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('revocations_pk', ['user_id', 'collection', 'doc_id'])
        .execute();
      // The tombstone half of a pull: WHERE user_id = ? AND collection = ? AND (seq, doc_id) > checkpoint.
      await db.schema
        .createIndex('revocations_feed')
        .on('revocations')
        .columns(['user_id', 'collection', 'seq', 'doc_id'])
        .execute();

      await db.schema
        .createTable('assignments')
        .addColumn('elder_id', 'text', (c) => c.notNull())
        .addColumn('worker_id', 'text', (c) => c.notNull())
        .addColumn('town', 'text', (c) => c.notNull())
        .addColumn('from_seq', 'integer', (c) => c.notNull())
        .addColumn('from_time', 'text')
        .addColumn('to_seq', 'integer')
        .addColumn('to_time', 'text')
        .addPrimaryKeyConstraint('assignments_pk', ['elder_id', 'from_seq'])
        .execute();
      // Elders already stored: their current assignment, since an unknown time.
      await db
        .insertInto('assignments')
        .columns(['elder_id', 'worker_id', 'town', 'from_seq'])
        .expression(
          db
            .selectFrom('documents')
            .select(['id', 'assigned_worker_id', 'town', 'seq'])
            .where('collection', '=', 'elders'),
        )
        .execute();
    },
  },
  '0003_scope_feed_indexes': {
    async up(db: AnyDb) {
      // A worker's pull walks their own scope from the checkpoint (a worker's elders; each elder's
      // records) instead of every change of the collection since then, which during the 17:00 rush
      // is everyone's work. These replace the indexes without seq, whose look-ups they still serve.
      await db.schema
        .createIndex('documents_assigned_feed')
        .on('documents')
        .columns(['collection', 'assigned_worker_id', 'seq', 'id'])
        .execute();
      await db.schema.dropIndex('documents_assigned').execute();
      await db.schema
        .createIndex('documents_elder_feed')
        .on('documents')
        .columns(['collection', 'elder_id', 'seq', 'id'])
        .execute();
      await db.schema.dropIndex('documents_elder').execute();
    },
  },
  '0004_places': {
    async up(db: AnyDb) {
      // The place list: towns in the city's order, each with its communities (a JSON array).
      await db.schema
        .createTable('places')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('communities', 'text', (c) => c.notNull())
        .execute();
      await db
        .insertInto('places')
        .values(
          DEFAULT_PLACES.map((town, position) => ({
            name: town.name,
            kind: town.kind,
            position,
            communities: JSON.stringify(town.communities),
          })),
        )
        .execute();
    },
  },
  '0005_town_cadence': {
    async up(db: AnyDb) {
      // Each town's visit cadence (src/domain/places.ts CadenceRulesSchema) as JSON; null while the
      // town keeps the defaults, so a change of the defaults reaches every town that never set its own.
      await db.schema.alterTable('places').addColumn('cadence', 'text').execute();
    },
  },
};

/** Brings the schema up to date; throws if any migration fails. */
export async function migrateToLatest(db: Kysely<Tables>): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error !== undefined || failed !== undefined) {
    const name = failed ? ` (${failed.migrationName})` : '';
    throw new Error(`database migration failed${name}: ${String(error)}`, { cause: error });
  }
}
