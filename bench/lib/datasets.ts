// Datasets for the benchmarks, made from the seed generator (seeds/generate.ts) and reshaped:
// one worker who owns every elder (a caseload of N records), or K workers with a few elders each.
// Every record stays valid per src/domain/schemas.ts (checked again when the server loads it).
import { v7 as uuidv7 } from 'uuid';
import { addDaysToDate, shiftInstant, zhongshanInstant } from '../../seeds/dates';
import { generateDataset, HISTORY_DAYS, MAX_ELDERS } from '../../seeds/generate';
import { toLocalDate } from '../../src/domain/cadence';
import type { Dataset } from '../../src/domain/dataset';
import type { Elder, Schedule, User, Visit } from '../../src/domain/schemas';

/** Not the demo password, so the server's start-up check of the demo logins finds nothing to hash. */
export const BENCH_PASSWORD = 'bench-password-7f3a';

export type DatasetUser = User & { password: string };

export interface Caseload {
  dataset: Dataset;
  /** Owns every elder. */
  worker: DatasetUser;
  /** A worker with no elders: the same app with an empty database. */
  emptyWorker: DatasetUser;
  /** Elders, schedules and visits: what the worker's device holds after the first sync. */
  records: number;
  today: string;
}

export function benchToday(): string {
  return toLocalDate(new Date());
}

interface CaseloadOptions {
  /** Exactly this many elders + schedules + visits (the last elder may keep only part of its records). */
  records?: number;
  /** Or this many elders with all their records. */
  elders?: number;
  /** Add older visits (copies moved back a quarter at a time) until there are this many. */
  visits?: number;
  seed?: number;
}

export function caseload(options: CaseloadOptions): Caseload {
  const today = benchToday();
  const seed = options.seed ?? 7;
  let elderCount = options.elders ?? Math.ceil((options.records ?? 0) / 7) + 2;
  let base = generateDataset({ elders: Math.min(elderCount, MAX_ELDERS), seed, today });
  while (options.records !== undefined && totalRecords(base) < options.records && elderCount < MAX_ELDERS) {
    elderCount = Math.min(MAX_ELDERS, Math.ceil(elderCount * 1.3));
    base = generateDataset({ elders: elderCount, seed, today });
  }

  const [coordinator, ...oldWorkers] = base.users;
  if (!coordinator || oldWorkers.length === 0) throw new Error('the generator made no users');
  const worker: DatasetUser = {
    ...(oldWorkers[0] as DatasetUser),
    username: 'bench-worker',
    displayName: '测试社工',
    towns: [...new Set(base.elders.map((e) => e.town))],
    password: BENCH_PASSWORD,
  };
  const emptyWorker: DatasetUser = {
    ...worker,
    id: uuidv7(),
    username: 'bench-empty',
    displayName: '新社工',
  };
  const workerIds = new Set(oldWorkers.map((u) => u.id));
  const toWorker = (id: string) => (workerIds.has(id) ? worker.id : id);

  const schedulesOf = groupBy(base.schedules, (s) => s.elderId);
  const visitsOf = groupBy(base.visits, (v) => v.elderId);
  const elders: Elder[] = [];
  const schedules: Schedule[] = [];
  const visits: Visit[] = [];
  const limit = options.records ?? Number.POSITIVE_INFINITY;
  for (const elder of base.elders) {
    let room = limit - (elders.length + schedules.length + visits.length);
    if (room <= 0) break;
    elders.push({ ...elder, assignedWorkerId: worker.id, updatedBy: toWorker(elder.updatedBy) });
    room -= 1;
    for (const schedule of schedulesOf.get(elder.id) ?? []) {
      if (room-- <= 0) break;
      schedules.push({ ...schedule, workerId: worker.id, updatedBy: toWorker(schedule.updatedBy) });
    }
    for (const visit of visitsOf.get(elder.id) ?? []) {
      if (room-- <= 0) break;
      visits.push({ ...visit, workerId: worker.id, updatedBy: toWorker(visit.updatedBy) });
    }
  }

  // More history: copies of the visits, each round a quarter further back, with new ids.
  const original = visits.length;
  for (let i = 0; options.visits !== undefined && visits.length < options.visits && original > 0; i++) {
    const source = visits[i % original] as Visit;
    const back = -HISTORY_DAYS * (1 + Math.floor(i / original));
    visits.push({
      ...source,
      id: uuidv7(),
      scheduleId: null,
      startedAt: shiftInstant(source.startedAt, back),
      endedAt: shiftInstant(source.endedAt, back),
      updatedAt: shiftInstant(source.updatedAt, back),
    });
  }

  const users = [
    { ...coordinator, username: 'bench-coordinator', password: BENCH_PASSWORD },
    worker,
    emptyWorker,
  ];
  return {
    dataset: { users, elders, schedules, visits },
    worker,
    emptyWorker,
    records: elders.length + schedules.length + visits.length,
    today,
  };
}

function totalRecords(dataset: Dataset): number {
  return dataset.elders.length + dataset.schedules.length + dataset.visits.length;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

// ---------------------------------------------------------------------------------------------------
// Many workers (server.rush)

export interface RushWorker {
  user: DatasetUser;
  elders: Elder[];
  /** Planned visits of the coming weeks; the day's work closes ten of them. */
  planned: Schedule[];
}

export interface RushDataset {
  dataset: Dataset;
  workers: RushWorker[];
  /** Visits as the generator writes them, whose content the day's work reuses. */
  sampleVisits: Visit[];
  today: string;
}

/** K workers with `eldersPerWorker` elders each, their past visits and four planned visits per elder. */
export function rushDataset(workerCount: number, eldersPerWorker = 3, seed = 11): RushDataset {
  const today = benchToday();
  const base = generateDataset({ elders: Math.min(workerCount * eldersPerWorker, MAX_ELDERS), seed, today });
  const [coordinator, ...oldWorkers] = base.users;
  if (!coordinator) throw new Error('the generator made no users');
  const oldWorkerIds = new Set(oldWorkers.map((u) => u.id));
  const visitsOf = groupBy(base.visits, (v) => v.elderId);
  const schedulesOf = groupBy(base.schedules, (s) => s.elderId);
  const stamp = zhongshanInstant(addDaysToDate(today, -1), 17 * 60);

  const workers: RushWorker[] = [];
  const elders: Elder[] = [];
  const schedules: Schedule[] = [];
  const visits: Visit[] = [];
  for (let w = 0; w < workerCount; w++) {
    const mine = base.elders.slice(w * eldersPerWorker, (w + 1) * eldersPerWorker);
    const id = uuidv7();
    const user: DatasetUser = {
      id,
      username: `bench-w${w}`,
      displayName: `社工${w}`,
      role: 'worker',
      towns: [...new Set(mine.map((e) => e.town))],
      password: BENCH_PASSWORD,
      updatedAt: stamp,
      updatedBy: coordinator.id,
      _deleted: false,
    };
    const remap = (userId: string) => (oldWorkerIds.has(userId) ? id : userId);
    const ownElders = mine.map((e) => ({ ...e, assignedWorkerId: id, updatedBy: remap(e.updatedBy) }));
    const planned: Schedule[] = [];
    for (const elder of ownElders) {
      for (const s of schedulesOf.get(elder.id) ?? []) {
        schedules.push({ ...s, workerId: id, updatedBy: remap(s.updatedBy) });
      }
      for (const v of visitsOf.get(elder.id) ?? []) {
        visits.push({ ...v, workerId: id, updatedBy: remap(v.updatedBy) });
      }
      for (let week = 0; week < 4; week++) {
        planned.push({
          id: uuidv7(),
          elderId: elder.id,
          town: elder.town,
          workerId: id,
          plannedDate: addDaysToDate(today, 7 * week),
          kind: 'routine',
          status: 'planned',
          visitId: null,
          missedReason: null,
          note: '',
          fieldTimes: {},
          updatedAt: stamp,
          updatedBy: coordinator.id,
          _deleted: false,
        });
      }
    }
    schedules.push(...planned);
    elders.push(...ownElders);
    workers.push({ user, elders: ownElders, planned });
  }
  return {
    dataset: {
      users: [
        {
          ...coordinator,
          username: 'bench-coordinator',
          towns: [...new Set(elders.map((e) => e.town))],
          password: BENCH_PASSWORD,
        },
        ...workers.map((w) => w.user),
      ],
      elders,
      schedules,
      visits,
    },
    workers,
    sampleVisits: base.visits.slice(0, 200),
    today,
  };
}
