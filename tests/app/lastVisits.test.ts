import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { filter, firstValueFrom, timeout } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type TanfangDatabase } from '../../src/app/db/database';
import { keepLastVisits, type LastVisitKeeper } from '../../src/app/db/lastVisits';
import { lastVisitDates } from '../../src/domain/cadence';
import type { Visit } from '../../src/domain/schemas';
import { makeElder, makeVisit } from '../support/fixtures';

let db: TanfangDatabase;
let counter = 0;
const keepers: LastVisitKeeper[] = [];

beforeEach(async () => {
  counter += 1;
  db = await openDatabase({
    name: `last_visits_${process.pid}_${counter}`,
    storage: getRxStorageMemory(),
    multiInstance: false,
  });
});
afterEach(async () => {
  for (const keeper of keepers.splice(0)) keeper.stop();
  await db.remove();
});

function keep(): LastVisitKeeper {
  const keeper = keepLastVisits(db);
  keepers.push(keeper);
  return keeper;
}

/** The keeper's dates once they equal what reading every visit gives. */
async function agreesWithAllVisits(keeper: LastVisitKeeper): Promise<ReadonlyMap<string, string>> {
  const visits = (await db.visits.find().exec()).map((doc) => doc.toMutableJSON() as unknown as Visit);
  const expected = lastVisitDates(visits.map((v) => ({ ...v, _deleted: false })));
  return firstValueFrom(
    keeper.dates$.pipe(
      filter((dates) => JSON.stringify([...dates].sort()) === JSON.stringify([...expected].sort())),
      timeout(5_000),
    ),
  );
}

const elderA = makeElder();
const elderB = makeElder();
const at = (day: number) => `2026-11-${String(day).padStart(2, '0')}T02:00:00.000Z`;

describe("each elder's latest visit, kept beside the visits", () => {
  it('starts from the visits already on the device, ignoring deleted ones', async () => {
    const deleted = makeVisit(elderA, { startedAt: at(20) });
    await db.visits.bulkInsert([
      makeVisit(elderA, { startedAt: at(3) }),
      makeVisit(elderA, { startedAt: at(12) }),
      deleted,
      makeVisit(elderB, { startedAt: at(5) }),
    ]);
    await (await db.visits.findOne(deleted.id).exec())?.remove();
    const dates = await agreesWithAllVisits(keep());
    expect([...dates].sort()).toEqual(
      [
        [elderA.id, '2026-11-12'],
        [elderB.id, '2026-11-05'],
      ].sort(),
    );
  });

  it('follows a new visit, a visit moved earlier, a deleted one and one moved to another elder', async () => {
    const latestOfA = makeVisit(elderA, { startedAt: at(20) });
    const earlierOfA = makeVisit(elderA, { startedAt: at(10) });
    await db.visits.bulkInsert([latestOfA, earlierOfA, makeVisit(elderB, { startedAt: at(1) })]);
    const keeper = keep();
    expect((await agreesWithAllVisits(keeper)).get(elderA.id)).toBe('2026-11-20');

    await db.visits.insert(makeVisit(elderB, { startedAt: at(25) }));
    expect((await agreesWithAllVisits(keeper)).get(elderB.id)).toBe('2026-11-25');

    await (await db.visits.findOne(latestOfA.id).exec())?.incrementalPatch({ startedAt: at(2) });
    expect((await agreesWithAllVisits(keeper)).get(elderA.id)).toBe('2026-11-10');

    await (await db.visits.findOne(earlierOfA.id).exec())?.incrementalPatch({ elderId: elderB.id });
    expect((await agreesWithAllVisits(keeper)).get(elderA.id)).toBe('2026-11-02');

    await (await db.visits.findOne(latestOfA.id).exec())?.remove();
    expect((await agreesWithAllVisits(keeper)).has(elderA.id)).toBe(false);
  });

  it('catches up from where it stopped when the app was closed mid-way', async () => {
    await db.visits.bulkInsert(
      Array.from({ length: 1_200 }, (_, i) =>
        makeVisit(i % 2 ? elderA : elderB, { startedAt: at(1 + (i % 27)) }),
      ),
    );
    const first = keep();
    await agreesWithAllVisits(first);
    first.stop();
    const stored = await db.digest.count().exec();
    expect(stored).toBe(3); // two elders and the checkpoint

    // Written while no keeper runs: the next start reads them from its checkpoint.
    const elderC = makeElder();
    await db.visits.bulkInsert([
      makeVisit(elderC, { startedAt: at(28) }),
      makeVisit(elderA, { startedAt: at(29) }),
    ]);
    const dates = await agreesWithAllVisits(keep());
    expect(dates.get(elderC.id)).toBe('2026-11-28');
    expect(dates.get(elderA.id)).toBe('2026-11-29');
  });
});
