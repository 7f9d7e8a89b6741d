import 'fake-indexeddb/auto';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { Subject } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type TanfangDatabase } from '../../src/app/db/database';
import { keepLastVisits, type LastVisitKeeper } from '../../src/app/db/lastVisits';
import {
  clearTodaySnapshot,
  decodeTodaySnapshot,
  encodeTodaySnapshot,
  readTodaySnapshot,
  type TodayInputs,
  writeTodaySnapshot,
} from '../../src/app/db/todaySnapshot';
import {
  type KeeperOptions,
  keepTodaySnapshot,
  type TodaySnapshotKeeper,
} from '../../src/app/db/todaySnapshotKeeper';
import { computeDue, DEFAULT_CADENCE } from '../../src/domain/cadence';
import type { Elder, RiskTier, Schedule } from '../../src/domain/schemas';
import { makeElder, makeSchedule, makeVisit, WORKER_ID } from '../support/fixtures';

const TIERS: RiskTier[] = ['key', 'high', 'general'];

/** A caseload with several planned visits per elder, some visited, some deleted or done. */
function caseload(count: number): { elders: Elder[]; schedules: Schedule[]; lastVisit: Map<string, string> } {
  const elders: Elder[] = [];
  const schedules: Schedule[] = [];
  const lastVisit = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    const elder = makeElder({
      name: `老人${String(i).padStart(3, '0')}`,
      riskTier: TIERS[i % 3] as RiskTier,
    });
    elders.push(elder);
    if (i % 4 !== 0) lastVisit.set(elder.id, `2026-11-${String(1 + (i % 27)).padStart(2, '0')}`);
    for (let k = 0; k < i % 3; k++) {
      schedules.push(
        makeSchedule(elder, {
          plannedDate: `2026-12-${String(1 + ((i * 7 + k * 5) % 28)).padStart(2, '0')}`,
          kind: k === 0 ? 'routine' : 'follow_up',
          status: k === 2 ? 'done' : 'planned',
        }),
      );
    }
  }
  return { elders, schedules, lastVisit };
}

describe('the Today snapshot', () => {
  it('gives the same due lists as the database it was taken from, on any later day', () => {
    const { elders, schedules, lastVisit } = caseload(60);
    const inputs: TodayInputs = {
      elders,
      schedules,
      lastVisit,
      workerNames: new Map([[WORKER_ID, '李社工']]),
    };
    const decoded = decodeTodaySnapshot(WORKER_ID, encodeTodaySnapshot(WORKER_ID, inputs));
    expect(decoded).not.toBeNull();
    if (!decoded) return;
    for (const today of ['2026-11-30', '2026-12-01', '2026-12-09', '2027-01-15']) {
      expect(computeDue({ ...decoded, today })).toEqual(computeDue({ elders, schedules, lastVisit, today }));
    }
    expect(decoded.elders.map((e) => e.name)).toEqual(elders.map((e) => e.name));
    expect(decoded.workerNames.get(WORKER_ID)).toBe('李社工');
    // The town is kept, so each elder is due by their town's cadence before the database opens.
    const rules = () => ({ ...DEFAULT_CADENCE, high: { every: 2, unit: 'day' as const } });
    expect(computeDue({ ...decoded, today: '2026-12-09', rules })).toEqual(
      computeDue({ elders, schedules, lastVisit, today: '2026-12-09', rules }),
    );
    expect(decoded.elders.map((e) => e.town)).toEqual(elders.map((e) => e.town));
  });

  it('keeps only what Today draws: no phone, health or contacts, one planned visit per elder', () => {
    const { elders, schedules, lastVisit } = caseload(30);
    const text = encodeTodaySnapshot(WORKER_ID, { elders, schedules, lastVisit, workerNames: new Map() });
    expect(text).not.toContain('13800000000');
    expect(text).not.toContain('高血压');
    const decoded = decodeTodaySnapshot(WORKER_ID, text);
    const perElder = new Set(decoded?.schedules.map((s) => s.elderId));
    expect(perElder.size).toBe(decoded?.schedules.length);
  });

  it('leaves out elders who left the register, as Today does', () => {
    const { elders, schedules, lastVisit } = caseload(3);
    const [first, ...rest] = elders;
    const archived = { ...(first as Elder), archivedOn: '2026-11-01', archiveReason: 'moved' as const };
    const text = encodeTodaySnapshot(WORKER_ID, {
      elders: [archived, ...rest],
      schedules,
      lastVisit,
      workerNames: new Map(),
    });
    const decoded = decodeTodaySnapshot(WORKER_ID, text);
    expect(decoded?.elders.map((e) => e.id)).toEqual(rest.map((e) => e.id));
  });

  it('is not read for another person, by another version, or when damaged', () => {
    const text = encodeTodaySnapshot(WORKER_ID, {
      elders: [],
      schedules: [],
      lastVisit: new Map(),
      workerNames: new Map(),
    });
    expect(decodeTodaySnapshot('someone-else', text)).toBeNull();
    // Version 1 had no towns, so it would make every elder due by the default cadence.
    expect(decodeTodaySnapshot(WORKER_ID, text.replace(/"version":\d+/, '"version":1'))).toBeNull();
    expect(decodeTodaySnapshot(WORKER_ID, text.slice(0, 20))).toBeNull();
  });

  it('is stored on the device per person and forgotten on sign-out', async () => {
    const { elders, schedules, lastVisit } = caseload(5);
    await writeTodaySnapshot(
      WORKER_ID,
      encodeTodaySnapshot(WORKER_ID, { elders, schedules, lastVisit, workerNames: new Map() }),
    );
    expect((await readTodaySnapshot(WORKER_ID))?.elders).toHaveLength(5);
    await clearTodaySnapshot(WORKER_ID);
    expect(await readTodaySnapshot(WORKER_ID)).toBeNull();
  });
});

describe('keeping the Today snapshot equal to the database', () => {
  let db: TanfangDatabase;
  let lastVisits: LastVisitKeeper;
  let keeper: TodaySnapshotKeeper;
  let counter = 0;
  const writes: TodayInputs[] = [];

  beforeEach(async () => {
    counter += 1;
    writes.length = 0;
    db = await openDatabase({
      name: `today_snapshot_${process.pid}_${counter}`,
      storage: getRxStorageMemory(),
      multiInstance: false,
    });
    lastVisits = keepLastVisits(db);
    keeper = keep();
  });

  function keep(options: Omit<KeeperOptions, 'write'> = {}): TodaySnapshotKeeper {
    return keepTodaySnapshot(db, lastVisits, WORKER_ID, {
      ...options,
      write: async (userId, encoded) => {
        const decoded = decodeTodaySnapshot(userId, encoded);
        if (decoded) writes.push(decoded);
      },
    });
  }
  afterEach(async () => {
    keeper.stop();
    lastVisits.stop();
    await db.remove();
  });

  const latest = () => writes.at(-1);

  it('rewrites it when an elder, a planned visit or a visit changes, and not for fields Today does not draw', async () => {
    const elder = makeElder({ name: '陈阿婆' });
    await db.elders.insert(elder);
    await db.schedules.insert(makeSchedule(elder, { plannedDate: '2026-12-03' }));
    await vi.waitFor(() => expect(latest()?.schedules.map((s) => s.plannedDate)).toEqual(['2026-12-03']));

    await db.visits.insert(makeVisit(elder, { startedAt: '2026-11-28T02:00:00.000Z' }));
    await vi.waitFor(() => expect(latest()?.lastVisit.get(elder.id)).toBe('2026-11-28'));

    // A phone number is not on Today: no write. A new name is: one write, holding the new name.
    const before = writes.length;
    await db.elders.findOne(elder.id).patch({ phone: '13811112222' });
    await db.elders.findOne(elder.id).patch({ name: '陈婆婆' });
    await vi.waitFor(() => expect(latest()?.elders.map((e) => e.name)).toEqual(['陈婆婆']));
    expect(writes.length).toBe(before + 1);
  });

  it('writes at once when the app goes to the background, without waiting for the data to be still', async () => {
    keeper.stop();
    const background = new Subject<void>();
    keeper = keep({ quietMs: 3_600_000, background });
    const elder = makeElder({ name: '黄伯' });
    await db.elders.insert(elder);
    // Only going to the background can write within the hour (again until the keeper has seen it).
    await vi.waitFor(async () => expect(await db.elders.count().exec()).toBe(1));
    expect(writes).toEqual([]);
    await vi.waitFor(() => {
      background.next();
      expect(latest()?.elders.map((e) => e.name)).toEqual(['黄伯']);
    });
  });
});
