// Pushing one batch so that one bad record never blocks the rest: when the server refuses the batch
// (400 or 403, naming the row), that row is set aside and the others are sent again.
import type { PushRow } from '../../domain/api';
import type { AnyDocument, CollectionName } from '../../domain/schemas';
import { ApiRequestError } from '../api/client';
import type { SyncTransport } from './transport';

export interface Refusal {
  row: PushRow;
  reason: { status: number; message: string; field: string };
}

export interface PushOutcome {
  /** Rows the server wrote, or already had. */
  accepted: PushRow[];
  /**
   * RxDB's answer: the server's copies of conflicting rows, plus, for each refused row, the state
   * the server is known to hold (its assumed master, or a deleted copy for a record it never had),
   * so the device goes back to it while the refused state waits in the set-aside list.
   */
  conflicts: AnyDocument[];
  refused: Refusal[];
}

function isRefusal(error: unknown): error is ApiRequestError {
  return error instanceof ApiRequestError && (error.status === 400 || error.status === 403);
}

/** The row a refusal names: its `field` starts with the row's index, e.g. "3.newDocumentState.mode". */
export function refusedRowIndex(field: string | undefined, rows: number): number | null {
  const match = /^(\d+)(\.|$)/.exec(field ?? '');
  const index = match ? Number(match[1]) : Number.NaN;
  return Number.isInteger(index) && index < rows ? index : null;
}

function serverStateOf(row: PushRow): AnyDocument {
  return row.assumedMasterState ?? { ...row.newDocumentState, _deleted: true };
}

export async function pushIsolatingRefusals(
  transport: SyncTransport,
  collection: CollectionName,
  rows: readonly PushRow[],
): Promise<PushOutcome> {
  const pending = [...rows];
  const refused: Refusal[] = [];
  while (pending.length > 0) {
    try {
      const conflicts = await transport.push(collection, pending);
      const conflicting = new Set(conflicts.map((doc) => doc.id));
      return {
        accepted: pending.filter((row) => !conflicting.has(row.newDocumentState.id)),
        conflicts: [...conflicts, ...refused.map(({ row }) => serverStateOf(row))],
        refused,
      };
    } catch (error) {
      if (!isRefusal(error)) throw error;
      const reason = { status: error.status, message: error.message, field: error.body?.field ?? '' };
      const index = pending.length === 1 ? 0 : refusedRowIndex(error.body?.field, pending.length);
      if (index === null) return pushOneByOne(transport, collection, pending, refused);
      const [row] = pending.splice(index, 1);
      if (row) refused.push({ row, reason });
    }
  }
  return { accepted: [], conflicts: refused.map(({ row }) => serverStateOf(row)), refused };
}

/** When a refusal does not say which row, each row is tried alone. */
async function pushOneByOne(
  transport: SyncTransport,
  collection: CollectionName,
  rows: readonly PushRow[],
  alreadyRefused: Refusal[],
): Promise<PushOutcome> {
  const outcome: PushOutcome = {
    accepted: [],
    conflicts: alreadyRefused.map(({ row }) => serverStateOf(row)),
    refused: [...alreadyRefused],
  };
  for (const row of rows) {
    const single = await pushIsolatingRefusals(transport, collection, [row]);
    outcome.accepted.push(...single.accepted);
    outcome.conflicts.push(...single.conflicts);
    outcome.refused.push(...single.refused);
  }
  return outcome;
}
