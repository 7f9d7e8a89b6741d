import { describe, expect, it } from 'vitest';
import { messages } from '../../src/app/ui/i18n';
import { registerMessages } from '../../src/app/ui/i18nRegister';
import { cellDate, cellPhone, cellText, cellYesNo } from '../../src/domain/importCells';
import {
  type Cell,
  type ChoiceNames,
  checkImport,
  IMPORT_COLUMN_KEYS,
  IMPORT_COLUMNS,
  type ImportColumn,
  type ImportContext,
  MAX_IMPORT_ROWS,
  readHeader,
} from '../../src/domain/registerImport';
import { makeElder, makeUser, TOWN_A, TOWN_B } from '../support/fixtures';

const TODAY = '2026-12-07';
const names: ChoiceNames[] = (['zh-CN', 'en'] as const).map((locale) => ({
  tier: messages[locale].tier,
  category: messages[locale].category,
  capability: messages[locale].capability,
  gender: { female: registerMessages[locale].female, male: registerMessages[locale].male },
}));
const coordinator = makeUser({ username: 'coordinator', role: 'coordinator', towns: [TOWN_A] });
const wang = makeUser({ username: 'worker1', displayName: '王社工', role: 'worker', towns: [TOWN_A] });
const li = makeUser({ username: 'worker3', displayName: '李社工', role: 'worker', towns: [TOWN_B] });
const context: ImportContext = {
  me: coordinator,
  towns: [
    { name: TOWN_A, communities: ['竹苑社区', '起湾社区'] },
    { name: TOWN_B, communities: ['新市社区'] },
  ],
  users: [coordinator, wang, li],
  elders: [],
  names,
  today: TODAY,
};

const HEADER = IMPORT_COLUMN_KEYS.map((key) => IMPORT_COLUMNS[key].header);

/** A good row as an office types it, with `patch` by column. */
function row(patch: Partial<Record<ImportColumn, Cell>> = {}): Cell[] {
  const cells: Record<ImportColumn, Cell> = {
    name: '陈阿婆',
    gender: '女',
    birthDate: '1940-03-08',
    town: TOWN_A,
    community: '竹苑社区',
    address: '竹苑路 8 号',
    phone: '13800001111',
    categories: '独居、高龄',
    riskTier: '高风险',
    capability: '轻度失能',
    consentGiven: '是',
    consentDate: '2026-01-05',
    worker: 'worker1',
    registeredOn: '2025-06-01',
    livingSituation: '独居，儿子在外地',
    health: '高血压',
    notes: '',
    contactName: '陈先生',
    contactRelation: '儿子',
    contactPhone: '13900002222',
    ...patch,
  };
  return IMPORT_COLUMN_KEYS.map((key) => cells[key]);
}

const check = (rows: Cell[][], more: Partial<ImportContext> = {}) =>
  checkImport([HEADER, ...rows], { ...context, ...more });

/** The problems of the one row of a sheet, as [column, code]. */
function problemsOf(patch: Partial<Record<ImportColumn, Cell>>, more: Partial<ImportContext> = {}) {
  const result = check([row(patch)], more);
  return result.refused.flatMap((refused) => refused.problems.map((p) => [p.column, p.code]));
}

describe('reading the header row', () => {
  it('knows the template’s Chinese headers, English ones, and headers marked * or with a hint in brackets', () => {
    const { columns, problems } = readHeader([
      '*姓名',
      'Gender',
      '出生日期（年-月-日）',
      'town',
      ' 社区 ',
      'Risk Tier',
      '负责社工',
      '编号',
    ]);
    expect(columns).toEqual(['name', 'gender', 'birthDate', 'town', 'community', 'riskTier', 'worker', null]);
    expect(problems).toEqual([]);
  });

  it('names every needed column that is missing, and a column given twice', () => {
    expect(readHeader(['姓名', '姓名', '性别']).problems).toEqual([
      { code: 'repeatedColumn', column: 'name' },
      { code: 'missingColumns', columns: ['birthDate', 'town', 'community', 'riskTier', 'worker'] },
    ]);
  });
});

describe('checking a sheet', () => {
  it('accepts a good row as the record the register form would write', () => {
    const result = check([row()]);
    expect(result.fileProblems).toEqual([]);
    expect(result.refused).toEqual([]);
    expect(result.accepted).toEqual([
      {
        row: 2,
        elder: {
          name: '陈阿婆',
          gender: 'female',
          birthDate: '1940-03-08',
          town: TOWN_A,
          community: '竹苑社区',
          address: '竹苑路 8 号',
          phone: '13800001111',
          categories: ['living_alone', 'advanced_age'],
          riskTier: 'high',
          livingSituation: '独居，儿子在外地',
          health: '高血压',
          capability: 'mild',
          contacts: [{ name: '陈先生', relation: '儿子', phone: '13900002222', emergency: true }],
          consentGiven: true,
          consentDate: '2026-01-05',
          assignedWorkerId: wang.id,
          notes: '',
          registeredOn: '2025-06-01',
          archivedOn: null,
          archiveReason: null,
        },
      },
    ]);
  });

  it('numbers rows as the sheet does, past blank rows above and between, and skips blank rows', () => {
    const result = checkImport(
      [[], ['', null], HEADER, row({ name: '甲' }), [], row({ name: '乙', gender: '?' })],
      context,
    );
    expect(result.accepted.map((a) => a.row)).toEqual([4]);
    expect(result.refused.map((r) => [r.row, r.name])).toEqual([[6, '乙']]);
  });

  it('takes the columns in any order and leaves out the optional ones with their defaults', () => {
    const result = checkImport(
      [
        ['负责社工', '风险等级', '社区', '镇街', '出生日期', '性别', '姓名'],
        ['王社工', '一般', '起湾社区', TOWN_A, '1938/1/2', '男', '李伯'],
      ],
      context,
    );
    expect(result.refused).toEqual([]);
    expect(result.accepted[0]?.elder).toMatchObject({
      name: '李伯',
      gender: 'male',
      birthDate: '1938-01-02',
      riskTier: 'general',
      capability: 'unknown',
      categories: [],
      consentGiven: false,
      consentDate: null,
      contacts: [],
      registeredOn: TODAY,
      assignedWorkerId: wang.id,
    });
  });

  it('accepts the English names of choices and a TRUE consent cell', () => {
    const result = check([
      row({
        gender: 'Female',
        riskTier: 'key',
        categories: 'Lives alone, Childless/widowed, veteran',
        capability: 'Not assessed',
        consentGiven: true,
      }),
    ]);
    expect(result.accepted[0]?.elder).toMatchObject({
      gender: 'female',
      riskTier: 'key',
      categories: ['living_alone', 'childless_widowed', 'veteran'],
      capability: 'unknown',
      consentGiven: true,
    });
  });

  it('refuses every blank needed cell of a row at once, by column', () => {
    expect(
      problemsOf({
        name: '',
        gender: null,
        birthDate: '',
        town: TOWN_A,
        community: '',
        riskTier: '',
        worker: '',
      }),
    ).toEqual([
      ['name', 'required'],
      ['gender', 'required'],
      ['birthDate', 'required'],
      ['community', 'required'],
      ['riskTier', 'required'],
      ['worker', 'required'],
    ]);
  });

  it('refuses choices it does not know, naming the value', () => {
    const result = check([
      row({ gender: '未知', riskTier: '很高', capability: '很好', categories: '独居、外星人 孤寡/高龄' }),
    ]);
    expect(result.refused[0]?.problems).toEqual([
      { column: 'gender', code: 'badGender', value: '未知' },
      { column: 'categories', code: 'unknownCategory', value: '外星人' },
      { column: 'riskTier', code: 'unknownTier', value: '很高' },
      { column: 'capability', code: 'unknownCapability', value: '很好' },
    ]);
  });

  it('refuses dates that name no day, and dates after today', () => {
    expect(problemsOf({ birthDate: '1940-02-30', registeredOn: '2027-01-01', consentDate: 'soon' })).toEqual([
      ['birthDate', 'badDate'],
      ['consentDate', 'badDate'],
      ['registeredOn', 'futureDate'],
    ]);
  });

  it('refuses a phone that is not a number, and text longer than the register keeps', () => {
    expect(problemsOf({ phone: '问居委会', contactPhone: '12', address: '路'.repeat(201) })).toEqual([
      ['address', 'tooLong'],
      ['phone', 'badPhone'],
      ['contactPhone', 'badPhone'],
    ]);
  });

  it('refuses a consent that is not yes or no, and a consent date without consent', () => {
    expect(problemsOf({ consentGiven: '也许' })).toEqual([['consentGiven', 'badYesNo']]);
    expect(problemsOf({ consentGiven: '否', consentDate: '2026-01-05' })).toEqual([
      ['consentDate', 'consentDateWithoutConsent'],
    ]);
  });

  it('refuses a contact with a phone but no name', () => {
    expect(problemsOf({ contactName: '', contactRelation: '女儿' })).toEqual([['contactName', 'required']]);
  });

  it('refuses a town not on the place list, a town of someone else, and a community not of the town', () => {
    expect(problemsOf({ town: '火星镇' })).toEqual([['town', 'unknownTown']]);
    expect(problemsOf({ town: TOWN_B, community: '新市社区', worker: 'worker3' })).toEqual([
      ['town', 'townNotYours'],
    ]);
    expect(problemsOf({ community: '新市社区' })).toEqual([['community', 'unknownCommunity']]);
  });

  it('lets an admin import into any town on the list', () => {
    const admin = makeUser({ username: 'admin', role: 'admin', towns: [] });
    expect(problemsOf({ town: TOWN_B, community: '新市社区', worker: '李社工' }, { me: admin })).toEqual([]);
  });

  it('finds the worker by username or display name, only among the workers in use of the town', () => {
    const off = makeUser({
      username: 'gone',
      displayName: '周社工',
      role: 'worker',
      towns: [TOWN_A],
      disabled: true,
    });
    const twin = makeUser({ username: 'wang2', displayName: '王社工', role: 'worker', towns: [TOWN_A] });
    expect(problemsOf({ worker: '王社工' })).toEqual([]);
    expect(problemsOf({ worker: 'WORKER1' })).toEqual([]);
    expect(problemsOf({ worker: '李社工' })).toEqual([['worker', 'workerNotOfTown']]);
    expect(problemsOf({ worker: '周社工' }, { users: [wang, off] })).toEqual([['worker', 'workerNotOfTown']]);
    expect(problemsOf({ worker: 'coordinator' })).toEqual([['worker', 'unknownWorker']]);
    expect(problemsOf({ worker: '赵社工' })).toEqual([['worker', 'unknownWorker']]);
    expect(problemsOf({ worker: '王社工' }, { users: [wang, twin] })).toEqual([
      ['worker', 'ambiguousWorker'],
    ]);
  });

  it('refuses an elder entered twice in the file, naming the first row, and one already on the register', () => {
    const stored = makeElder({ name: '黄婆婆', birthDate: '1936-05-05', community: '竹苑社区' });
    const archived = makeElder({
      name: '何伯',
      birthDate: '1930-01-01',
      community: '竹苑社区',
      archivedOn: '2026-01-01',
    });
    const result = check(
      [
        row(),
        row({ name: '陈 阿婆', gender: '女' }),
        row({ name: '黄婆婆', birthDate: '1936-05-05' }),
        row({ name: '何伯', birthDate: '1930-01-01', gender: '男' }),
        row({ name: '陈阿婆', birthDate: '1941-03-08' }),
      ],
      { elders: [stored, archived, makeElder({ name: '陈阿婆', birthDate: '1941-03-08', _deleted: true })] },
    );
    expect(result.accepted.map((a) => a.row)).toEqual([2, 6]);
    expect(result.refused.map((r) => [r.row, r.problems])).toEqual([
      [3, [{ column: 'name', code: 'duplicateInFile', row: 2 }]],
      [4, [{ column: 'name', code: 'alreadyOnRegister' }]],
      [5, [{ column: 'name', code: 'alreadyOnRegister' }]],
    ]);
  });

  it('refuses the template’s example row left in the sheet, whatever else it holds', () => {
    const result = check([row({ name: '示例：陈阿婆' }), row()]);
    expect(result.refused.map((r) => [r.row, r.problems])).toEqual([
      [2, [{ column: 'name', code: 'exampleRow' }]],
    ]);
    expect(result.accepted.map((a) => a.row)).toEqual([3]);
  });

  it('keeps a refused row’s cells, to hand the row back for fixing', () => {
    const bad = row({ gender: '?' });
    expect(check([bad]).refused[0]?.cells).toEqual(bad);
  });

  it('refuses a file with no header, no rows, or more rows than one import takes', () => {
    expect(checkImport([], context).fileProblems).toEqual([{ code: 'empty' }]);
    expect(check([]).fileProblems).toEqual([{ code: 'empty' }]);
    const many = Array.from({ length: MAX_IMPORT_ROWS + 1 }, () => row());
    expect(check(many).fileProblems).toEqual([
      { code: 'tooManyRows', rows: MAX_IMPORT_ROWS + 1, max: MAX_IMPORT_ROWS },
    ]);
  });

  it('checks 5,000 rows against 10,000 elders on the register quickly', () => {
    const elders = Array.from({ length: 10_000 }, (_, i) => makeElder({ name: `在册${i}` }));
    const rows = Array.from({ length: 5_000 }, (_, i) => row({ name: `新人${i}` }));
    const started = performance.now();
    const result = check(rows, { elders });
    expect(result.accepted).toHaveLength(5_000);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('reading cells', () => {
  it('reads dates from date cells, Excel serial numbers, 8 digits and the ways people type them', () => {
    expect(cellDate(new Date(Date.UTC(1940, 2, 8)))).toBe('1940-03-08');
    expect(cellDate(14678)).toBe('1940-03-08');
    expect(cellDate(19400308)).toBe('1940-03-08');
    for (const typed of [
      '1940-03-08',
      '1940/3/8',
      '1940.3.8',
      '1940年3月8日',
      ' 1940 年 3 月 8 日 ',
      '19400308',
    ]) {
      expect(cellDate(typed)).toBe('1940-03-08');
    }
    for (const bad of ['1940-13-01', '1941-02-29', '3/8/1940', '1899-12-31', '', null, 1.5, true]) {
      expect(cellDate(bad)).toBeNull();
    }
    expect(cellDate('2024-02-29')).toBe('2024-02-29');
  });

  it('reads a phone stored as a number whole, and takes spaces, dashes and brackets', () => {
    expect(cellText(13800001111)).toBe('13800001111');
    for (const phone of ['0760-8812 3456', '(0760)88123456', '（0760）88123456', '+86 138 0000 1111']) {
      expect(cellPhone(phone)).toBe(phone);
    }
    for (const bad of ['1234', 'abc12345', '138-0000-1111 转 2', '1'.repeat(21)])
      expect(cellPhone(bad)).toBeNull();
  });

  it('reads yes and no in Chinese and English, and nothing else', () => {
    expect(['是', '已签署', 'Yes', 'Y', true, 1].map(cellYesNo)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(['否', '未签', 'no', false, 0].map(cellYesNo)).toEqual([false, false, false, false, false]);
    expect(cellYesNo('也许')).toBeNull();
  });
});
