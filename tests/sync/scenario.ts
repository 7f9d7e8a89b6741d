// The operations of the sync property and how fast-check generates them. A scenario is a plain list
// the harness interprets, so fast-check shrinks it by dropping operations and simplifying picks.
import fc from 'fast-check';
import type { MergedCollection } from '../../src/domain/schemas';
import type { World } from '../support/fixtures';
import type { Fault } from './network';
import type { NoteMode } from './protocol';
import { EDITABLE } from './values';

/** A device of a scenario: its name in reports and the user of the small world signed in on it. */
export interface Device {
  readonly name: string;
  readonly user: keyof World['users'];
}

/**
 * The property's devices: worker1 on a phone (A) and a tablet (B), the town's coordinator (C). An
 * operation's `d` and a scenario's `skews` index the harness's device list, this one by default.
 */
export const DEVICES: readonly Device[] = [
  { name: 'A', user: 'worker1' },
  { name: 'B', user: 'worker1' },
  { name: 'C', user: 'coordinator' },
];

export type Op =
  | { t: 'edit'; d: number; c: MergedCollection; f: string; mode: NoteMode; pick: number }
  | { t: 'visit'; d: number; pick: number; schedule: number | null }
  | { t: 'delete'; d: number; c: MergedCollection; pick: number }
  | { t: 'resolve'; d: number; pick: number; keep: 'kept' | 'other' }
  | { t: 'sync'; d: number }
  /** The server's change stream pokes the device: it pulls while the next operations run. */
  | { t: 'poke'; d: number }
  | { t: 'offline'; d: number }
  | { t: 'online'; d: number }
  | { t: 'faults'; d: number; faults: Fault[] }
  | { t: 'restart-server' }
  | { t: 'restart-device'; d: number }
  | { t: 'skew'; d: number; minutes: number };

export interface Scenario {
  /** Each device's clock error in minutes (positive: ahead). */
  skews: number[];
  ops: Op[];
  /** A named scenario may say how many review entries the server must end with (the property does not). */
  reviews?: number;
}

const device = fc.integer({ min: 0, max: DEVICES.length - 1 });
const pick = fc.nat({ max: 64 });
const skew = fc.integer({ min: -180, max: 180 });

const edit = fc
  .tuple(device, fc.constantFrom<MergedCollection>('elders', 'schedules', 'visits'))
  .chain(([d, c]) =>
    fc.record({
      t: fc.constant('edit' as const),
      d: fc.constant(d),
      c: fc.constant(c),
      f: fc.constantFrom(...EDITABLE[roleOf(DEVICES[d])][c]),
      mode: fc.constantFrom<NoteMode>('append', 'append', 'replace', 'undo'),
      pick,
    }),
  );

function roleOf(device: Device | undefined): 'worker' | 'coordinator' {
  return device?.user === 'coordinator' ? 'coordinator' : 'worker';
}

const fault: fc.Arbitrary<Fault> = fc.oneof(
  { arbitrary: fc.constant({ kind: 'pass' as const }), weight: 3 },
  { arbitrary: fc.constant({ kind: 'lose-request' as const }), weight: 3 },
  { arbitrary: fc.constant({ kind: 'lose-response' as const }), weight: 4 },
  {
    arbitrary: fc.record({
      kind: fc.constant('duplicate' as const),
      answer: fc.constantFrom('first' as const, 'second' as const),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({ kind: fc.constant('delay' as const), ms: fc.integer({ min: 1, max: 25 }) }),
    weight: 3,
  },
  {
    arbitrary: fc.record({ kind: fc.constant('late' as const), ms: fc.integer({ min: 1, max: 25 }) }),
    weight: 3,
  },
  { arbitrary: fc.constant({ kind: 'signal-drops' as const }), weight: 2 },
  { arbitrary: fc.constant({ kind: 'restart' as const }), weight: 1 },
);

export const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: edit, weight: 45 },
  {
    arbitrary: fc.record({
      t: fc.constant('visit' as const),
      d: device,
      pick,
      schedule: fc.option(pick, { nil: null }),
    }),
    weight: 4,
  },
  {
    // Only the coordinator deletes an elder (a worker never does: src/domain/access.ts).
    arbitrary: device.chain((d) =>
      fc.record({
        t: fc.constant('delete' as const),
        d: fc.constant(d),
        c: fc.constantFrom<MergedCollection>(
          ...(roleOf(DEVICES[d]) === 'coordinator'
            ? (['schedules', 'visits', 'visits', 'elders'] as const)
            : (['schedules', 'visits', 'visits'] as const)),
        ),
        pick,
      }),
    ),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      t: fc.constant('resolve' as const),
      d: device,
      pick,
      keep: fc.constantFrom('kept' as const, 'other' as const),
    }),
    weight: 5,
  },
  { arbitrary: fc.record({ t: fc.constant('sync' as const), d: device }), weight: 6 },
  { arbitrary: fc.record({ t: fc.constant('poke' as const), d: device }), weight: 6 },
  { arbitrary: fc.record({ t: fc.constant('offline' as const), d: device }), weight: 5 },
  { arbitrary: fc.record({ t: fc.constant('online' as const), d: device }), weight: 5 },
  {
    arbitrary: fc.record({
      t: fc.constant('faults' as const),
      d: device,
      faults: fc.array(fault, { minLength: 1, maxLength: 5 }),
    }),
    weight: 8,
  },
  { arbitrary: fc.constant({ t: 'restart-server' as const }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constant('restart-device' as const), d: device }), weight: 2 },
  { arbitrary: fc.record({ t: fc.constant('skew' as const), d: device, minutes: skew }), weight: 2 },
);

export function scenarioArbitrary(maxOps: number): fc.Arbitrary<Scenario> {
  return fc.record({
    skews: fc.array(skew, { minLength: DEVICES.length, maxLength: DEVICES.length }),
    ops: fc.array(opArbitrary, { minLength: 1, maxLength: maxOps, size: 'max' }),
  });
}

export function describeOp(op: Op, devices: readonly Device[]): string {
  const on = 'd' in op ? `${devices[op.d]?.name}: ` : '';
  switch (op.t) {
    case 'edit':
      return `${on}${op.mode === 'undo' ? 'undo' : 'edit'} ${op.c}.${op.f}${op.f.startsWith('note') && op.mode !== 'undo' ? ` (${op.mode})` : ''} pick ${op.pick}`;
    case 'visit':
      return `${on}record a visit, elder pick ${op.pick}, planned visit ${op.schedule ?? 'none'}`;
    case 'delete':
      return `${on}delete ${op.c} pick ${op.pick}`;
    case 'resolve':
      return `${on}resolve review pick ${op.pick}: keep ${op.keep}`;
    case 'faults':
      return `${on}faults ${op.faults.map((f) => ('ms' in f ? `${f.kind} ${f.ms}ms` : 'answer' in f ? `${f.kind}/${f.answer}` : f.kind)).join(', ')}`;
    case 'skew':
      return `${on}clock ${op.minutes >= 0 ? '+' : ''}${op.minutes} min`;
    default:
      return `${on}${op.t}`;
  }
}
