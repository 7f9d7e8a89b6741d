// Queries built once per shape, then only bound to each run's values. Building and compiling a
// Kysely query costs more than SQLite takes to run a small one (a pull: about 0.18 ms against 0.1 ms),
// and a sync asks the same few shapes again and again. A query is built from its shape alone, with a
// slot wherever a run's value goes; the compiled parameters are then slots and constants, and each
// run binds its values to the slots. The builder never sees a run's values, so none can be baked in.
import { type Compilable, CompiledQuery, type DialectAdapter, type Kysely } from 'kysely';

class Slot {
  constructor(readonly name: string) {}
}

/** The place of a value in a query being built: typed as the value, which replaces it on each run. */
export function slot<T>(name: string): T {
  return new Slot(name) as unknown as T;
}

/** `count` slots named `${name}0`, `${name}1`, …: a list whose length is part of the shape. */
export function numberedSlots<T>(name: string, count: number): T[] {
  return Array.from({ length: count }, (_, i) => slot<T>(`${name}${i}`));
}

/** The values of numberedSlots(name, list.length): `${name}0` is list[0], and so on. */
export function numberedValues(name: string, list: readonly unknown[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [i, value] of list.entries()) values[`${name}${i}`] = value;
  return values;
}

export class PreparedQueries<DB, Shape, Row> {
  // The SQL of a shape differs by dialect (placeholders, quoting), so each database keeps its own,
  // found by its dialect's adapter, which the database's transactions share. Weak, so a closed
  // database's queries go with it. getExecutor is marked internal in Kysely's types but is the one
  // handle a transaction shares with its database; a Kysely without it fails the type check.
  readonly #compiled = new WeakMap<DialectAdapter, Map<string, CompiledQuery<Row>>>();
  readonly #build: (db: Kysely<DB>, shape: Shape) => Compilable<Row>;

  /** `build` makes the query of a shape, with `slot(name)` for every value that varies between runs. */
  constructor(build: (db: Kysely<DB>, shape: Shape) => Compilable<Row>) {
    this.#build = build;
  }

  /** The query of `shape` for `db`, its slots bound to `values`. Throws when a slot has no value. */
  bind(db: Kysely<DB>, shape: Shape, values: Readonly<Record<string, unknown>>): CompiledQuery<Row> {
    const { adapter } = db.getExecutor();
    let byShape = this.#compiled.get(adapter);
    if (byShape === undefined) {
      byShape = new Map();
      this.#compiled.set(adapter, byShape);
    }
    const key = JSON.stringify(shape);
    let compiled = byShape.get(key);
    if (compiled === undefined) {
      compiled = this.#build(db, shape).compile();
      byShape.set(key, compiled);
    }
    const parameters = compiled.parameters.map((parameter) => {
      if (!(parameter instanceof Slot)) return parameter;
      if (!Object.hasOwn(values, parameter.name)) throw new Error(`no value for the slot ${parameter.name}`);
      return values[parameter.name];
    });
    return CompiledQuery.raw(compiled.sql, parameters) as CompiledQuery<Row>;
  }

  /** Runs the query of `shape` on `db` with `values`; its rows. */
  async rows(db: Kysely<DB>, shape: Shape, values: Readonly<Record<string, unknown>>): Promise<Row[]> {
    return (await db.executeQuery(this.bind(db, shape, values))).rows;
  }
}
