import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';
import { describe, expect, it } from 'vitest';
import { numberedSlots, PreparedQueries, slot } from '../../src/server/store/prepared';
import type { Tables } from '../../src/server/store/tables';

// Compiles only: no query is run here.
function compilingOnly(kind: 'sqlite' | 'postgres'): Kysely<Tables> {
  const sqlite = kind === 'sqlite';
  return new Kysely<Tables>({
    dialect: {
      createAdapter: () => (sqlite ? new SqliteAdapter() : new PostgresAdapter()),
      createDriver: () => new DummyDriver(),
      createIntrospector: (kysely) =>
        sqlite ? new SqliteIntrospector(kysely) : new PostgresIntrospector(kysely),
      createQueryCompiler: () => (sqlite ? new SqliteQueryCompiler() : new PostgresQueryCompiler()),
    },
  });
}

const db = compilingOnly('sqlite');

interface Shape {
  collection: 'elders' | 'visits';
  towns: number;
}

function townQuery(db: Kysely<Tables>, { collection, towns }: Shape) {
  return db
    .selectFrom('documents')
    .select('doc')
    .where('collection', '=', collection)
    .where('updated_by', '=', slot<string>('caller'))
    .where('town', 'in', numberedSlots<string>('town', towns))
    .limit(slot<number>('limit'));
}

describe('prepared queries', () => {
  it('binds each run’s values where the slots were, and keeps the shape’s constants', () => {
    const queries = new PreparedQueries(townQuery);

    const first = queries.bind(
      db,
      { collection: 'visits', towns: 2 },
      { caller: 'u1', town0: 'A', town1: 'B', limit: 5 },
    );
    const second = queries.bind(
      db,
      { collection: 'visits', towns: 2 },
      { caller: 'u2', town0: 'C', town1: 'D', limit: 9 },
    );

    const fresh = db
      .selectFrom('documents')
      .select('doc')
      .where('collection', '=', 'visits')
      .where('updated_by', '=', 'u2')
      .where('town', 'in', ['C', 'D'])
      .limit(9)
      .compile();
    expect(second.sql).toBe(fresh.sql);
    expect(second.parameters).toEqual(fresh.parameters);
    expect(first.parameters).toEqual(['visits', 'u1', 'A', 'B', 5]);
  });

  it('builds a query for each shape, so another shape gets its own SQL', () => {
    const built: Shape[] = [];
    const queries = new PreparedQueries((on: Kysely<Tables>, shape: Shape) => {
      built.push(shape);
      return townQuery(on, shape);
    });
    const values = { caller: 'u1', town0: 'A', town1: 'B', limit: 5 };

    queries.bind(db, { collection: 'visits', towns: 1 }, values);
    queries.bind(db, { collection: 'visits', towns: 1 }, values);
    const two = queries.bind(db, { collection: 'visits', towns: 2 }, values);
    const elders = queries.bind(db, { collection: 'elders', towns: 1 }, values);

    expect(built).toHaveLength(3);
    expect(two.parameters).toEqual(['visits', 'u1', 'A', 'B', 5]);
    expect(elders.parameters).toEqual(['elders', 'u1', 'A', 5]);
  });

  it('keeps each database’s own SQL, so the same shape on PostgreSQL gets its placeholders', () => {
    const queries = new PreparedQueries(townQuery);
    const postgres = compilingOnly('postgres');
    const values = { caller: 'u1', town0: 'A', limit: 5 };

    const onSqlite = queries.bind(db, { collection: 'visits', towns: 1 }, values);
    const onPostgres = queries.bind(postgres, { collection: 'visits', towns: 1 }, values);

    expect(onSqlite.sql).toContain('"town" in (?)');
    expect(onPostgres.sql).toContain('"town" in ($3)');
    expect(onPostgres.parameters).toEqual(onSqlite.parameters);
  });

  it('builds a shape once for a database and all its transactions', async () => {
    let builds = 0;
    const queries = new PreparedQueries((on: Kysely<Tables>, shape: Shape) => {
      builds += 1;
      return townQuery(on, shape);
    });
    const values = { caller: 'u1', town0: 'A', limit: 5 };

    queries.bind(db, { collection: 'visits', towns: 1 }, values);
    const inTransaction = await db
      .transaction()
      .execute(async (trx) => queries.bind(trx, { collection: 'visits', towns: 1 }, values));

    expect(builds).toBe(1);
    expect(inTransaction.parameters).toEqual(['visits', 'u1', 'A', 5]);
  });

  it('refuses to run a query with a slot left without a value', () => {
    const queries = new PreparedQueries(townQuery);

    expect(() => queries.bind(db, { collection: 'visits', towns: 1 }, { caller: 'u1', limit: 5 })).toThrow(
      'no value for the slot town0',
    );
  });
});
