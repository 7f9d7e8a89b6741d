// Reading one spreadsheet cell as the register needs it: text, a calendar day, a phone number, yes or
// no. Cells come from an XLSX (strings, numbers, booleans, dates) or a CSV (strings only), as people
// type them in Excel: 1940/3/8, 1940年3月8日, a date cell, an 11-digit phone stored as a number. Pure.

import { isPhoneNumber } from './plausible';

/** A cell as the spreadsheet readers give it; blank cells may be null, undefined or ''. */
export type Cell = string | number | boolean | Date | null | undefined;

const pad = (n: number) => String(n).padStart(2, '0');

/** YYYY-MM-DD when year, month and day name a real calendar day (after 1900), else null. */
function calendarDay(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1) return null;
  if (date.getUTCDate() !== day) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** The day of a date cell: readers give an XLSX date as midnight UTC of that day. */
function dayOfDateCell(date: Date): string | null {
  if (Number.isNaN(date.getTime())) return null;
  return calendarDay(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

// Excel counts days from 1899-12-30 (its 1900 leap-year bug folded in); a date cell whose format the
// reader did not know arrives as this serial number.
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

/** The text of a cell, trimmed; numbers without exponent or grouping, dates as YYYY-MM-DD. */
export function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return dayOfDateCell(cell) ?? '';
  if (typeof cell === 'number') {
    return Number.isInteger(cell) ? cell.toLocaleString('en-US', { useGrouping: false }) : String(cell);
  }
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  return cell.trim();
}

/**
 * A calendar day from a cell: a date cell, an Excel serial number, 19400308, or text such as
 * 1940-03-08, 1940/3/8, 1940.3.8 and 1940年3月8日. Null when it names no real day.
 */
export function cellDate(cell: Cell): string | null {
  if (cell instanceof Date) return dayOfDateCell(cell);
  if (typeof cell === 'number') {
    if (Number.isInteger(cell) && cell >= 19000101 && cell <= 29991231) return cellDate(String(cell));
    if (!Number.isInteger(cell) || cell < 1 || cell > 2_958_465) return null;
    return dayOfDateCell(new Date(EXCEL_EPOCH_MS + cell * DAY_MS));
  }
  const text = cellText(cell);
  const parts =
    /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!parts) return null;
  return calendarDay(Number(parts[1]), Number(parts[2]), Number(parts[3]));
}

/**
 * A phone number as typed, trimmed, when it looks like one: digits with spaces, dashes or brackets
 * between them (0760-8812 3456, (0760)88123456, +86 138 0000 0000), 5 to 20 digits: the rule every synced phone follows
 * (src/domain/plausible.ts). Null otherwise.
 */
export function cellPhone(cell: Cell): string | null {
  const text = cellText(cell);
  return text !== '' && isPhoneNumber(text) ? text : null;
}

const YES = new Set(['是', '有', '已签', '已签署', '签署', 'y', 'yes', 'true', '1', '√', '✓']);
const NO = new Set(['否', '无', '没有', '未签', '未签署', 'n', 'no', 'false', '0', '×', '✗']);

/** Yes or no from 是/否 and the like (or a TRUE/FALSE cell); null for anything else. */
export function cellYesNo(cell: Cell): boolean | null {
  if (typeof cell === 'boolean') return cell;
  const text = cellText(cell).toLowerCase();
  if (YES.has(text)) return true;
  if (NO.has(text)) return false;
  return null;
}

/** A label as it is compared: case and spaces ignored. */
export function normalLabel(text: string): string {
  return text.replace(/\s+/g, '').toLowerCase();
}
