// The import's files: reading a chosen spreadsheet (XLSX or CSV) as rows of cells, and making the
// template and the file of refused rows as XLSX. The libraries load only when one of these runs
// (about 45 KB gzipped between them), never with the app or the Manage screens.
import type { Cell } from '../../domain/registerImport';

export class UnreadableFileError extends Error {
  constructor(readonly reason: 'type' | 'broken') {
    super(`unreadable spreadsheet: ${reason}`);
    this.name = 'UnreadableFileError';
  }
}

const isCsv = (file: File) => /\.(csv|txt)$/i.test(file.name) || file.type === 'text/csv';
const isXlsx = (file: File) => /\.xlsx$/i.test(file.name);

/**
 * CSV text from its bytes: UTF-8 (with or without a byte-order mark; TextDecoder drops it), else
 * GB18030, which Excel on a Chinese Windows writes (a superset of GBK and GB2312).
 */
export function decodeCsv(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** The first sheet of an XLSX, or a CSV, as rows of cells from row 1, blank rows kept. */
export async function readSpreadsheet(file: File): Promise<Cell[][]> {
  if (isCsv(file)) {
    const { default: Papa } = await import('papaparse');
    const text = decodeCsv(new Uint8Array(await file.arrayBuffer()));
    const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false });
    return parsed.data;
  }
  if (!isXlsx(file)) throw new UnreadableFileError('type');
  const { readSheet } = await import('read-excel-file/universal');
  try {
    return (await readSheet(await file.arrayBuffer())) as Cell[][];
  } catch {
    throw new UnreadableFileError('broken');
  }
}

export interface SheetToWrite {
  name: string;
  rows: Cell[][];
  /** Column widths in characters. */
  widths?: number[];
}

/** An XLSX of these sheets, the first row of each in bold. */
export async function writeSpreadsheet(sheets: readonly SheetToWrite[]): Promise<Blob> {
  const { default: writeXlsxFile } = await import('write-excel-file/universal');
  return writeXlsxFile(
    sheets.map((sheet) => ({
      sheet: sheet.name,
      columns: sheet.widths?.map((width) => ({ width })),
      data: sheet.rows.map((row, index) =>
        row.map((cell) =>
          index === 0
            ? { value: cell === null || cell === undefined ? '' : String(cell), fontWeight: 'bold' as const }
            : cell === null || cell === undefined
              ? null
              : cell,
        ),
      ),
    })),
  ).toBlob();
}

/** Hands `blob` to the browser as a download named `name`. */
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
