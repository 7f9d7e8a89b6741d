import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { elderRxSchema, scheduleRxSchema, userRxSchema, visitRxSchema } from '../../src/app/db/rxSchemas';
import { Elder, Schedule, User, Visit } from '../../src/domain/schemas';

const pairs = [
  ['elders', Elder, elderRxSchema],
  ['schedules', Schedule, scheduleRxSchema],
  ['visits', Visit, visitRxSchema],
  ['users', User, userRxSchema],
] as const;

describe('RxDB schemas', () => {
  it.each(pairs)('list exactly the fields of the shared %s schema', (_name, zodSchema, rxSchema) => {
    const json = z.toJSONSchema(zodSchema, { io: 'input' }) as { properties: Record<string, unknown> };
    const zodFields = Object.keys(json.properties).filter((f) => f !== '_deleted');
    expect(Object.keys(rxSchema.properties).sort()).toEqual(zodFields.sort());
  });
});
