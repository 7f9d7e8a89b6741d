import { describe, expect, it } from 'vitest';
import {
  type Board,
  type BoardFilter,
  computeBoard,
  dueByElder,
  NO_BOARD_FILTER,
} from '../../src/domain/board';
import { type CadenceRules, DEFAULT_CADENCE, type DueItem, lastVisitDates } from '../../src/domain/cadence';
import type { Elder, Schedule, User, Visit } from '../../src/domain/schemas';
import { makeElder, makeSchedule, makeUser, makeVisit, TOWN_A, TOWN_B } from '../support/fixtures';

const today = '2026-11-29';

const coordinator = makeUser({ username: 'coord', role: 'coordinator', towns: [TOWN_A] });
const wang = makeUser({ username: 'wang', displayName: '王社工', role: 'worker', towns: [TOWN_A] });
const li = makeUser({ username: 'li', displayName: '李社工', role: 'worker', towns: [TOWN_A] });
const he = makeUser({ username: 'he', displayName: '何社工', role: 'worker', towns: [TOWN_B] });
const users = [coordinator, wang, li, he];

/** A high-risk elder of TOWN_A, assigned to 王社工, visited on `lastVisitOn` (10:00 in Zhongshan). */
function elderOf(patch: Partial<Elder> = {}): Elder {
  return makeElder({ assignedWorkerId: wang.id, riskTier: 'high', ...patch });
}

function visitOn(elder: Elder, day: string, patch: Partial<Visit> = {}): Visit {
  return makeVisit(elder, { startedAt: `${day}T10:00:00+08:00`, ...patch });
}

function urgentVisit(elder: Elder, day: string, urgency: Visit['followUp']['urgency'] = 'urgent'): Visit {
  return visitOn(elder, day, { followUp: { needed: true, urgency, note: `跟进 ${day}` } });
}

interface World {
  elders: Elder[];
  visits?: Visit[];
  schedules?: Schedule[];
  users?: User[];
  manager?: Pick<User, 'role' | 'towns'>;
  filter?: Partial<BoardFilter>;
  cadenceFor?: (town: string) => CadenceRules;
}

function board({
  elders,
  visits = [],
  schedules = [],
  users: people = users,
  manager = coordinator,
  filter = {},
  cadenceFor = () => DEFAULT_CADENCE,
}: World): Board<Elder> {
  return computeBoard({
    manager,
    elders,
    visits,
    lastVisit: lastVisitDates(visits),
    schedules,
    users: people,
    today,
    cadenceFor,
    filter: { ...NO_BOARD_FILTER, ...filter },
  });
}

const names = (list: readonly { name: string }[]) => list.map((e) => e.name);

describe('board: due and overdue', () => {
  it('counts an elder overdue with the days computeDue gives, and one due in a week as due soon', () => {
    const late = elderOf({ name: '迟' });
    const soon = elderOf({ name: '近' });
    const later = elderOf({ name: '远', riskTier: 'general' });
    const visits = [visitOn(late, '2026-11-19'), visitOn(soon, '2026-11-29'), visitOn(later, '2026-11-20')];
    const result = board({ elders: [late, soon, later], visits });
    expect(result.totals).toEqual({ elders: 3, overdue: 1, dueSoon: 1 });
    expect(result.overdue).toHaveLength(1);
    expect(result.overdue[0]?.elder.name).toBe('迟');
    // A week after 19 November is the 26th: three days past.
    expect(result.overdue[0]?.due).toMatchObject({ dueDate: '2026-11-26', daysOverdue: 3 });
  });

  it('counts an elder due today and one due on the seventh day as due soon, not the eighth', () => {
    const never = elderOf({ name: '未访' });
    const seventh = elderOf({ name: '第七天' });
    const eighth = elderOf({ name: '第八天' });
    // Weekly: visited on the 29th, due on 6 December (today + 7); visited on the 30th, due on the 7th.
    const visits = [visitOn(seventh, '2026-11-29'), visitOn(eighth, '2026-11-30')];
    const result = board({ elders: [never, seventh, eighth], visits });
    expect(result.totals).toEqual({ elders: 3, overdue: 0, dueSoon: 2 });
  });

  it('lists the most overdue elder first and keeps the given order among equals', () => {
    const a = elderOf({ name: '甲' });
    const b = elderOf({ name: '乙' });
    const c = elderOf({ name: '丙' });
    const visits = [visitOn(a, '2026-11-20'), visitOn(b, '2026-11-10'), visitOn(c, '2026-11-20')];
    expect(names(board({ elders: [a, b, c], visits }).overdue.map((o) => o.elder))).toEqual([
      '乙',
      '甲',
      '丙',
    ]);
  });

  it('uses an earlier planned visit as computeDue does', () => {
    const elder = elderOf({ riskTier: 'general' });
    const result = board({
      elders: [elder],
      visits: [visitOn(elder, '2026-11-01')],
      schedules: [makeSchedule(elder, { plannedDate: '2026-11-27' })],
    });
    expect(result.overdue[0]?.due).toMatchObject({ reason: 'schedule', daysOverdue: 2 });
  });

  it("uses each town's own cadence rules", () => {
    const a = elderOf({ name: '东区', town: TOWN_A });
    const b = elderOf({ name: '小榄', town: TOWN_B, assignedWorkerId: he.id });
    const fortnightly: CadenceRules = { ...DEFAULT_CADENCE, high: { every: 2, unit: 'week' } };
    const asked: string[] = [];
    const result = board({
      elders: [a, b],
      visits: [visitOn(a, '2026-11-19'), visitOn(b, '2026-11-19')],
      manager: { role: 'admin', towns: [] },
      cadenceFor: (town) => {
        asked.push(town);
        return town === TOWN_B ? fortnightly : DEFAULT_CADENCE;
      },
    });
    expect(names(result.overdue.map((o) => o.elder))).toEqual(['东区']);
    expect(result.totals).toEqual({ elders: 2, overdue: 1, dueSoon: 1 });
    // Asked once per town, not once per elder.
    expect(asked.sort()).toEqual([TOWN_A, TOWN_B].sort());
  });
});

describe('board: due dates worked out once', () => {
  it('gives the same board from due dates worked out beforehand for every filter', () => {
    const a = elderOf({ name: '甲', community: '竹苑社区' });
    const b = elderOf({ name: '乙', community: '库充社区', assignedWorkerId: li.id });
    const visits = [visitOn(a, '2026-11-10'), visitOn(b, '2026-11-27')];
    const base = { manager: coordinator, elders: [a, b], visits, schedules: [], users, today };
    const inputs = { ...base, lastVisit: lastVisitDates(visits), cadenceFor: () => DEFAULT_CADENCE };
    const due = dueByElder(inputs);
    for (const filter of [NO_BOARD_FILTER, { ...NO_BOARD_FILTER, community: '库充社区' }]) {
      expect(computeBoard({ ...inputs, filter, due })).toEqual(computeBoard({ ...inputs, filter }));
    }
  });

  it('reads overdue from the due dates it is given rather than working them out again', () => {
    const elder = elderOf();
    const inputs = {
      manager: coordinator,
      elders: [elder],
      visits: [visitOn(elder, '2026-11-28')],
      lastVisit: new Map([[elder.id, '2026-11-28']]),
      schedules: [],
      users,
      today,
      cadenceFor: () => DEFAULT_CADENCE,
    };
    const stale = new Map(dueByElder({ ...inputs, lastVisit: new Map() }));
    stale.set(elder.id, { ...(stale.get(elder.id) as DueItem), status: 'overdue', daysOverdue: 4 });
    expect(computeBoard({ ...inputs, due: stale }).totals.overdue).toBe(1);
    expect(computeBoard(inputs).totals.overdue).toBe(0);
  });
});

describe('board: which elders it holds', () => {
  it('leaves out archived and deleted elders and those of towns the manager does not cover', () => {
    const on = elderOf({ name: '在册' });
    const archived = elderOf({ name: '归档', archivedOn: '2026-11-01', archiveReason: 'moved' });
    const deleted = elderOf({ name: '删除', _deleted: true });
    const elsewhere = elderOf({ name: '外镇', town: TOWN_B, assignedWorkerId: he.id, consentGiven: false });
    const result = board({ elders: [on, archived, deleted, elsewhere] });
    expect(result.totals.elders).toBe(1);
    expect(result.noConsent).toEqual([]);
    expect(result.overdue).toEqual([]);
  });

  it("gives an admin every town's elders", () => {
    const a = elderOf({ town: TOWN_A });
    const b = elderOf({ town: TOWN_B, assignedWorkerId: he.id });
    expect(board({ elders: [a, b], manager: { role: 'admin', towns: [] } }).totals.elders).toBe(2);
  });

  it('narrows every count and list to a town, a community or a worker', () => {
    const zhuyuan = elderOf({ name: '竹苑', community: '竹苑社区', consentGiven: false });
    const other = elderOf({ name: '库充', community: '库充社区', consentGiven: false });
    const ofLi = elderOf({
      name: '李的',
      community: '竹苑社区',
      assignedWorkerId: li.id,
      consentGiven: false,
    });
    const elders = [zhuyuan, other, ofLi];
    const byCommunity = board({ elders, filter: { community: '竹苑社区' } });
    expect(names(byCommunity.noConsent)).toEqual(['竹苑', '李的']);
    expect(byCommunity.totals.elders).toBe(2);
    const byWorker = board({ elders, filter: { worker: li.id } });
    expect(names(byWorker.noConsent)).toEqual(['李的']);
    expect(names(byWorker.overdue.map((o) => o.elder))).toEqual([]);
    expect(byWorker.totals).toEqual({ elders: 1, overdue: 0, dueSoon: 1 });
    const byTown = board({ elders, filter: { town: TOWN_B }, manager: { role: 'admin', towns: [] } });
    expect(byTown.totals.elders).toBe(0);
  });

  it("narrows to the elders with no worker with the worker filter 'none'", () => {
    const assigned = elderOf({ name: '有' });
    const orphan = elderOf({ name: '无', assignedWorkerId: coordinator.id });
    const result = board({ elders: [assigned, orphan], filter: { worker: 'none' } });
    expect(names(result.noWorker)).toEqual(['无']);
    expect(result.totals.elders).toBe(1);
    expect(result.workers).toEqual([]);
  });
});

describe('board: no worker and no consent', () => {
  it('counts an elder with no worker when assigned to nobody known, a disabled or deleted worker, or a non-worker', () => {
    const gone = makeUser({ username: 'gone', role: 'worker', towns: [TOWN_A], disabled: true });
    const deleted = makeUser({ username: 'deleted', role: 'worker', towns: [TOWN_A], _deleted: true });
    const elders = [
      elderOf({ name: '有社工' }),
      elderOf({ name: '未知', assignedWorkerId: '0190c7e2-7c6b-7000-8000-0000000000ff' }),
      elderOf({ name: '停用', assignedWorkerId: gone.id }),
      elderOf({ name: '已删', assignedWorkerId: deleted.id }),
      elderOf({ name: '协调员', assignedWorkerId: coordinator.id }),
    ];
    const result = board({ elders, users: [...users, gone, deleted] });
    expect(names(result.noWorker)).toEqual(['未知', '停用', '已删', '协调员']);
    // Their visits still count in the totals and tiers, under no worker's row.
    expect(result.totals.elders).toBe(5);
    expect(result.workers.find((w) => w.workerId === wang.id)?.elders).toBe(1);
    expect(result.workers.map((w) => w.workerId)).not.toContain(gone.id);
  });

  it('lists the elders without consent in the order given', () => {
    const elders = [
      elderOf({ name: '乙', consentGiven: false }),
      elderOf({ name: '甲' }),
      elderOf({ name: '丙', consentGiven: false }),
    ];
    expect(names(board({ elders }).noConsent)).toEqual(['乙', '丙']);
  });
});

describe('board: workers and tiers', () => {
  it("gives each active worker of the manager's towns a row by name, with caseload, overdue and due soon", () => {
    const w1 = elderOf({ assignedWorkerId: wang.id });
    const w2 = elderOf({ assignedWorkerId: wang.id });
    const visits = [visitOn(w1, '2026-11-10'), visitOn(w2, '2026-11-25')];
    const result = board({ elders: [w1, w2], visits });
    // 李社工 has no elders and still has a row; 何社工 works in another town.
    expect(result.workers).toEqual([
      { workerId: li.id, name: '李社工', elders: 0, overdue: 0, dueSoon: 0 },
      { workerId: wang.id, name: '王社工', elders: 2, overdue: 1, dueSoon: 1 },
    ]);
  });

  it('keeps a row for an active worker of another town who has elders on the board', () => {
    const elder = elderOf({ assignedWorkerId: he.id });
    expect(board({ elders: [elder] }).workers.map((w) => w.name)).toEqual(['何社工', '李社工', '王社工']);
  });

  it('drops the empty rows when narrowed to a community, and all other rows when narrowed to a worker', () => {
    const elder = elderOf({ community: '竹苑社区' });
    expect(board({ elders: [elder], filter: { community: '竹苑社区' } }).workers.map((w) => w.name)).toEqual([
      '王社工',
    ]);
    expect(board({ elders: [elder], filter: { worker: li.id } }).workers).toEqual([
      { workerId: li.id, name: '李社工', elders: 0, overdue: 0, dueSoon: 0 },
    ]);
  });

  it("narrowed to a town, gives rows to that town's workers only", () => {
    const admin = { role: 'admin' as const, towns: [] };
    expect(
      board({ elders: [], manager: admin, filter: { town: TOWN_B } }).workers.map((w) => w.name),
    ).toEqual(['何社工']);
  });

  it('counts every tier, highest risk first, including empty ones', () => {
    const high = elderOf({ riskTier: 'high' });
    const key = elderOf({ riskTier: 'key' });
    const visits = [visitOn(high, '2026-11-01'), visitOn(key, '2026-11-28')];
    expect(board({ elders: [high, key], visits }).tiers).toEqual([
      { tier: 'high', elders: 1, overdue: 1, dueSoon: 0 },
      { tier: 'key', elders: 1, overdue: 0, dueSoon: 0 },
      { tier: 'general', elders: 0, overdue: 0, dueSoon: 0 },
    ]);
  });
});

describe('board: open urgent follow-ups', () => {
  it('lists a high or urgent follow-up from the latest visit, not a normal or low one', () => {
    const urgent = elderOf({ name: '紧急' });
    const high = elderOf({ name: '高' });
    const normal = elderOf({ name: '一般' });
    const visits = [
      urgentVisit(urgent, '2026-11-27'),
      urgentVisit(high, '2026-11-26', 'high'),
      urgentVisit(normal, '2026-11-25', 'normal'),
    ];
    const result = board({ elders: [urgent, high, normal], visits });
    expect(result.followUps.map((f) => [f.elder.name, f.urgency, f.since, f.note])).toEqual([
      ['高', 'high', '2026-11-26', '跟进 2026-11-26'],
      ['紧急', 'urgent', '2026-11-27', '跟进 2026-11-27'],
    ]);
  });

  it('closes a follow-up marked done, or followed by a visit on a later day, but not by one the same day', () => {
    const done = elderOf({ name: '已办' });
    const revisited = elderOf({ name: '再访' });
    const sameDay = elderOf({ name: '同日' });
    const visits = [
      urgentVisit(done, '2026-11-27'),
      urgentVisit(revisited, '2026-11-25'),
      visitOn(revisited, '2026-11-26'),
      urgentVisit(sameDay, '2026-11-26'),
      visitOn(sameDay, '2026-11-26', { startedAt: '2026-11-26T15:00:00+08:00' }),
      visitOn(done, '2026-11-20'),
    ];
    const [first] = visits;
    if (first) first.followUpDoneAt = '2026-11-28T01:00:00.000Z';
    expect(
      names(board({ elders: [done, revisited, sameDay], visits }).followUps.map((f) => f.elder)),
    ).toEqual(['同日']);
  });

  it('ignores deleted visits', () => {
    const elder = elderOf();
    const visits = [
      urgentVisit(elder, '2026-11-27'),
      { ...urgentVisit(elder, '2026-11-28'), _deleted: true },
    ];
    const [only] = board({ elders: [elder], visits }).followUps;
    expect(only?.since).toBe('2026-11-27');
  });

  it('lists a planned follow-up or major-event visit still planned for today or earlier', () => {
    const overdueFollowUp = elderOf({ name: '过期跟进' });
    const majorToday = elderOf({ name: '重大变故' });
    const future = elderOf({ name: '下周跟进' });
    const doneOne = elderOf({ name: '已完成' });
    const routine = elderOf({ name: '例行' });
    const schedules = [
      makeSchedule(overdueFollowUp, { plannedDate: '2026-11-27', kind: 'follow_up', note: '送药' }),
      makeSchedule(majorToday, { plannedDate: today, kind: 'major_event' }),
      makeSchedule(future, { plannedDate: '2026-12-02', kind: 'follow_up' }),
      makeSchedule(doneOne, { plannedDate: '2026-11-27', kind: 'follow_up', status: 'done' }),
      makeSchedule(routine, { plannedDate: '2026-11-27', kind: 'routine' }),
    ];
    const result = board({ elders: [overdueFollowUp, majorToday, future, doneOne, routine], schedules });
    expect(result.followUps.map((f) => [f.elder.name, f.urgency, f.note, f.planned?.kind])).toEqual([
      ['过期跟进', null, '送药', 'follow_up'],
      ['重大变故', null, '', 'major_event'],
    ]);
  });

  it("makes one entry per elder: the earliest day, the highest urgency and that visit's note", () => {
    const elder = elderOf();
    const visits = [urgentVisit(elder, '2026-11-28', 'high'), urgentVisit(elder, '2026-11-28', 'urgent')];
    const schedules = [makeSchedule(elder, { plannedDate: '2026-11-26', kind: 'follow_up', note: '计划' })];
    const entries = board({ elders: [elder], visits, schedules }).followUps;
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ since: '2026-11-26', urgency: 'urgent', note: '跟进 2026-11-28' });
    expect(entries[0]?.planned?.plannedDate).toBe('2026-11-26');
  });

  it('puts the most urgent first among follow-ups of the same day', () => {
    const high = elderOf({ name: '高' });
    const urgent = elderOf({ name: '紧急' });
    const visits = [urgentVisit(high, '2026-11-27', 'high'), urgentVisit(urgent, '2026-11-27', 'urgent')];
    expect(names(board({ elders: [high, urgent], visits }).followUps.map((f) => f.elder))).toEqual([
      '紧急',
      '高',
    ]);
  });

  it('leaves out the follow-ups of elders off the board', () => {
    const archived = elderOf({ archivedOn: '2026-11-28', archiveReason: 'deceased' });
    const other = elderOf({ community: '库充社区' });
    const visits = [urgentVisit(archived, '2026-11-27'), urgentVisit(other, '2026-11-27')];
    expect(board({ elders: [archived, other], visits, filter: { community: '竹苑社区' } }).followUps).toEqual(
      [],
    );
  });
});
