// Free-text notes edited on both sides: both texts are kept, each under a line saying who wrote it
// and when, the earlier edit first.

export interface NoteEdit {
  text: string;
  /** Who edited it (the side's updatedBy) and when (the side's edit time of the field). */
  by: string;
  at: string;
}

/**
 * The header's time is written in China Standard Time (UTC+8, no daylight saving), the time of the
 * towns the app serves. It must not depend on the device's time zone, or two devices merging the
 * same clash would write different texts.
 */
const STAMP_OFFSET_MINUTES = 8 * 60;

/** "2026-11-20 10:00" for 2026-11-20T02:00:00Z. */
export function formatNoteStamp(instant: string): string {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) return instant;
  const local = new Date(ms + STAMP_OFFSET_MINUTES * 60_000).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 16)}`;
}

function header(edit: NoteEdit, nameOf: ((userId: string) => string) | undefined): string {
  const name = nameOf?.(edit.by)?.trim() || edit.by;
  return `【${name} ${formatNoteStamp(edit.at)}】`;
}

/** `earlier` and `later` as ordered by the caller (edit time, ties by text). */
export function combineNotes(
  earlier: NoteEdit,
  later: NoteEdit,
  nameOf: ((userId: string) => string) | undefined,
): string {
  return `${header(earlier, nameOf)}${earlier.text}\n${header(later, nameOf)}${later.text}`;
}
