// The volunteers register on the device: entering and changing volunteers, pairing them with elders,
// naming them in a visit, and the list the screens show; every write waits in the outbox.
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type TanfangDatabase } from '../../src/app/db/database';
import { volunteersOf } from '../../src/app/db/queries';
import { InvalidRecordError, noteInOutbox, recordVisit } from '../../src/app/db/store';
import {
  addVolunteer,
  changeVolunteer,
  pairVolunteers,
  participantOf,
  unregisteredParticipant,
  type VolunteerDraft,
} from '../../src/app/db/volunteers';
import { RecordsBeingPushed, volunteersBeforeTheirPairings } from '../../src/app/sync/visitsFirst';
import type { PushRow } from '../../src/domain/api';
import type { Elder, Volunteer } from '../../src/domain/schemas';
import {
  COORDINATOR_ID,
  makeElder,
  makeVisit,
  makeVolunteer,
  TOWN_A,
  TOWN_B,
  WORKER_ID,
} from '../support/fixtures';
import { watch } from '../support/watch';

const context = { userId: COORDINATOR_ID, now: new Date('2026-12-07T02:00:00.000Z') };
const LATER = new Date('2026-12-08T02:00:00.000Z');

let db: TanfangDatabase;
let counter = 0;
beforeEach(async () => {
  counter += 1;
  db = await openDatabase({
    name: `volunteers_${process.pid}_${counter}`,
    storage: getRxStorageMemory(),
    multiInstance: false,
  });
});
afterEach(async () => {
  await db.remove();
});

function draft(patch: Partial<VolunteerDraft> = {}): VolunteerDraft {
  const { id: _id, fieldTimes: _f, updatedAt: _u, updatedBy: _b, _deleted: _d, ...fields } = makeVolunteer();
  return { ...fields, ...patch };
}

const outboxKeys = async () => (await db.outbox.find().exec()).map((entry) => entry.key).sort();
const stored = async (id: string) => (await db.volunteers.findOne(id).exec())?.toMutableJSON() as Volunteer;

/** An elder as the device has it from the server (not waiting to sync). */
async function elderOnDevice(patch: Partial<Elder> = {}): Promise<Elder> {
  const elder = makeElder(patch);
  await db.elders.insert(elder);
  return elder;
}

describe('entering and changing a volunteer on the device', () => {
  it('enters a volunteer stamped by the coordinator, waiting to sync', async () => {
    const volunteer = await addVolunteer(db, draft({ name: '陈耀祖', birthYear: 1961 }), context);

    expect(volunteer).toMatchObject({
      name: '陈耀祖',
      birthYear: 1961,
      town: TOWN_A,
      active: true,
      fieldTimes: {},
      updatedAt: '2026-12-07T02:00:00.000Z',
      updatedBy: COORDINATOR_ID,
      _deleted: false,
    });
    expect(await stored(volunteer.id)).toMatchObject({ name: '陈耀祖' });
    expect(await outboxKeys()).toEqual([`volunteers:${volunteer.id}`]);
  });

  it('keeps a blank 志愿中山 number as none (null), and a number without the spaces typed around it', async () => {
    const without = await addVolunteer(db, draft({ name: '甲', zhiyuanNumber: '  ' }), context);
    const withNumber = await addVolunteer(db, draft({ name: '乙', zhiyuanNumber: ' ZS2020 ' }), context);
    expect(without.zhiyuanNumber).toBeNull();
    expect(withNumber.zhiyuanNumber).toBe('ZS2020');
  });

  it('refuses a volunteer the schema refuses, naming the field, and writes nothing', async () => {
    const attempt = addVolunteer(db, draft({ birthYear: 1890 }), context);
    await expect(attempt).rejects.toBeInstanceOf(InvalidRecordError);
    await expect(attempt).rejects.toMatchObject({ field: 'birthYear' });
    expect(await db.volunteers.count().exec()).toBe(0);
    expect(await outboxKeys()).toEqual([]);
  });

  it('refuses a second volunteer of the same name, birth year and town unless asked to allow it', async () => {
    const first = await addVolunteer(db, draft(), context);
    await expect(addVolunteer(db, draft({ phone: '139' }), context)).rejects.toMatchObject({
      field: 'name',
      message: `name: already on the register (${first.id})`,
    });
    // Another town's register, or another birth year, is another person.
    await addVolunteer(db, draft({ town: TOWN_B }), context);
    await addVolunteer(db, draft({ birthYear: 1990 }), context);
    await addVolunteer(db, draft(), { ...context, allowDuplicate: true });
    expect(await db.volunteers.count().exec()).toBe(4);
  });

  it('changes only what changed, dating those fields, and makes an inactive volunteer of one who stopped', async () => {
    const volunteer = await addVolunteer(db, draft(), context);
    const changed = await changeVolunteer(
      db,
      volunteer.id,
      { active: false, team: volunteer.team, zhiyuanNumber: '' },
      { ...context, now: LATER },
    );
    expect(changed).toMatchObject({ active: false, zhiyuanNumber: null, team: volunteer.team });
    expect(changed.fieldTimes).toMatchObject({
      active: LATER.toISOString(),
      zhiyuanNumber: LATER.toISOString(),
      team: context.now.toISOString(),
    });
    expect(await outboxKeys()).toEqual([`volunteers:${volunteer.id}`]);
  });
});

describe('pairing volunteers with an elder on the device', () => {
  it('pairs an elder with active volunteers of their town, once each, waiting to sync', async () => {
    const elder = await elderOnDevice();
    const [a, b] = [
      await addVolunteer(db, draft({ name: '甲' }), context),
      await addVolunteer(db, draft({ name: '乙' }), context),
    ];

    const paired = await pairVolunteers(db, elder.id, [a.id, b.id, a.id], context);

    expect(paired.volunteerIds).toEqual([a.id, b.id]);
    expect(paired.fieldTimes.volunteerIds).toBe(context.now.toISOString());
    expect(await outboxKeys()).toContain(`elders:${elder.id}`);
  });

  it('refuses a volunteer who stopped, one of another town or one not on the register, naming volunteerIds', async () => {
    const elder = await elderOnDevice();
    const stopped = await addVolunteer(db, draft({ name: '甲', active: false }), context);
    const elsewhere = await addVolunteer(db, draft({ name: '乙', town: TOWN_B }), context);
    for (const id of [stopped.id, elsewhere.id, makeVolunteer().id]) {
      await expect(pairVolunteers(db, elder.id, [id], context), id).rejects.toMatchObject({
        field: 'volunteerIds',
      });
    }
    expect((await db.elders.findOne(elder.id).exec())?.volunteerIds).toBeUndefined();
  });

  it('keeps a pairing with a volunteer who has stopped since, and can end it', async () => {
    const volunteer = await addVolunteer(db, draft(), context);
    const elder = await elderOnDevice({ volunteerIds: [volunteer.id] });
    await changeVolunteer(db, volunteer.id, { active: false }, context);
    const other = await addVolunteer(db, draft({ name: '乙' }), context);

    expect((await pairVolunteers(db, elder.id, [volunteer.id, other.id], context)).volunteerIds).toEqual([
      volunteer.id,
      other.id,
    ]);
    expect((await pairVolunteers(db, elder.id, [other.id], context)).volunteerIds).toEqual([other.id]);
  });
});

describe('volunteers in a visit and in the screens’ list', () => {
  it('records a visit naming a registered volunteer and a helper typed by name', async () => {
    const elder = await elderOnDevice();
    const volunteer = await addVolunteer(db, draft(), context);
    const participants = [participantOf(volunteer, 45), unregisteredParticipant('邻居黄姨', 30)];
    const {
      id: _id,
      town: _t,
      workerId: _w,
      fieldTimes: _f,
      updatedAt: _u,
      updatedBy: _b,
      _deleted: _d,
      ...visit
    } = makeVisit(elder, { participants });

    const saved = await recordVisit(db, WORKER_ID, visit);

    expect(saved.participants).toEqual([
      { name: volunteer.name, minutes: 45, volunteerId: volunteer.id },
      { name: '邻居黄姨', minutes: 30, volunteerId: null },
    ]);
  });

  it('lists the active volunteers of the person’s towns by name, every town for an admin, all with includeInactive', async () => {
    const names = async (towns: string[], includeInactive = false) =>
      (await volunteersOf(db, towns, includeInactive).exec()).map((v) => v.name);
    await addVolunteer(db, draft({ name: '黄美玲' }), context);
    await addVolunteer(db, draft({ name: '陈耀祖' }), context);
    await addVolunteer(db, draft({ name: '冯淑仪', active: false }), context);
    await addVolunteer(db, draft({ name: '何少芳', town: TOWN_B }), context);

    // Names in code-unit order, as the elders' list sorts them.
    expect(await names([TOWN_A])).toEqual(['陈耀祖', '黄美玲']);
    expect(await names([TOWN_A], true)).toEqual(['冯淑仪', '陈耀祖', '黄美玲']);
    expect(await names([])).toEqual(['何少芳', '陈耀祖', '黄美玲']);
    expect(await names([TOWN_A, TOWN_B])).toEqual(['何少芳', '陈耀祖', '黄美玲']);
  });
});

describe('a new volunteer and the pairings made with it', () => {
  it('holds an elder’s push until a new volunteer it is paired with is with the transport; others go at once', async () => {
    const fresh = makeVolunteer();
    await noteInOutbox(db, 'volunteers', fresh);
    const volunteers = new RecordsBeingPushed();
    const row = (volunteerIds?: string[]): PushRow => ({
      newDocumentState: makeElder(volunteerIds ? { volunteerIds } : {}),
      assumedMasterState: null,
    });

    await volunteersBeforeTheirPairings(db, volunteers, [row()]); // paired with no one
    await volunteersBeforeTheirPairings(db, volunteers, [row([makeVolunteer().id])]); // the server has it
    const held = watch(volunteersBeforeTheirPairings(db, volunteers, [row(), row([fresh.id])]));
    await new Promise((resolve) => setImmediate(resolve));
    expect(held.settled).toBe(false);

    volunteers.handOver([fresh.id]);
    await vi.waitFor(() => expect(held.settled).toBe(true));
    expect(held.error).toBeUndefined();
  });
});
