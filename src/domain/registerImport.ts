// Importing a register of elders from a spreadsheet, as offices keep it: a header row of Chinese
// column names (English ones accepted too), then one elder a row. Every row is checked as the
// register form checks one elder, and more: the town must be one of the importer's, the community
// one of that town's, the worker a worker of that town, and no elder may be on the register or in
// the file twice. A row is accepted as a record to write, or refused with every problem found, so
// the office can fix them all at once. Pure: the screen reads the file, src/app/db writes the rows.
import { coversTown } from './access';
import { type Cell, cellDate, cellPhone, cellText, cellYesNo, normalLabel } from './importCells';
import type { Town } from './places';
import { duplicateKey } from './register';
import {
  CAPABILITY_LEVELS,
  ELDER_CATEGORIES,
  Elder,
  type ElderCategory,
  RISK_TIERS,
  type RiskTier,
  type User,
} from './schemas';

export type { Cell } from './importCells';

/** An elder read from a row: the record but for what the device stamps when writing it. */
export type ImportedElder = Omit<Elder, 'id' | 'fieldTimes' | 'updatedAt' | 'updatedBy' | '_deleted'>;

/** The template's columns, in its order: the Chinese header, English aliases, whether it is needed. */
export const IMPORT_COLUMNS = {
  name: { header: '姓名', aliases: ['name'], required: true },
  gender: { header: '性别', aliases: ['gender', 'sex'], required: true },
  birthDate: { header: '出生日期', aliases: ['birth date', 'date of birth', 'birthdate'], required: true },
  town: { header: '镇街', aliases: ['town'], required: true },
  community: { header: '社区', aliases: ['community', '村居', '社区/村'], required: true },
  address: { header: '地址', aliases: ['address', '住址', '家庭住址'], required: false },
  phone: { header: '电话', aliases: ['phone', '联系电话'], required: false },
  categories: { header: '类别', aliases: ['categories', 'category'], required: false },
  riskTier: { header: '风险等级', aliases: ['risk tier', 'tier'], required: true },
  capability: { header: '能力评估', aliases: ['capability'], required: false },
  consentGiven: { header: '已签同意书', aliases: ['consent', '同意书'], required: false },
  consentDate: { header: '同意书签署日期', aliases: ['consent date', '签署日期'], required: false },
  worker: { header: '负责社工', aliases: ['worker', '社工'], required: true },
  registeredOn: { header: '登记日期', aliases: ['registered on'], required: false },
  livingSituation: { header: '生活情况', aliases: ['living situation'], required: false },
  health: { header: '健康状况', aliases: ['health'], required: false },
  notes: { header: '备注', aliases: ['notes'], required: false },
  contactName: { header: '紧急联系人', aliases: ['emergency contact', '联系人'], required: false },
  contactRelation: { header: '联系人关系', aliases: ['contact relation', '关系'], required: false },
  contactPhone: { header: '联系人电话', aliases: ['contact phone'], required: false },
} as const;
export type ImportColumn = keyof typeof IMPORT_COLUMNS;
export const IMPORT_COLUMN_KEYS = Object.keys(IMPORT_COLUMNS) as ImportColumn[];

/**
 * The template's example row starts its name with this: a row left in by mistake is refused, never
 * entered as a person.
 */
export const EXAMPLE_MARK = '示例';

/** The most rows one import takes: a town's register, with room. */
export const MAX_IMPORT_ROWS = 10_000;

export type RowProblemCode =
  | 'exampleRow'
  | 'required'
  | 'tooLong'
  | 'badGender'
  | 'badDate'
  | 'futureDate'
  | 'badPhone'
  | 'unknownTier'
  | 'unknownCategory'
  | 'unknownCapability'
  | 'badYesNo'
  | 'consentDateWithoutConsent'
  | 'unknownTown'
  | 'townNotYours'
  | 'unknownCommunity'
  | 'unknownWorker'
  | 'workerNotOfTown'
  | 'ambiguousWorker'
  | 'duplicateInFile'
  | 'alreadyOnRegister'
  | 'invalid';

/** Why a row was refused: the column, what is wrong, and what helps to say it (value, limit, row). */
export interface RowProblem {
  column: ImportColumn;
  code: RowProblemCode;
  /** The cell's text, or the unknown part of it (one category of several). */
  value?: string;
  /** The longest text the column takes (tooLong). */
  max?: number;
  /** The row this one repeats (duplicateInFile). */
  row?: number;
}

export type FileProblem =
  | { code: 'empty' }
  | { code: 'missingColumns'; columns: ImportColumn[] }
  | { code: 'repeatedColumn'; column: ImportColumn }
  | { code: 'tooManyRows'; rows: number; max: number };

/** Rows are numbered as the spreadsheet numbers them: the header row is usually 1. */
export interface AcceptedRow {
  row: number;
  elder: ImportedElder;
}
export interface RefusedRow {
  row: number;
  /** The row's name cell, to help find it. */
  name: string;
  problems: RowProblem[];
  /** The row as read, to hand it back for fixing. */
  cells: Cell[];
}

export interface ImportCheck {
  fileProblems: FileProblem[];
  /** The header row as read (for a file of refused rows), empty when none was found. */
  header: Cell[];
  accepted: AcceptedRow[];
  refused: RefusedRow[];
}

/** The names of the choices in the people's languages, as the screens show them (several sets). */
export interface ChoiceNames {
  tier: Record<RiskTier, string>;
  category: Record<ElderCategory, string>;
  capability: Record<(typeof CAPABILITY_LEVELS)[number], string>;
  gender: Record<'female' | 'male', string>;
}

export interface ImportContext {
  /** The person importing: only their towns are taken. */
  me: Pick<User, 'role' | 'towns'>;
  /** The place list: the towns and their communities. */
  towns: readonly Pick<Town, 'name' | 'communities'>[];
  /** The accounts the device knows: workers are found among them by username or display name. */
  users: readonly User[];
  /** The elders on the device's register (archived ones too), to catch an elder entered twice. */
  elders: readonly Pick<Elder, 'name' | 'birthDate' | 'community' | '_deleted'>[];
  names: readonly ChoiceNames[];
  /** The local day of the import: dates after it are refused, and a blank register date is it. */
  today: string;
}

/** Which column each cell of the header row is (null for a column the register does not take). */
export function readHeader(header: readonly Cell[]): {
  columns: (ImportColumn | null)[];
  problems: FileProblem[];
} {
  const byLabel = new Map<string, ImportColumn>();
  for (const key of IMPORT_COLUMN_KEYS) {
    const { header: zh, aliases } = IMPORT_COLUMNS[key];
    for (const label of [zh, key, ...aliases]) byLabel.set(normalLabel(label), key);
  }
  const columns = header.map((cell) => {
    // The template marks needed columns with * and may carry a hint in brackets: 出生日期（年-月-日）.
    const label = normalLabel(
      cellText(cell)
        .replace(/[*＊]/g, '')
        .replace(/[(（].*?[)）]/g, ''),
    );
    return byLabel.get(label) ?? null;
  });
  const problems: FileProblem[] = [];
  const seen = new Set<ImportColumn>();
  for (const column of columns) {
    if (column === null) continue;
    if (seen.has(column)) problems.push({ code: 'repeatedColumn', column });
    seen.add(column);
  }
  const missing = IMPORT_COLUMN_KEYS.filter((key) => IMPORT_COLUMNS[key].required && !seen.has(key));
  if (missing.length > 0) problems.push({ code: 'missingColumns', columns: missing });
  return { columns, problems };
}

const isBlankRow = (row: readonly Cell[]) => row.every((cell) => cellText(cell) === '');

/**
 * Checks a sheet: its first non-blank row is the header, each later non-blank row an elder. `rows`
 * are the sheet's rows from its first (row 1), blank ones included, so the numbers match the sheet.
 */
export function checkImport(rows: readonly (readonly Cell[])[], context: ImportContext): ImportCheck {
  const headerIndex = rows.findIndex((row) => !isBlankRow(row));
  const none = { header: [], accepted: [], refused: [] };
  if (headerIndex < 0) return { fileProblems: [{ code: 'empty' }], ...none };
  const header = [...(rows[headerIndex] ?? [])];
  const { columns, problems } = readHeader(header);
  if (problems.length > 0) return { ...none, header, fileProblems: problems };
  const body = rows
    .map((cells, index) => ({ cells, row: index + 1 }))
    .slice(headerIndex + 1)
    .filter(({ cells }) => !isBlankRow(cells));
  if (body.length === 0) return { ...none, header, fileProblems: [{ code: 'empty' }] };
  if (body.length > MAX_IMPORT_ROWS) {
    return {
      ...none,
      header,
      fileProblems: [{ code: 'tooManyRows', rows: body.length, max: MAX_IMPORT_ROWS }],
    };
  }

  const checker = rowChecker(context);
  const onRegister = new Set(context.elders.filter((e) => !e._deleted).map((e) => duplicateKey(e)));
  const inFile = new Map<string, number>();
  const accepted: AcceptedRow[] = [];
  const refused: RefusedRow[] = [];
  for (const { cells, row } of body) {
    const get = (column: ImportColumn): Cell => {
      const index = columns.indexOf(column);
      return index < 0 ? undefined : cells[index];
    };
    if (cellText(get('name')).startsWith(EXAMPLE_MARK)) {
      const problem: RowProblem = { column: 'name', code: 'exampleRow' };
      refused.push({ row, name: cellText(get('name')), problems: [problem], cells: [...cells] });
      continue;
    }
    const { elder, problems: found } = checker(get);
    if (elder) {
      const key = duplicateKey(elder);
      const first = inFile.get(key);
      if (onRegister.has(key)) found.push({ column: 'name', code: 'alreadyOnRegister' });
      else if (first !== undefined) found.push({ column: 'name', code: 'duplicateInFile', row: first });
      else inFile.set(key, row);
    }
    if (elder && found.length === 0) accepted.push({ row, elder });
    else refused.push({ row, name: cellText(get('name')), problems: found, cells: [...cells] });
  }
  return { fileProblems: [], header, accepted, refused };
}

type Lookup<T> = Map<string, T>;

function lookupOf<K extends string>(
  codes: readonly K[],
  names: readonly Record<K, string>[],
  extra: Record<string, K> = {},
): Lookup<K> {
  const map = new Map<string, K>();
  for (const code of codes) map.set(normalLabel(code), code);
  for (const set of names) for (const code of codes) map.set(normalLabel(set[code]), code);
  for (const [label, code] of Object.entries(extra)) map.set(normalLabel(label), code);
  return map;
}

/** The longest text each text column takes: the Elder schema's limits. */
const MAX_LENGTH = {
  name: 50,
  town: 50,
  community: 80,
  address: 200,
  phone: 30,
  livingSituation: 2000,
  health: 2000,
  notes: 4000,
  worker: 50,
  contactName: 50,
  contactRelation: 30,
  contactPhone: 30,
} as const satisfies Partial<Record<ImportColumn, number>>;

/** The schema's fields as the columns that fill them, to name a column for a refusal the schema finds. */
const COLUMN_OF_FIELD: Partial<Record<keyof Elder, ImportColumn>> = {
  assignedWorkerId: 'worker',
  contacts: 'contactName',
};

const ANY_ID = '00000000-0000-7000-8000-000000000000';

function rowChecker(context: ImportContext) {
  const tiers = lookupOf(
    RISK_TIERS,
    context.names.map((n) => n.tier),
  );
  const categories = lookupOf(
    ELDER_CATEGORIES,
    context.names.map((n) => n.category),
    // The names offices also use: the register's 特困 is the same as 特困供养.
    { 特困供养: 'extreme_poverty', 失独家庭: 'lost_only_child', 困难: 'poor_household' },
  );
  const capabilities = lookupOf(
    CAPABILITY_LEVELS,
    context.names.map((n) => n.capability),
  );
  const genders = lookupOf(
    ['female', 'male'] as const,
    context.names.map((n) => n.gender),
    {
      f: 'female',
      m: 'male',
      女性: 'female',
      男性: 'male',
    },
  );
  const towns = new Map(context.towns.map((town) => [town.name, town]));
  const workers = context.users.filter((u) => u.role === 'worker' && !u._deleted);

  return (get: (column: ImportColumn) => Cell): { elder: ImportedElder | null; problems: RowProblem[] } => {
    const problems: RowProblem[] = [];
    const refuse = (column: ImportColumn, code: RowProblemCode, more: Partial<RowProblem> = {}) => {
      problems.push({ column, code, ...more });
    };
    const text = (column: keyof typeof MAX_LENGTH): string => {
      const value = cellText(get(column));
      if (value === '' && IMPORT_COLUMNS[column].required) refuse(column, 'required');
      if (value.length > MAX_LENGTH[column]) refuse(column, 'tooLong', { max: MAX_LENGTH[column] });
      return value;
    };
    const choice = <T>(column: ImportColumn, lookup: Lookup<T>, fallback: T | null, bad: RowProblemCode) => {
      const value = cellText(get(column));
      if (value === '') {
        if (fallback === null) refuse(column, 'required');
        return fallback;
      }
      const found = lookup.get(normalLabel(value));
      if (found === undefined) refuse(column, bad, { value });
      return found ?? null;
    };
    const day = (column: ImportColumn): string | null => {
      const cell = get(column);
      if (cellText(cell) === '') {
        if (IMPORT_COLUMNS[column].required) refuse(column, 'required');
        return null;
      }
      const value = cellDate(cell);
      if (value === null) refuse(column, 'badDate', { value: cellText(cell) });
      else if (value > context.today) refuse(column, 'futureDate', { value });
      return value;
    };
    const phone = (column: 'phone' | 'contactPhone'): string => {
      const value = text(column);
      if (value !== '' && cellPhone(value) === null) refuse(column, 'badPhone', { value });
      return value;
    };

    const name = text('name');
    const gender = choice('gender', genders, null, 'badGender');
    const birthDate = day('birthDate');
    const town = text('town');
    const community = text('community');
    const place = towns.get(town);
    if (town !== '' && place === undefined) refuse('town', 'unknownTown', { value: town });
    else if (place && !coversTown(context.me, town)) refuse('town', 'townNotYours', { value: town });
    else if (
      place &&
      community !== '' &&
      place.communities.length > 0 &&
      !place.communities.includes(community)
    ) {
      refuse('community', 'unknownCommunity', { value: community });
    }
    const address = text('address');
    const phoneNumber = phone('phone');
    const categoryList = categoryCells(cellText(get('categories')), categories, (value) =>
      refuse('categories', 'unknownCategory', { value }),
    );
    const riskTier = choice('riskTier', tiers, null, 'unknownTier');
    const capability = choice('capability', capabilities, 'unknown', 'unknownCapability');
    const consentCell = get('consentGiven');
    const consentGiven = cellText(consentCell) === '' ? false : cellYesNo(consentCell);
    if (consentGiven === null) refuse('consentGiven', 'badYesNo', { value: cellText(consentCell) });
    const consentDate = day('consentDate');
    if (consentDate !== null && consentGiven === false) refuse('consentDate', 'consentDateWithoutConsent');
    const workerId = place && coversTown(context.me, town) ? findWorker(text('worker'), town) : null;
    const registeredOn = day('registeredOn');
    const livingSituation = text('livingSituation');
    const health = text('health');
    const notes = text('notes');
    const contactName = text('contactName');
    const contactRelation = text('contactRelation');
    const contactPhone = phone('contactPhone');
    if (contactName === '' && (contactRelation !== '' || contactPhone !== ''))
      refuse('contactName', 'required');

    if (problems.length > 0 || !gender || !birthDate || !riskTier || !capability || !workerId) {
      return { elder: null, problems };
    }
    const elder: ImportedElder = {
      name,
      gender,
      birthDate,
      town,
      community,
      address,
      phone: phoneNumber,
      categories: categoryList,
      riskTier,
      livingSituation,
      health,
      capability,
      contacts:
        contactName === ''
          ? []
          : [{ name: contactName, relation: contactRelation, phone: contactPhone, emergency: true }],
      consentGiven: consentGiven === true,
      consentDate: consentGiven ? consentDate : null,
      assignedWorkerId: workerId,
      notes,
      registeredOn: registeredOn ?? context.today,
      archivedOn: null,
      archiveReason: null,
    };
    // What the checks above missed, the shared schema still refuses: the device would refuse it too.
    const result = Elder.safeParse({
      ...elder,
      id: ANY_ID,
      fieldTimes: {},
      updatedAt: `${context.today}T00:00:00.000Z`,
      updatedBy: ANY_ID,
      _deleted: false,
    });
    if (result.success) return { elder, problems };
    for (const issue of result.error.issues) {
      const field = String(issue.path[0] ?? 'name') as keyof Elder;
      const column = COLUMN_OF_FIELD[field] ?? (field in IMPORT_COLUMNS ? (field as ImportColumn) : 'name');
      problems.push({ column, code: 'invalid' });
    }
    return { elder: null, problems };

    /** The worker `wanted` names (username or display name) among the workers in use of `town`. */
    function findWorker(wanted: string, inTown: string): string | null {
      if (wanted === '') return null;
      const named = workers.filter(
        (u) =>
          normalLabel(u.username) === normalLabel(wanted) ||
          normalLabel(u.displayName) === normalLabel(wanted),
      );
      const ofTown = named.filter((u) => u.disabled !== true && u.towns.includes(inTown));
      if (ofTown.length === 1) return ofTown[0]?.id ?? null;
      if (ofTown.length > 1) refuse('worker', 'ambiguousWorker', { value: wanted });
      else if (named.length > 0) refuse('worker', 'workerNotOfTown', { value: wanted });
      else refuse('worker', 'unknownWorker', { value: wanted });
      return null;
    }
  };
}

/**
 * The categories of a cell, in the register's order: names separated by 、，,;；, or by / or spaces
 * (a name with one in it, "Lives alone" or "Childless/widowed", is taken whole first).
 */
function categoryCells(
  value: string,
  lookup: Lookup<ElderCategory>,
  unknown: (part: string) => void,
): ElderCategory[] {
  const found = new Set<ElderCategory>();
  for (const part of value
    .split(/[、,，;；]+/)
    .map((p) => p.trim())
    .filter(Boolean)) {
    const whole = lookup.get(normalLabel(part));
    if (whole !== undefined) {
      found.add(whole);
      continue;
    }
    for (const word of part.split(/[\s/／]+/).filter(Boolean)) {
      const category = lookup.get(normalLabel(word));
      if (category === undefined) unknown(word);
      else found.add(category);
    }
  }
  return ELDER_CATEGORIES.filter((category) => found.has(category));
}
