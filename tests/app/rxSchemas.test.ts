// The RxDB schemas of the synced records are made from their zod schemas (src/app/db/rxSchemas.ts).
// These tests walk each zod schema's own definition, not zod's JSON Schema of it, and find every
// field, type and limit it sets in the RxDB schema; then what RxDB adds on top, and what RxDB's
// dev-mode and the devices that stored a schema ask of it.
import { checkSchema } from 'rxdb/plugins/dev-mode';
import { describe, expect, it } from 'vitest';
import {
  elderRxSchema,
  recordMigrations,
  reviewRxSchema,
  scheduleRxSchema,
  userRxSchema,
  visitRxSchema,
  volunteerRxSchema,
} from '../../src/app/db/rxSchemas';
import { Elder, Review, Schedule, User, Visit, Volunteer } from '../../src/domain/schemas';
import stored from './fixtures/rxSchemas.stored.json';

/** What the walk reads of a zod schema's definition (zod's `_zod.def`). */
interface ZodNode {
  _zod: { def: ZodDef };
}
interface ZodDef {
  type: string;
  format?: string;
  pattern?: RegExp;
  checks?: { _zod: { def: ZodCheck } }[];
  shape?: Record<string, ZodNode>;
  catchall?: ZodNode;
  element?: ZodNode;
  innerType?: ZodNode;
  entries?: Record<string, string | number>;
  keyType?: ZodNode;
  valueType?: ZodNode;
}
interface ZodCheck {
  check: string;
  maximum?: number;
  minimum?: number;
  value?: number;
  inclusive?: boolean;
  format?: string;
  pattern?: RegExp;
}

/** A part of a JSON schema, as RxDB's is made of. */
interface Json {
  type?: string | string[];
  anyOf?: Json[];
  allOf?: Json[];
  enum?: unknown[];
  format?: string;
  pattern?: string;
  maxLength?: number;
  minLength?: number;
  maxItems?: number;
  minItems?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  properties?: Record<string, Json>;
  required?: string[];
  additionalProperties?: Json | boolean;
  propertyNames?: Json;
  items?: Json;
}

interface RxSchema extends Json {
  version: number;
  primaryKey: string;
  properties: Record<string, Json>;
  indexes?: string[];
}

const records = [
  ['elders', Elder, elderRxSchema],
  ['schedules', Schedule, scheduleRxSchema],
  ['visits', Visit, visitRxSchema],
  ['reviews', Review, reviewRxSchema],
  ['users', User, userRxSchema],
  ['volunteers', Volunteer, volunteerRxSchema],
] as unknown as [string, ZodNode, RxSchema][];

const rx = Object.fromEntries(records.map(([name, , schema]) => [name, schema])) as Record<string, RxSchema>;

/** zod's string formats, as JSON Schema names them. */
const JSON_FORMATS: Record<string, string> = { uuid: 'uuid', date: 'date', datetime: 'date-time' };

function defOf(node: ZodNode | undefined, path: string): ZodDef {
  if (node === undefined) throw new Error(`${path}: zod schema without a definition`);
  return node._zod.def;
}

function patternsOf(json: Json): (string | undefined)[] {
  return [json.pattern, ...(json.allOf ?? []).map((part) => part.pattern)];
}

/** Every check zod makes of a value that JSON Schema can say is in the RxDB schema's part for it. */
function expectChecks(def: ZodDef, json: Json, path: string): void {
  for (const { _zod } of def.checks ?? []) {
    const check = _zod.def;
    const where = `${path} (${check.check})`;
    switch (check.check) {
      case 'max_length':
        if (def.type === 'array') expect(json.maxItems, where).toBe(check.maximum);
        else expect(json.maxLength, where).toBe(check.maximum);
        break;
      case 'min_length':
        if (def.type === 'array') expect(json.minItems, where).toBe(check.minimum);
        else expect(json.minLength, where).toBe(check.minimum);
        break;
      case 'string_format':
        if (check.format !== 'regex')
          throw new Error(`${where}: format ${check.format} not known to this test`);
        expect(patternsOf(json), where).toContain(check.pattern?.source);
        break;
      case 'number_format':
        if (check.format !== 'safeint')
          throw new Error(`${where}: format ${check.format} not known to this test`);
        expect(json.type, where).toBe('integer');
        break;
      case 'greater_than':
        expect(check.inclusive ? json.minimum : json.exclusiveMinimum, where).toBe(check.value);
        break;
      case 'less_than':
        expect(check.inclusive ? json.maximum : json.exclusiveMaximum, where).toBe(check.value);
        break;
      case 'custom':
        // A refinement (Visit: ended no earlier than started) is code JSON Schema cannot hold; the
        // device checks it with zod before every write (src/app/db/store.ts).
        break;
      default:
        throw new Error(`${where}: a check this test does not know; teach it what RxDB should store`);
    }
  }
}

/** The fields of an object, which are required, and each field's part. */
function expectObject(shape: Record<string, ZodNode>, json: Json, path: string): void {
  expect(json.type, path).toBe('object');
  expect(Object.keys(json.properties ?? {}).sort(), `${path}: fields`).toEqual(Object.keys(shape).sort());
  const required = Object.keys(shape).filter((field) => defOf(shape[field], path).type !== 'optional');
  expect([...(json.required ?? [])].sort(), `${path}: required fields`).toEqual(required.sort());
  for (const [field, node] of Object.entries(shape)) {
    expectReaches(node, json.properties?.[field], `${path}.${field}`);
  }
}

/** The zod schema's type, values, limits, nullability and nested fields are all in the JSON part. */
function expectReaches(node: ZodNode | undefined, json: Json | undefined, path: string): void {
  const def = defOf(node, path);
  if (json === undefined) throw new Error(`${path} is missing from the RxDB schema`);
  switch (def.type) {
    case 'optional':
      // Optional is the parent's to say (its required list).
      expectReaches(def.innerType, json, path);
      return;
    case 'nullable': {
      const branches = json.anyOf ?? [];
      expect(branches, `${path} takes null`).toContainEqual({ type: 'null' });
      const value = branches.filter((branch) => branch.type !== 'null');
      expect(value, `${path}: one kind of value besides null`).toHaveLength(1);
      expectReaches(def.innerType, value[0], path);
      return;
    }
    case 'string':
      expect(json.type, path).toBe('string');
      if (def.format !== undefined) {
        const format = JSON_FORMATS[def.format];
        if (format === undefined) throw new Error(`${path}: format ${def.format} not known to this test`);
        expect(json.format, path).toBe(format);
        expect(patternsOf(json), path).toContain(def.pattern?.source);
      }
      break;
    case 'number':
      expect(['number', 'integer'], path).toContain(json.type);
      break;
    case 'boolean':
      expect(json.type, path).toBe('boolean');
      break;
    case 'enum':
      expect(json.type, path).toBe('string');
      expect(json.enum, path).toEqual(Object.values(def.entries ?? {}));
      break;
    case 'array':
      expect(json.type, path).toBe('array');
      expectReaches(def.element, json.items, `${path}[]`);
      break;
    case 'object':
      expectObject(def.shape ?? {}, json, path);
      if (def.catchall !== undefined && defOf(def.catchall, path).type === 'never') {
        expect(json.additionalProperties, `${path}: no other fields`).toBe(false);
      }
      break;
    case 'record':
      expect(json.type, path).toBe('object');
      expectReaches(def.keyType, json.propertyNames, `${path} (keys)`);
      expectReaches(def.valueType, json.additionalProperties as Json | undefined, `${path} (values)`);
      break;
    default:
      throw new Error(
        `${path}: a zod ${def.type}, which this test does not know; teach it what RxDB should store`,
      );
  }
  expectChecks(def, json, path);
}

/** The longest value zod lets a string field have: by its format, its values or its max length. */
function longestValue(node: ZodNode | undefined, path: string): number {
  const def = defOf(node, path);
  if (def.type === 'enum') return Math.max(...Object.values(def.entries ?? {}).map((v) => String(v).length));
  if (def.format === 'uuid') return 36;
  if (def.format === 'date') return 10;
  const max = def.checks?.find(({ _zod }) => _zod.def.check === 'max_length')?._zod.def.maximum;
  if (max === undefined) throw new Error(`${path}: zod sets no longest value`);
  return max;
}

describe('the RxDB schemas of the synced records', () => {
  it.each(records)(
    'hold every field, type, value, limit and nested field of the zod schema of %s',
    (name, record, schema) => {
      const { _deleted, ...shape } = defOf(record, name).shape ?? {};
      expect(_deleted, `${name} has a _deleted field in zod`).toBeDefined();
      expectObject(shape, schema, name);
      expect(schema.additionalProperties, `${name}: no other fields`).toBe(false);
    },
  );

  it('give the limits of the records as the zod schemas state them', () => {
    expect(rx.elders?.properties.name).toMatchObject({ type: 'string', maxLength: 50, pattern: '\\S' });
    expect(rx.elders?.properties.categories).toMatchObject({ type: 'array', maxItems: 13 });
    expect(rx.elders?.properties.categories?.items?.enum).toContain('lost_only_child');
    expect(rx.elders?.properties.fieldTimes?.propertyNames).toMatchObject({ type: 'string', maxLength: 40 });
    expect(rx.elders?.properties.fieldTimes?.additionalProperties).toMatchObject({ format: 'date-time' });
    expect(rx.visits?.properties.followUp?.properties?.note).toMatchObject({
      type: 'string',
      maxLength: 1000,
    });
    expect(rx.visits?.properties.participants).toMatchObject({ maxItems: 30 });
    expect(rx.visits?.properties.participants?.items?.properties?.minutes).toMatchObject({
      type: 'integer',
      minimum: 0,
      maximum: 1440,
    });
    expect(rx.reviews?.properties.kept?.properties?.value).toMatchObject({ maxLength: 20_000 });
    expect(rx.users?.properties.towns).toMatchObject({ maxItems: 40, items: { maxLength: 50 } });
  });

  it('take null where a record may hold null, and leave out of the required fields those added later', () => {
    expect(rx.schedules?.properties.visitId?.anyOf).toContainEqual({ type: 'null' });
    expect(rx.schedules?.required).toContain('visitId');
    expect(rx.visits?.properties.wish?.properties?.fulfilledAt?.anyOf).toContainEqual({ type: 'null' });
    expect(rx.visits?.required).not.toContain('wish');
    expect(rx.visits?.required).not.toContain('followUpDoneAt');
    expect(rx.visits?.required).toContain('followUp');
  });

  it.each(records)(
    'leave %s deletion to RxDB, which keeps _deleted beside the document',
    (_name, _record, schema) => {
      expect(schema.properties).not.toHaveProperty('_deleted');
      expect(schema.required).not.toContain('_deleted');
    },
  );

  it.each(records)(
    'key %s by a required id no longer than the max length RxDB pads it to',
    (name, record, schema) => {
      expect(schema.primaryKey).toBe('id');
      expect(schema.required).toContain('id');
      expect(schema.properties.id?.maxLength).toBeGreaterThanOrEqual(
        longestValue(defOf(record, name).shape?.id, name),
      );
    },
  );

  it('index only required strings whose every value fits the max length RxDB pads the index to', () => {
    expect(rx.schedules?.indexes).toEqual(['elderId', 'plannedDate']);
    expect(rx.visits?.indexes).toEqual(['elderId']);
    expect(rx.reviews?.indexes).toEqual(['status']);
    for (const [name, record, schema] of records) {
      for (const field of schema.indexes ?? []) {
        const path = `${name}.${field}`;
        // The Dexie storage refuses an index on a field a document may lack.
        expect(schema.required, path).toContain(field);
        expect(schema.properties[field]?.type, path).toBe('string');
        const longest = longestValue(defOf(record, name).shape?.[field], path);
        expect(schema.properties[field]?.maxLength, path).toBeGreaterThanOrEqual(longest);
      }
    }
  });

  it.each(records)('pass the checks of RxDB dev-mode for %s', (_name, _record, schema) => {
    expect(() => checkSchema(structuredClone(schema) as Parameters<typeof checkSchema>[0])).not.toThrow();
  });

  it.each(records)(
    'have one migration for each version %s went through, as RxDB asks',
    (name, _record, schema) => {
      const strategies: Record<string, unknown> = recordMigrations[name as keyof typeof recordMigrations];
      const steps = Array.from({ length: schema.version }, (_, i) => String(i + 1));
      expect(Object.keys(strategies)).toEqual(steps);
      for (const step of steps)
        expect(strategies[step], `migration to version ${step}`).toBeTypeOf('function');
    },
  );

  // RxDB refuses to open a collection whose schema differs from the one the device stored at the
  // same version (error DB6), so the app would not start. A change to a zod schema (or to zod's
  // JSON Schema of it, with a new zod) changes the RxDB schema: raise its version in rxSchemas.ts,
  // add the migration strategy, and then record the new schema in fixtures/rxSchemas.stored.json.
  it.each(records)(
    'stay as devices stored %s at its version, until the version is raised',
    (name, _record, schema) => {
      const recorded = (stored as unknown as Record<string, RxSchema>)[name];
      if (recorded?.version === schema.version) {
        expect(schema, `${name} changed at version ${schema.version}: raise the version`).toEqual(recorded);
      } else {
        expect.fail(
          `${name} is at version ${schema.version}: record it in tests/app/fixtures/rxSchemas.stored.json`,
        );
      }
    },
  );
});
