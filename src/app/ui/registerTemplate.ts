// The import template: a sheet with the register's Chinese column headers (needed ones marked) and
// one example row, and a second sheet of notes saying what each column takes, with the importer's
// own towns, communities and workers. Also the file of refused rows, to correct and import again.

import type { Town } from '../../domain/places';
import {
  type Cell,
  EXAMPLE_MARK,
  IMPORT_COLUMN_KEYS,
  IMPORT_COLUMNS,
  type ImportColumn,
  type RefusedRow,
} from '../../domain/registerImport';
import type { User } from '../../domain/schemas';
import type { Messages } from './i18n';
import type { ImportMessages } from './i18nImport';
import type { SheetToWrite } from './registerImportFile';

interface TemplateContext {
  me: Pick<User, 'role' | 'towns'>;
  towns: readonly Pick<Town, 'name' | 'communities'>[];
  /** The workers in use, to name in the notes and the example. */
  workers: readonly Pick<User, 'username' | 'displayName' | 'towns'>[];
  t: Messages;
  m: ImportMessages;
}

const WIDTHS: Partial<Record<ImportColumn, number>> = { name: 16, address: 28, categories: 18, worker: 14 };

/** The header of the template: 姓名（必填） for a needed column. */
function headerOf(column: ImportColumn): string {
  const { header, required } = IMPORT_COLUMNS[column];
  return required ? `${header}（必填）` : header;
}

export function templateSheets({ me, towns, workers, t, m }: TemplateContext): SheetToWrite[] {
  const mine = towns.filter((town) => me.role === 'admin' || me.towns.includes(town.name));
  const town = mine[0];
  const worker = workers.find((w) => town !== undefined && w.towns.includes(town.name));
  const example: Record<ImportColumn, Cell> = {
    name: `${EXAMPLE_MARK}：陈阿婆（导入前请删除这一行）`,
    gender: '女',
    birthDate: '1940-03-08',
    town: town?.name ?? '',
    community: town?.communities[0] ?? '',
    address: '中山市东区竹苑路 8 号',
    phone: '13800001111',
    categories: [t.category.living_alone, t.category.advanced_age].join('、'),
    riskTier: t.tier.high,
    capability: t.capability.mild,
    consentGiven: '是',
    consentDate: '2026-01-05',
    worker: worker?.username ?? '',
    registeredOn: '',
    livingSituation: '独居，儿子在外地工作',
    health: '高血压',
    notes: '',
    contactName: '陈先生',
    contactRelation: '儿子',
    contactPhone: '13900002222',
  };
  const byTown = (list: (town: Pick<Town, 'name' | 'communities'>) => string[]) =>
    mine.map((place) => `${place.name}：${list(place).join('、')}`).join('\n');
  const lists: Partial<Record<ImportColumn, string>> = {
    town: mine.map((place) => place.name).join('、'),
    community: byTown((place) => place.communities),
    categories: Object.values(t.category).join('、'),
    riskTier: Object.values(t.tier).join('、'),
    capability: Object.values(t.capability).join('、'),
    worker: byTown((place) =>
      workers.filter((w) => w.towns.includes(place.name)).map((w) => `${w.username}（${w.displayName}）`),
    ),
  };
  const notes = IMPORT_COLUMN_KEYS.map((column): Cell[] => {
    const hint = `${m.notes.hints[column]}${lists[column] ?? ''}`;
    return [IMPORT_COLUMNS[column].header, IMPORT_COLUMNS[column].required ? m.notes.yes : m.notes.no, hint];
  });
  return [
    {
      name: '长者登记',
      rows: [IMPORT_COLUMN_KEYS.map(headerOf), IMPORT_COLUMN_KEYS.map((column) => example[column])],
      widths: IMPORT_COLUMN_KEYS.map((column) => WIDTHS[column] ?? 12),
    },
    {
      name: m.notes.sheet,
      rows: [m.notes.header, ...notes, ['', '', m.notes.englishToo]],
      widths: [16, 8, 80],
    },
  ];
}

/** The refused rows as they were read, each with its reasons in a last column. */
export function refusedSheet(
  header: readonly Cell[],
  refused: readonly RefusedRow[],
  m: ImportMessages,
): SheetToWrite {
  const width = header.length;
  return {
    name: m.refusedSheet,
    rows: [
      [...header, m.problemsColumn],
      ...refused.map((row) => {
        const cells = Array.from({ length: width }, (_, i) => row.cells[i] ?? null);
        return [...cells, row.problems.map(m.problem).join(m.separator)];
      }),
    ],
  };
}
