// Runs one scenario of the sync property: a fresh server on a copy of the template, the devices'
// databases opened in their workers (A, B and C of scenario.ts unless the harness is given others),
// the operations one by one (each followed by the online devices settling), then the final sync and
// the invariants. Throws, with the operations and the network log, when an invariant fails.
import type { MergedCollection, Review, User } from '../../src/domain/schemas';
import { makeTemplate, sqliteStore, type Template } from '../support/databases';
import { smallWorld, type World } from '../support/fixtures';
import type { TestServer } from '../support/server';
import { serverOnCopy } from '../support/test-servers';
import { DeviceWorker } from './devices';
import { checkInvariants, type Failure } from './invariants';
import { Ledger } from './ledger';
import { FaultyNetwork, short } from './network';
import type { ActionResult, DeviceSnapshot, ResolveResult, SettleOutcome, SyncOutcome } from './protocol';
import { DEVICES, type Device, describeOp, type Op, type Scenario } from './scenario';

const START = Date.parse('2026-12-01T01:00:00.000Z');
const MINUTE = 60_000;

export interface HarnessOptions {
  /** RxDB's wait before it tries a failed pull or push again (the app waits 5 s). */
  retryTimeMs: number;
  settleTimeoutMs: number;
  /** Rounds of "Sync now" on every device allowed before the final data must stand still. */
  maxFinalRounds: number;
}

export const DEFAULT_OPTIONS: HarnessOptions = {
  retryTimeMs: 10,
  settleTimeoutMs: 10_000,
  maxFinalRounds: 6,
};

/** The property's world, template and a worker per device; `dispose` ends the workers. */
export async function startHarness(devices: readonly Device[] = DEVICES, options = DEFAULT_OPTIONS) {
  const world = smallWorld();
  // A session per device: devices of one user (worker1's phone and tablet) each sign in on their own.
  const sessionsFor = devices.map((d) => world.users[d.user].id);
  const template = await makeTemplate(sqliteStore(), world.dataset, { sessionsFor });
  const workers = devices.map((d) => new DeviceWorker(d.name));
  await Promise.all(workers.map((w) => w.ready()));
  return {
    harness: new SyncHarness(template, world, devices, workers, options),
    async dispose() {
      await Promise.all(workers.map((w) => w.terminate()));
      await template.remove();
    },
  };
}

export class PropertyFailure extends Error {
  override name = 'PropertyFailure';
}

export class SyncHarness {
  runs = 0;
  /** Milliseconds spent per phase over all runs, for tuning the number of operations. */
  readonly phases = new Map<string, number>();
  #phaseStart = 0;
  /** Totals over all runs, to see what the generated scenarios exercise. */
  readonly totals = new Map<string, number>();
  count(name: string, n = 1): void {
    this.totals.set(name, (this.totals.get(name) ?? 0) + n);
  }
  #phase(name: string): void {
    const now = performance.now();
    if (this.#phaseStart) this.phases.set(name, (this.phases.get(name) ?? 0) + now - this.#phaseStart);
    this.#phaseStart = now;
  }
  readonly users: User[];

  constructor(
    readonly template: Template,
    readonly world: World,
    /** The devices the scenarios' `d` and `skews` index, each run on the worker of the same index. */
    readonly devices: readonly Device[],
    readonly workers: readonly DeviceWorker[],
    readonly options: HarnessOptions = DEFAULT_OPTIONS,
  ) {
    if (workers.length !== devices.length) throw new Error('one worker per device');
    this.users = devices.map((d) => world.users[d.user]);
  }

  async run(scenario: Scenario): Promise<void> {
    const run = ++this.runs;
    this.#phaseStart = performance.now();
    const server = await serverOnCopy(this.template);
    this.#phase('server');
    const devices = this.devices;
    const online = devices.map(() => true);
    const network = new FaultyNetwork(server);
    network.onSignalLost = (name) => {
      const lost = devices.findIndex((d) => d.name === name);
      if (lost >= 0) {
        online[lost] = false;
        this.workers[lost]?.signal(false);
      }
    };
    const ledger = new Ledger();
    const trace: string[] = [];
    const skews = [...scenario.skews];
    let time = START;
    const clock = (d: number) => new Date(time + (skews[d] ?? 0) * MINUTE);
    const device = (d: number) => this.workers[d] as DeviceWorker;
    const fail = (invariant: string, message: string): never => {
      throw new PropertyFailure(report([{ invariant, message }], trace, network.log, scenario, devices));
    };

    const settleOnline = async (after: string, which: readonly number[] = devices.map((_, d) => d)) => {
      const outcomes = await Promise.all(
        devices.map((_, d) =>
          online[d] && which.includes(d)
            ? device(d).call<SettleOutcome>(
                { op: 'settle', timeoutMs: this.options.settleTimeoutMs },
                clock(d),
                this.options.settleTimeoutMs + 5_000,
              )
            : Promise.resolve<SettleOutcome>({ settled: true }),
        ),
      );
      outcomes.forEach((outcome, d) => {
        if (!outcome.settled)
          fail('settles', `device ${devices[d]?.name} did not settle after ${after}: ${outcome.detail}`);
      });
    };

    try {
      for (const [d] of devices.entries()) device(d).network = network;
      await Promise.all(
        devices.map((d, index) =>
          device(index).call(
            {
              op: 'open',
              dbName: `run${run}_${d.name.toLowerCase()}`,
              user: this.users[index] as User,
              token: this.template.tokens[index] as string,
              online: true,
              retryTimeMs: this.options.retryTimeMs,
            },
            clock(index),
          ),
        ),
      );
      this.#phase('open');
      for (const [index, op] of scenario.ops.entries()) {
        time += MINUTE;
        const outcome = await this.#apply(index, op, { network, server, ledger, online, skews, clock });
        trace.push(`${index}. ${describeOp(op, devices)}${outcome ? ` → ${outcome}` : ''}`);
        // A poke's pull runs on, beside the next operations; anything else settles first.
        if ('d' in op && op.t !== 'poke') await settleOnline(`op ${index}`, [op.d]);
      }

      this.#phase('operations');
      // The final sync: everyone online, no faults, nothing left on the way.
      trace.push('-- final sync --');
      network.clearFaults();
      network.down.clear();
      for (const [d] of devices.entries()) {
        device(d).signal(true);
        if (!online[d]) {
          online[d] = true;
          await device(d).call({ op: 'setOnline', online: true }, clock(d));
        }
      }
      await network.drain();
      let converged = false;
      for (let round = 1; round <= this.options.maxFinalRounds && !converged; round++) {
        const before = await serverVersion(server);
        const outcomes = await Promise.all(
          devices.map((_, d) =>
            device(d).call<SyncOutcome>({ op: 'sync', timeoutMs: 20_000 }, clock(d), 30_000),
          ),
        );
        await settleOnline(`round ${round} of the final sync`);
        const errors = outcomes.flatMap((o, d) => (o.ok ? [] : [`${devices[d]?.name}: ${o.error}`]));
        trace.push(
          `requests: ${outcomes.map((o, d) => `${devices[d]?.name} ${o.ok ? o.requests : '-'}`).join(', ')}`,
        );
        const after = await serverVersion(server);
        trace.push(
          `round ${round}: server version ${before} → ${after}${errors.length ? `; errors: ${errors.join('; ')}` : ''}`,
        );
        converged = before === after && errors.length === 0;
      }
      if (!converged) {
        fail(
          'convergence',
          `the devices and the server did not agree within ${this.options.maxFinalRounds} rounds`,
        );
      }

      this.#phase('final sync');
      const snapshots: DeviceSnapshot[] = [];
      for (const [d] of devices.entries()) {
        snapshots.push(await device(d).call<DeviceSnapshot>({ op: 'snapshot' }, clock(d)));
      }
      const failures: Failure[] = await checkInvariants({
        server,
        world: this.world,
        devices,
        users: this.users,
        snapshots,
        ledger,
      });
      const reviews = (await server.stored('reviews')) as Review[];
      if (scenario.reviews !== undefined && reviews.length !== scenario.reviews) {
        const entries = reviews.map(
          (r) =>
            `${r.collectionName}.${r.field}: kept ${r.kept.value} (${r.kept.at}) / other ${r.other.value} (${r.other.at})`,
        );
        failures.push({
          invariant: 'review entries',
          message: `the server has ${reviews.length} review entries, the scenario expects ${scenario.reviews}${entries.map((e) => `\n    ${e}`).join('')}`,
        });
      }
      this.#phase('checks');
      this.count('operations', scenario.ops.length);
      this.count('writes', ledger.writes.length);
      this.count('reviews', reviews.length);
      this.count('conflicting pushes', network.stats.conflicts);
      for (const [kind, n] of network.stats.faults) this.count(`fault ${kind}`, n);
      this.count('final rounds', trace.filter((line) => line.startsWith('round ')).length);
      if (failures.length > 0)
        throw new PropertyFailure(report(failures, trace, network.log, scenario, devices, ledger));
      if (process.env.SYNC_PROPERTY_TRACE) console.info(report([], trace, network.log, scenario, devices));
    } catch (error) {
      if (error instanceof PropertyFailure) throw error;
      // A device or the server threw: report it with the operations so far.
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      throw new PropertyFailure(
        report([{ invariant: 'no errors', message }], trace, network.log, scenario, devices),
      );
    } finally {
      await Promise.all(this.workers.map((w) => w.reset()));
      await network.drain().catch(() => undefined);
      await server.close();
      this.#phase('teardown');
    }
  }

  async #apply(
    index: number,
    op: Op,
    run: {
      network: FaultyNetwork;
      server: TestServer;
      ledger: Ledger;
      online: boolean[];
      skews: number[];
      clock: (d: number) => Date;
    },
  ): Promise<string> {
    const uid = index + 1;
    const origin = `'${describeOp(op, this.devices)}'`;
    if (op.t === 'restart-server') {
      await run.server.restart();
      return '';
    }
    const d = op.d;
    const device = this.workers[d] as DeviceWorker;
    const name = this.devices[d]?.name as string;
    const now = run.clock(d);
    const applied = (result: ActionResult) => {
      if (!result.applied) return `skipped: ${result.reason}`;
      const writes = run.ledger.record(index, origin, name, result.changes);
      return writes.map((w) => `#${w.n}`).join(' ') || 'no change';
    };
    switch (op.t) {
      case 'edit':
        return applied(
          await device.call<ActionResult>(
            { op: 'edit', collection: op.c, field: op.f, pick: op.pick, uid, mode: op.mode },
            now,
          ),
        );
      case 'visit':
        return applied(
          await device.call<ActionResult>(
            { op: 'recordVisit', elderPick: op.pick, schedulePick: op.schedule, uid },
            now,
          ),
        );
      case 'delete':
        return applied(
          await device.call<ActionResult>(
            { op: 'delete', collection: op.c as MergedCollection, pick: op.pick },
            now,
          ),
        );
      case 'resolve': {
        const result = await device.call<ResolveResult>({ op: 'resolve', pick: op.pick, keep: op.keep }, now);
        if (!result.applied) return `skipped: ${result.reason}`;
        const review = result.review as Review;
        const writes = run.ledger.record(index, origin, name, result.changes);
        return `review of ${review.collectionName}.${review.field}${writes.length ? `: ${writes.map((w) => `#${w.n}`).join(' ')}` : ''}`;
      }
      case 'sync': {
        if (!run.online[d] && !run.network.down.has(name)) return 'offline';
        const outcome = await device.call<SyncOutcome>({ op: 'sync', timeoutMs: 20_000 }, now, 30_000);
        return outcome.ok ? 'ok' : `failed: ${outcome.error}`;
      }
      case 'offline':
        run.online[d] = false;
        await device.call({ op: 'setOnline', online: false }, now);
        return '';
      case 'online': {
        if (run.online[d]) return 'already online';
        run.online[d] = true;
        run.network.down.delete(name);
        device.signal(true);
        // The app runs "Sync now" when the signal comes back.
        const outcome = await device.call<SyncOutcome>(
          { op: 'setOnline', online: true, sync: true, timeoutMs: 20_000 },
          now,
          30_000,
        );
        return outcome.ok ? 'synced' : `sync failed: ${outcome.error}`;
      }
      case 'poke':
        return (await device.call<boolean>({ op: 'poke' }, now)) ? 'pulling' : 'no stream';
      case 'faults':
        run.network.addFaults(name, op.faults);
        return '';
      case 'restart-device':
        await device.call({ op: 'restart' }, now);
        return '';
      case 'skew':
        run.skews[d] = op.minutes;
        return '';
    }
  }
}

async function serverVersion(server: TestServer): Promise<number> {
  const row = await server.db.selectFrom('sync_version').select('v').executeTakeFirstOrThrow();
  return row.v;
}

function report(
  failures: readonly Failure[],
  trace: readonly string[],
  log: readonly string[],
  scenario: Scenario,
  devices: readonly Device[],
  ledger?: Ledger,
): string {
  const shown = failures.slice(0, 8);
  const records = new Set(shown.flatMap((f) => (f.recordId ? [f.recordId] : [])));
  const writes = (ledger?.writes ?? []).filter((w) => records.has(w.recordId));
  const fieldValue = (doc: Record<string, unknown> | null, field: string) =>
    doc === null ? 'new' : field === '_deleted' ? String(doc._deleted) : JSON.stringify(doc[field]);
  return [
    `${failures.length} invariant(s) failed:`,
    ...shown.map((f) => `  [${f.invariant}] ${f.message}`),
    ...(failures.length > shown.length ? [`  ... and ${failures.length - shown.length} more`] : []),
    `clock skews (min): ${scenario.skews.map((s, d) => `${devices[d]?.name} ${s}`).join(', ')}`,
    'operations:',
    ...trace.map((line) => `  ${line}`),
    ...(writes.length ? ['writes to the records above (value on the device before → after):'] : []),
    ...writes.map(
      (w) =>
        `  #${w.n} op ${w.op} ${w.device} ${w.collection}/${short(w.recordId)} ${w.field} ${w.kind} ${JSON.stringify(w.value)}: ${fieldValue(w.before, w.field)} → ${fieldValue(w.after, w.field)}`,
    ),
    `network (last ${Math.min(log.length, 120)} requests):`,
    ...log.slice(-120).map((line) => `  ${line}`),
  ].join('\n');
}
