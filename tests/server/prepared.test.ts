import { DummyDriver, Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler } from 'kysely';
import { describe, expect, it } from 'vitest';
import { PreparedQueries, slot } from '../../src/server/store/prepared';
import type { Tables } from '../../src/server/store/tables';

// Compiles only: no query is run here.
const db = new Kysely<Tables>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (kysely) => new SqliteIntrospector(kysely),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
});

interface Shape {
  collection: 'elders' | 'visits';
  towns: number;
}

function townQuery({ collection, towns }: Shape) {
  return db
    .selectFrom('documents')
    .select('doc')
    .where('collection', '=', collection)
    .where('updated_by', '=', slot<string>('caller'))
    .where(
      'town',
      'in',
      Array.from({ length: towns }, (_, i) => slot<string>(`town${i}`)),
    )
    .limit(slot<number>('limit'));
}

describe('prepared queries', () => {
  it('binds each run’s values where the slots were, and keeps the shape’s constants', () => {
    const queries = new PreparedQueries(townQuery);

    const first = queries.bind(
      { collection: 'visits', towns: 2 },
      { caller: 'u1', town0: 'A', town1: 'B', limit: 5 },
    );
    const second = queries.bind(
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
    const queries = new PreparedQueries((shape: Shape) => {
      built.push(shape);
      return townQuery(shape);
    });
    const values = { caller: 'u1', town0: 'A', town1: 'B', limit: 5 };

    queries.bind({ collection: 'visits', towns: 1 }, values);
    queries.bind({ collection: 'visits', towns: 1 }, values);
    const two = queries.bind({ collection: 'visits', towns: 2 }, values);
    const elders = queries.bind({ collection: 'elders', towns: 1 }, values);

    expect(built).toHaveLength(3);
    expect(two.parameters).toEqual(['visits', 'u1', 'A', 'B', 5]);
    expect(elders.parameters).toEqual(['elders', 'u1', 'A', 5]);
  });

  it('refuses to run a query with a slot left without a value', () => {
    const queries = new PreparedQueries(townQuery);

    expect(() => queries.bind({ collection: 'visits', towns: 1 }, { caller: 'u1', limit: 5 })).toThrow(
      'no value for the slot town0',
    );
  });
});
