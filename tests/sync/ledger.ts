// Every write a device made, field by field, and the check that none was lost: after the final sync
// each write is in the server's record, on the review list, or was overwritten by a later write
// made by a device that had already seen it.
import { canonicalJson } from '../../src/domain/merge/values';
import type { MergedCollection, Review } from '../../src/domain/schemas';
import { short } from './network';
import type { Doc, RecordChange } from './protocol';
import { EDITED_FIELDS, tokensIn } from './values';

export type WriteKind =
  | 'unique'
  | 'enum'
  | 'note'
  | 'note-text'
  | 'set-add'
  | 'set-remove'
  | 'delete'
  | 'create';

export interface Write {
  /** Order of the writes over the whole run (devices write one at a time). */
  n: number;
  /** Index of the operation that made it, and a description of it. */
  op: number;
  origin: string;
  device: string;
  collection: MergedCollection;
  recordId: string;
  /** '_deleted' for a delete, '_created' for a new record. */
  field: string;
  kind: WriteKind;
  /** The value written; a note's token; the item added to or removed from a set; true for a delete. */
  value: unknown;
  /** The record on the device just before and just after the write (before is null for a new record). */
  before: Doc | null;
  after: Doc;
}

function list(value: unknown): string[] {
  return Array.isArray(value) ? (value as string[]) : [];
}

/** Whether a value of the write's field carries the write (its token, its set change, its value). */
export function carries(write: Write, value: unknown): boolean {
  switch (write.kind) {
    case 'note':
    case 'note-text':
      return typeof value === 'string' && value.includes(String(write.value));
    case 'set-add':
      return list(value).includes(String(write.value));
    case 'set-remove':
      return Array.isArray(value) && !list(value).includes(String(write.value));
    case 'delete':
      return value === true;
    case 'create':
      return true;
    default:
      return canonicalJson(value) === canonicalJson(write.value);
  }
}

/** Whether a state of the record carries the write. */
export function reflects(write: Write, doc: Doc | null | undefined): boolean {
  if (!doc) return false;
  if (write.kind === 'delete') return doc._deleted === true;
  return carries(write, doc[write.field]);
}

export class Ledger {
  readonly writes: Write[] = [];
  /** Ids of the records devices created (visits). */
  readonly created = new Map<string, Write>();

  /** Turns what a device did to records into writes, one per field changed. */
  record(op: number, origin: string, device: string, changes: readonly RecordChange[]): Write[] {
    const made: Write[] = [];
    const add = (change: RecordChange, field: string, kind: WriteKind, value: unknown) => {
      const write: Write = {
        n: this.writes.length + made.length + 1,
        op,
        origin,
        device,
        collection: change.collection,
        recordId: change.id,
        field,
        kind,
        value,
        before: change.before,
        after: change.after,
      };
      made.push(write);
    };
    for (const change of changes) {
      const { before, after } = change;
      if (before === null) {
        add(change, '_created', 'create', true);
        this.created.set(change.id, made[made.length - 1] as Write);
      } else if (after._deleted && !before._deleted) {
        add(change, '_deleted', 'delete', true);
        continue;
      }
      for (const [field, kind] of Object.entries(EDITED_FIELDS[change.collection])) {
        const was = before?.[field];
        const now = after[field];
        if (kind === 'note') {
          const old = new Set(tokensIn(String(was ?? '')));
          const added = tokensIn(String(now ?? '')).filter((token) => !old.has(token));
          for (const token of added) add(change, field, 'note', token);
          // A text cut back (an undo) writes no token: it is a write of the text itself.
          if (added.length === 0 && before && String(was ?? '') !== String(now ?? '')) {
            add(change, field, 'note-text', String(now ?? ''));
          }
        } else if (kind === 'set') {
          for (const item of list(now)) if (!list(was).includes(item)) add(change, field, 'set-add', item);
          if (before)
            for (const item of list(was))
              if (!list(now).includes(item)) add(change, field, 'set-remove', item);
        } else if (before ? canonicalJson(was) !== canonicalJson(now) : now !== null && now !== '') {
          add(change, field, kind, now);
        }
      }
    }
    this.writes.push(...made);
    return made;
  }

  /** A later write to the record that was made on a state carrying `write` and no longer carries it. */
  supersededBy(write: Write): Write | undefined {
    if (write.kind === 'create' || write.kind === 'delete') return undefined;
    return this.writes.find(
      (later) =>
        later.n > write.n &&
        later.collection === write.collection &&
        later.recordId === write.recordId &&
        later.before !== null &&
        reflects(write, later.before) &&
        (later.kind === 'delete' || (later.field === write.field && !reflects(write, later.after))),
    );
  }
}

/** The review entries about the write's record and field that hold its value (kept or other). */
export function reviewsHolding(write: Write, reviews: readonly Review[]): Review[] {
  const field = write.kind === 'delete' ? '_deleted' : write.field;
  return reviews.filter((review) => {
    if (review.collectionName !== write.collection || review.recordId !== write.recordId) return false;
    if (review.field !== field) return false;
    return [review.kept.value, review.other.value].some((text) => {
      try {
        return carries(write, JSON.parse(text));
      } catch {
        return false;
      }
    });
  });
}

export function describeWrite(write: Write): string {
  const what =
    write.kind === 'delete'
      ? 'deleted it'
      : write.kind === 'create'
        ? 'created it'
        : write.kind === 'set-add'
          ? `added ${JSON.stringify(write.value)} to ${write.field}`
          : write.kind === 'set-remove'
            ? `removed ${JSON.stringify(write.value)} from ${write.field}`
            : write.kind === 'note'
              ? `wrote ${write.value} into ${write.field}`
              : write.kind === 'note-text'
                ? `cut ${write.field} back to ${JSON.stringify(write.value)}`
                : `set ${write.field} = ${JSON.stringify(write.value)}`;
  return `write #${write.n} (op ${write.op} ${write.origin}, device ${write.device}) on ${write.collection}/${short(write.recordId)}: ${what}`;
}
