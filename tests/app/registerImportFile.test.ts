// The import's files in Node as in the browser: the template and the file of refused rows written as
// XLSX and read back, and CSVs in UTF-8 (with or without a byte-order mark) and in GB18030.
import { describe, expect, it } from 'vitest';
import { messages } from '../../src/app/ui/i18n';
import { importMessages } from '../../src/app/ui/i18nImport';
import { decodeCsv, readSpreadsheet, writeSpreadsheet } from '../../src/app/ui/registerImportFile';
import { refusedSheet, templateSheets } from '../../src/app/ui/registerTemplate';
import { checkImport, type ImportContext, readHeader } from '../../src/domain/registerImport';
import { makeUser, TOWN_A, TOWN_B } from '../support/fixtures';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const coordinator = makeUser({ username: 'coordinator', role: 'coordinator', towns: [TOWN_A] });
const wang = makeUser({ username: 'worker1', displayName: '王社工', role: 'worker', towns: [TOWN_A] });
const li = makeUser({ username: 'worker3', displayName: '李社工', role: 'worker', towns: [TOWN_B] });
const towns = [
  { name: TOWN_A, communities: ['竹苑社区', '起湾社区'] },
  { name: TOWN_B, communities: ['新市社区'] },
];
const context: ImportContext = {
  me: coordinator,
  towns,
  users: [coordinator, wang, li],
  elders: [],
  names: [
    {
      tier: messages['zh-CN'].tier,
      category: messages['zh-CN'].category,
      capability: messages['zh-CN'].capability,
      gender: { female: '女', male: '男' },
    },
  ],
  today: '2026-12-07',
};
const m = importMessages['zh-CN'];

async function templateFile(): Promise<File> {
  const sheets = templateSheets({ me: coordinator, towns, workers: [wang, li], t: messages['zh-CN'], m });
  return new File([await writeSpreadsheet(sheets)], 'template.xlsx', { type: XLSX });
}

describe('the template', () => {
  it('reads back with every column known and its example row refused, never imported', async () => {
    const rows = await readSpreadsheet(await templateFile());
    expect(readHeader(rows[0] ?? []).problems).toEqual([]);
    const check = checkImport(rows, context);
    expect(check.accepted).toEqual([]);
    expect(check.refused.map((r) => [r.row, r.problems.map((p) => p.code)])).toEqual([[2, ['exampleRow']]]);
  });

  it('is an example that checks once renamed: the importer’s town, community and worker', async () => {
    const rows = await readSpreadsheet(await templateFile());
    const example = [...(rows[1] ?? [])];
    example[0] = '陈阿婆';
    expect(checkImport([rows[0] ?? [], example], context).accepted).toHaveLength(1);
  });

  it('notes the importer’s own towns and their workers, not other towns', () => {
    const [, notes] = templateSheets({
      me: coordinator,
      towns,
      workers: [wang, li],
      t: messages.en,
      m: importMessages.en,
    });
    const text = JSON.stringify(notes?.rows);
    expect(text).toContain(`${TOWN_A}：worker1（王社工）`);
    expect(text).toContain('竹苑社区、起湾社区');
    expect(text).not.toContain(TOWN_B);
  });
});

describe('the file of refused rows', () => {
  it('holds each refused row as read, with its reasons in a last column', async () => {
    const rows = await readSpreadsheet(await templateFile());
    const check = checkImport(rows, context);
    const file = new File([await writeSpreadsheet([refusedSheet(check.header, check.refused, m)])], 'r.xlsx');
    const back = await readSpreadsheet(file);
    expect(back[0]?.at(-1)).toBe(m.problemsColumn);
    expect(back[1]?.[0]).toBe(rows[1]?.[0]);
    expect(back[1]?.at(-1)).toBe('这是模板的示例行，请删除');
  });
});

describe('reading a CSV', () => {
  const csv = '姓名,性别\n陈阿婆,女\n';
  it('decodes UTF-8 with or without a byte-order mark, and GB18030 as Excel writes it in China', () => {
    const utf8 = new TextEncoder().encode(csv);
    expect(decodeCsv(utf8)).toBe(csv);
    expect(decodeCsv(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toBe(csv);
    // 姓名,性别 / 陈阿婆,女 in GBK (a part of GB18030).
    const gbk = [0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0xd0, 0xd4, 0xb1, 0xf0, 0x0a, 0xb3, 0xc2, 0xb0, 0xa2];
    const gbkRow = [...gbk, 0xc6, 0xc5, 0x2c, 0xc5, 0xae, 0x0a];
    expect(decodeCsv(new Uint8Array(gbkRow))).toBe(csv);
  });

  it('reads rows from row 1, a quoted cell with a comma whole, blank rows kept for the numbering', async () => {
    const file = new File(['姓名,地址\n\n陈阿婆,"竹苑路 8 号, 2 楼"\n'], 'r.csv', { type: 'text/csv' });
    expect(await readSpreadsheet(file)).toEqual([
      ['姓名', '地址'],
      [''],
      ['陈阿婆', '竹苑路 8 号, 2 楼'],
      [''],
    ]);
  });

  it('refuses a file that is neither XLSX nor CSV, and an XLSX that is not one', async () => {
    await expect(readSpreadsheet(new File(['x'], 'register.xls'))).rejects.toMatchObject({ reason: 'type' });
    await expect(readSpreadsheet(new File(['not a zip'], 'register.xlsx'))).rejects.toMatchObject({
      reason: 'broken',
    });
  });
});
