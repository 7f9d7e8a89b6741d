// The strings of importing a register from a spreadsheet, in Simplified Chinese and English: the
// screen, each reason a row is refused, and the template's notes. Loaded with that screen only.
// The template's column headers stay Chinese in both languages: offices' registers use them.
import type { FileProblem, ImportColumn, RowProblem } from '../../domain/registerImport';
import { IMPORT_COLUMNS } from '../../domain/registerImport';
import { useLocale } from './i18n';

const zhColumn = (column: ImportColumn): string => IMPORT_COLUMNS[column].header;

const zh = {
  title: '从表格导入长者',
  link: '从表格导入',
  intro:
    '用 Excel 表格一次登记多位长者：下载模板，每位长者填一行，再选择填好的文件。每一行都会检查；有问题的行会列出原因，不会导入。确认后，其余各行一次全部导入。',
  step1: '1. 下载模板',
  downloadTemplate: '下载模板（.xlsx）',
  templateNote: '模板第二页“填写说明”列出每一列可以填的值。',
  step2: '2. 选择填好的表格',
  chooseFile: '选择文件（.xlsx 或 .csv）',
  reading: '正在读取表格…',
  step3: '3. 检查结果',
  fileName: (name: string) => `文件：${name}`,
  summary: (accepted: number, refused: number) => `可导入 ${accepted} 位长者，退回 ${refused} 行。`,
  refusedTitle: '退回的行',
  rowLabel: (row: number, name: string) => `第 ${row} 行${name ? ` · ${name}` : ''}`,
  downloadRefused: '下载退回的行（.xlsx）',
  refusedNote: '退回的行不会导入。可以下载这些行，改好后再单独导入。',
  importButton: (n: number) => `导入 ${n} 位长者`,
  importing: '正在导入…',
  done: (n: number, planned: number) => `已导入 ${n} 位长者，安排了 ${planned} 次探访。`,
  noneAccepted: '没有可以导入的行。',
  failed: (reason: string) => `导入没有完成，没有导入任何长者。原因：${reason}`,
  changedMeanwhile: '检查之后，登记册有了变化：请重新选择文件。',
  importAnother: '导入另一个表格',
  noPlaces: '这台手机上还没有镇街和社区列表：请联网打开一次本页。',
  problemsColumn: '退回原因',
  refusedSheet: '退回的行',
  unreadable: {
    type: '只能导入 .xlsx 或 .csv 文件（旧的 .xls 请在 Excel 里另存为 .xlsx）。',
    broken: '读不了这个文件：它不是有效的 .xlsx 文件。',
  },
  fileProblem: (problem: FileProblem): string => {
    switch (problem.code) {
      case 'empty':
        return '表格里没有长者：第一行应为列名，从第二行起每行一位长者。';
      case 'missingColumns':
        return `表格缺少这些列：${problem.columns.map(zhColumn).join('、')}。请使用模板的列名。`;
      case 'repeatedColumn':
        return `“${zhColumn(problem.column)}”列出现了两次。`;
      case 'tooManyRows':
        return `一次最多导入 ${problem.max} 行，这个表格有 ${problem.rows} 行：请分成几个文件。`;
    }
  },
  column: zhColumn,
  problem: (p: RowProblem): string => {
    const col = zhColumn(p.column);
    const v = p.value ?? '';
    switch (p.code) {
      case 'exampleRow':
        return '这是模板的示例行，请删除';
      case 'required':
        return `缺少${col}`;
      case 'tooLong':
        return `${col}太长（最多 ${p.max} 个字）`;
      case 'badGender':
        return `性别“${v}”应为 女 或 男`;
      case 'badDate':
        return `${col}“${v}”不是日期（例如 1940-03-08）`;
      case 'futureDate':
        return `${col} ${v} 晚于今天`;
      case 'badPhone':
        return `${col}“${v}”不像电话号码`;
      case 'unknownTier':
        return `风险等级“${v}”应为 高风险、重点 或 一般`;
      case 'unknownCategory':
        return `类别“${v}”不是可选的类别`;
      case 'unknownCapability':
        return `能力评估“${v}”不是可选的等级`;
      case 'badYesNo':
        return `${col}“${v}”应为 是 或 否`;
      case 'consentDateWithoutConsent':
        return '填了同意书签署日期，但“已签同意书”为 否';
      case 'unknownTown':
        return `镇街“${v}”不在镇街列表中`;
      case 'townNotYours':
        return `镇街“${v}”不是您负责的镇街`;
      case 'unknownCommunity':
        return `社区“${v}”不是该镇街的社区`;
      case 'unknownWorker':
        return `负责社工“${v}”：没有这个社工账号`;
      case 'workerNotOfTown':
        return `负责社工“${v}”不是该镇街在用的社工`;
      case 'ambiguousWorker':
        return `负责社工“${v}”有重名：请填用户名`;
      case 'duplicateInFile':
        return `与第 ${p.row} 行是同一位长者（姓名、出生日期、社区都相同）`;
      case 'alreadyOnRegister':
        return '已在登记册上（姓名、出生日期、社区都相同）';
      case 'invalid':
        return `请检查：${col}`;
    }
  },
  separator: '；',
  notes: {
    sheet: '填写说明',
    header: ['列', '必填', '怎么填'],
    yes: '必填',
    no: '',
    englishToo: '也可以用英文名称。',
    hints: {
      name: '长者姓名。',
      gender: '女 或 男。',
      birthDate: '例如 1940-03-08，也可以写 1940/3/8 或 1940年3月8日。',
      town: '您负责的镇街：',
      community: '所在镇街的社区：',
      address: '',
      phone: '手机或座机，例如 13800001111、0760-88123456。',
      categories: '可以填几个，用顿号隔开：',
      riskTier: '',
      capability: '空白为“未评估”。可填：',
      consentGiven: '是 或 否；空白为否。',
      consentDate: '签了同意书才填，日期格式同出生日期。',
      worker: '该镇街社工的用户名或姓名：',
      registeredOn: '空白为导入当天。',
      livingSituation: '',
      health: '',
      notes: '',
      contactName: '一位紧急联系人的姓名。',
      contactRelation: '例如 儿子、邻居。',
      contactPhone: '',
    } satisfies Record<ImportColumn, string>,
  },
};

export type ImportMessages = typeof zh;

const EN_COLUMNS: Record<ImportColumn, string> = {
  name: 'name',
  gender: 'gender',
  birthDate: 'birth date',
  town: 'town',
  community: 'community',
  address: 'address',
  phone: 'phone',
  categories: 'categories',
  riskTier: 'risk tier',
  capability: 'capability',
  consentGiven: 'consent',
  consentDate: 'consent date',
  worker: 'worker',
  registeredOn: 'registered on',
  livingSituation: 'living situation',
  health: 'health',
  notes: 'notes',
  contactName: 'emergency contact',
  contactRelation: 'contact relation',
  contactPhone: 'contact phone',
};
const enColumn = (column: ImportColumn) => `${EN_COLUMNS[column]} (${zhColumn(column)})`;

const en: ImportMessages = {
  title: 'Import elders from a spreadsheet',
  link: 'Import a spreadsheet',
  intro:
    'Register many elders at once from an Excel sheet: download the template, fill in one row per elder, then choose the file. Every row is checked; rows with problems are listed with the reasons and not imported. Once you confirm, all the other rows are imported together.',
  step1: '1. Download the template',
  downloadTemplate: 'Download the template (.xlsx)',
  templateNote: 'The template’s second sheet, 填写说明, lists what each column takes.',
  step2: '2. Choose the filled-in sheet',
  chooseFile: 'Choose a file (.xlsx or .csv)',
  reading: 'Reading the sheet…',
  step3: '3. Check',
  fileName: (name) => `File: ${name}`,
  summary: (accepted, refused) =>
    `${accepted} ${accepted === 1 ? 'elder' : 'elders'} to import, ${refused} ${refused === 1 ? 'row' : 'rows'} refused.`,
  refusedTitle: 'Refused rows',
  rowLabel: (row, name) => `Row ${row}${name ? ` · ${name}` : ''}`,
  downloadRefused: 'Download the refused rows (.xlsx)',
  refusedNote: 'Refused rows are not imported. Download them, correct them and import them on their own.',
  importButton: (n) => `Import ${n} ${n === 1 ? 'elder' : 'elders'}`,
  importing: 'Importing…',
  done: (n, planned) => `${n} ${n === 1 ? 'elder' : 'elders'} imported, ${planned} visits planned.`,
  noneAccepted: 'No row can be imported.',
  failed: (reason) => `The import did not finish; no elder was imported. Reason: ${reason}`,
  changedMeanwhile: 'The register changed after the check: please choose the file again.',
  importAnother: 'Import another sheet',
  noPlaces: 'This phone has no list of towns and communities yet: open this page once online.',
  problemsColumn: '退回原因 (reasons)',
  refusedSheet: 'Refused rows',
  unreadable: {
    type: 'Only .xlsx or .csv files can be imported (save an old .xls as .xlsx in Excel).',
    broken: 'This file cannot be read: it is not a valid .xlsx file.',
  },
  fileProblem: (problem) => {
    switch (problem.code) {
      case 'empty':
        return 'The sheet has no elders: the first row holds the column names, then one elder per row.';
      case 'missingColumns':
        return `The sheet lacks these columns: ${problem.columns.map(enColumn).join(', ')}. Use the template's column names.`;
      case 'repeatedColumn':
        return `The column ${enColumn(problem.column)} is there twice.`;
      case 'tooManyRows':
        return `One import takes at most ${problem.max} rows; this sheet has ${problem.rows}. Split it into several files.`;
    }
  },
  column: enColumn,
  problem: (p) => {
    const col = enColumn(p.column);
    const v = p.value ?? '';
    switch (p.code) {
      case 'exampleRow':
        return 'the template’s example row: delete it';
      case 'required':
        return `${col} is missing`;
      case 'tooLong':
        return `${col} is too long (at most ${p.max} characters)`;
      case 'badGender':
        return `gender “${v}” should be 女 or 男 (female or male)`;
      case 'badDate':
        return `${col} “${v}” is not a date (e.g. 1940-03-08)`;
      case 'futureDate':
        return `${col} ${v} is after today`;
      case 'badPhone':
        return `${col} “${v}” is not a phone number`;
      case 'unknownTier':
        return `risk tier “${v}” should be 高风险, 重点 or 一般 (high, key, general)`;
      case 'unknownCategory':
        return `category “${v}” is not one of the register’s`;
      case 'unknownCapability':
        return `capability “${v}” is not one of the levels`;
      case 'badYesNo':
        return `${col} “${v}” should be 是 or 否 (yes or no)`;
      case 'consentDateWithoutConsent':
        return 'a consent date is given, but consent is 否 (no)';
      case 'unknownTown':
        return `town “${v}” is not on the list of towns`;
      case 'townNotYours':
        return `town “${v}” is not one of yours`;
      case 'unknownCommunity':
        return `community “${v}” is not one of the town’s`;
      case 'unknownWorker':
        return `worker “${v}”: there is no such worker account`;
      case 'workerNotOfTown':
        return `worker “${v}” is not a worker in use in the town`;
      case 'ambiguousWorker':
        return `worker “${v}”: two workers have this name; give the username`;
      case 'duplicateInFile':
        return `the same elder as row ${p.row} (name, birth date and community)`;
      case 'alreadyOnRegister':
        return 'already on the register (same name, birth date and community)';
      case 'invalid':
        return `please check the ${col}`;
    }
  },
  separator: '; ',
  notes: {
    sheet: '填写说明',
    header: ['Column', 'Needed', 'What to write'],
    yes: 'needed',
    no: '',
    englishToo: 'English names are taken too.',
    hints: {
      name: 'The elder’s name.',
      gender: '女 (female) or 男 (male).',
      birthDate: 'E.g. 1940-03-08; 1940/3/8 and 1940年3月8日 are taken too.',
      town: 'One of your towns: ',
      community: 'A community of the town: ',
      address: '',
      phone: 'Mobile or landline, e.g. 13800001111, 0760-88123456.',
      categories: 'Any number, separated by 、 or commas: ',
      riskTier: '',
      capability: 'Blank means not assessed. One of: ',
      consentGiven: '是 (yes) or 否 (no); blank means no.',
      consentDate: 'Only with consent; written like the birth date.',
      worker: 'Username or name of a worker of the town: ',
      registeredOn: 'Blank means the day of the import.',
      livingSituation: '',
      health: '',
      notes: '',
      contactName: 'The name of one emergency contact.',
      contactRelation: 'E.g. 儿子 (son), 邻居 (neighbour).',
      contactPhone: '',
    },
  },
};

export const importMessages = { 'zh-CN': zh, en } as const;

export function useImportT(): ImportMessages {
  return importMessages[useLocale()];
}
