// The board's "to archive" list: elders a worker marked missed because they died or moved away,
// with no visit since, wait there for the coordinator (never a silent drop); and a missed visit
// keeps an elder on the board's overdue list with the day count Today shows.
import { describe, expect, it } from 'vitest';
import { computeBoard } from '../../src/domain/board';
import { DEFAULT_CADENCE } from '../../src/domain/cadence';
import type { Elder, Schedule } from '../../src/domain/schemas';
import { makeElder, makeSchedule, makeUser, TOWN_A, TOWN_B } from '../support/fixtures';

const today = '2026-12-07';
const coordinator = makeUser({ username: 'coord', role: 'coordinator', towns: [TOWN_A] });
const wang = makeUser({ username: 'wang', displayName: '王社工', role: 'worker', towns: [TOWN_A] });

function boardOf(elders: Elder[], schedules: Schedule[], lastVisit = new Map<string, string>()) {
  return computeBoard({
    manager: coordinator,
    elders,
    schedules,
    visits: [],
    lastVisit,
    users: [coordinator, wang],
    today,
    cadenceFor: () => DEFAULT_CADENCE,
  });
}

const elderOf = (patch: Partial<Elder> = {}) =>
  makeElder({ assignedWorkerId: wang.id, riskTier: 'key', ...patch });
const missedOn = (
  elder: Elder,
  plannedDate: string,
  missedReason: Schedule['missedReason'],
  missedNote = '',
) => makeSchedule(elder, { plannedDate, status: 'missed', missedReason, missedNote });

describe('the board’s elders to archive', () => {
  it('lists an elder reported deceased or moved away, with the day, the reason and the note', () => {
    const died = elderOf({ name: '甲' });
    const moved = elderOf({ name: '乙' });
    const result = boardOf(
      [died, moved],
      [missedOn(died, '2026-12-03', 'deceased'), missedOn(moved, '2026-12-01', 'moved', '随子女去深圳')],
    );
    expect(result.toArchive.map((entry) => [entry.elder.name, entry.missed.missedReason])).toEqual([
      ['乙', 'moved'],
      ['甲', 'deceased'],
    ]);
    expect(result.toArchive[0]?.missed).toMatchObject({
      plannedDate: '2026-12-01',
      missedNote: '随子女去深圳',
    });
  });

  it('keeps the reported elder on the overdue list too, until the coordinator archives them', () => {
    const died = elderOf();
    const result = boardOf(
      [died],
      [missedOn(died, '2026-12-03', 'deceased')],
      new Map([[died.id, '2026-11-20']]),
    );
    expect(result.overdue.map((entry) => [entry.elder.id, entry.due.daysOverdue])).toEqual([[died.id, 4]]);
    expect(
      boardOf([{ ...died, archivedOn: today }], [missedOn(died, '2026-12-03', 'deceased')]).toArchive,
    ).toEqual([]);
  });

  it('leaves out other reasons, a report a later visit contradicts, and elders of other towns', () => {
    const inHospital = elderOf();
    const seenSince = elderOf();
    const elsewhere = elderOf({ town: TOWN_B });
    const result = boardOf(
      [inHospital, seenSince, elsewhere],
      [
        missedOn(inHospital, '2026-12-03', 'in_hospital'),
        missedOn(seenSince, '2026-12-01', 'moved'),
        missedOn(elsewhere, '2026-12-01', 'deceased'),
      ],
      new Map([[seenSince.id, '2026-12-04']]),
    );
    expect(result.toArchive).toEqual([]);
  });

  it('shows one entry per elder, the latest report', () => {
    const elder = elderOf();
    const result = boardOf(
      [elder],
      [missedOn(elder, '2026-12-01', 'moved'), missedOn(elder, '2026-12-05', 'deceased')],
    );
    expect(result.toArchive.map((entry) => entry.missed.missedReason)).toEqual(['deceased']);
  });
});
