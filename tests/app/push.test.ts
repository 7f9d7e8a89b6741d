import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '../../src/app/api/client';
import { pushIsolatingRefusals, refusedRowIndex } from '../../src/app/sync/push';
import type { SyncTransport } from '../../src/app/sync/transport';
import type { PushRow } from '../../src/domain/api';
import type { AnyDocument, CollectionName } from '../../src/domain/schemas';
import { makeElder, makeVisit } from '../support/fixtures';

/** A server stand-in that refuses any batch holding a visit whose notes say 'bad', naming the row. */
function refusingTransport(options: { namesRow: boolean }) {
  const batches: string[][] = [];
  const transport: SyncTransport = {
    async pull() {
      return { documents: [], checkpoint: null };
    },
    async push<T extends AnyDocument>(_collection: CollectionName, rows: PushRow<T>[]) {
      batches.push(rows.map((r) => r.newDocumentState.id));
      const bad = rows.findIndex((r) => (r.newDocumentState as { notes?: string }).notes === 'bad');
      if (bad >= 0) {
        throw new ApiRequestError(403, {
          error: 'forbidden',
          message: 'not yours',
          ...(options.namesRow && { field: `${bad}.newDocumentState.elderId` }),
        });
      }
      return [];
    },
    async watchChanges() {},
  };
  return { transport, batches };
}

describe('pushing a batch with a record the server refuses', () => {
  const elder = makeElder();
  const rows = (notes: string[]): PushRow[] =>
    notes.map((n) => ({ newDocumentState: makeVisit(elder, { notes: n }), assumedMasterState: null }));

  it('sets the named row aside and sends the others again', async () => {
    const { transport, batches } = refusingTransport({ namesRow: true });
    const batch = rows(['a', 'bad', 'c']);
    const outcome = await pushIsolatingRefusals(transport, 'visits', batch);
    expect(outcome.accepted.map((r) => (r.newDocumentState as { notes?: string }).notes)).toEqual(['a', 'c']);
    expect(outcome.refused).toHaveLength(1);
    expect(outcome.refused[0]?.reason).toEqual({
      status: 403,
      message: 'not yours',
      field: '1.newDocumentState.elderId',
    });
    expect(batches).toHaveLength(2);
  });

  it('answers a refused new record with a deleted copy, so the device stops pushing it', async () => {
    const { transport } = refusingTransport({ namesRow: true });
    const batch = rows(['bad']);
    const outcome = await pushIsolatingRefusals(transport, 'visits', batch);
    expect(outcome.conflicts).toEqual([{ ...batch[0]?.newDocumentState, _deleted: true }]);
  });

  it('answers a refused edit with the state the server is known to hold', async () => {
    const { transport } = refusingTransport({ namesRow: true });
    const before = makeVisit(elder, { notes: 'before' });
    const outcome = await pushIsolatingRefusals(transport, 'visits', [
      { newDocumentState: { ...before, notes: 'bad' }, assumedMasterState: before },
    ]);
    expect(outcome.conflicts).toEqual([before]);
  });

  it('finds the refused rows one by one when the server does not name them', async () => {
    const { transport } = refusingTransport({ namesRow: false });
    const outcome = await pushIsolatingRefusals(transport, 'visits', rows(['a', 'bad', 'c', 'bad']));
    expect(outcome.accepted.map((r) => (r.newDocumentState as { notes?: string }).notes)).toEqual(['a', 'c']);
    expect(outcome.refused).toHaveLength(2);
  });

  it('lets other failures through, so RxDB retries the whole batch later', async () => {
    const transport: SyncTransport = {
      ...refusingTransport({ namesRow: true }).transport,
      async push() {
        throw new ApiRequestError(0, null);
      },
    };
    await expect(pushIsolatingRefusals(transport, 'visits', rows(['a']))).rejects.toThrow(
      'network unreachable',
    );
  });

  it('reads the row index at the start of the field only', () => {
    expect(refusedRowIndex('3.newDocumentState.mode', 5)).toBe(3);
    expect(refusedRowIndex('3', 5)).toBe(3);
    expect(refusedRowIndex('7.newDocumentState', 5)).toBeNull();
    expect(refusedRowIndex('limit', 5)).toBeNull();
    expect(refusedRowIndex(undefined, 5)).toBeNull();
  });
});
