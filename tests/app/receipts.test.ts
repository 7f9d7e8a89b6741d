import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '../../src/app/api/client';
import { syncFailureOf } from '../../src/app/sync/failure';
import { failureOfReceipt, SyncJournal, type SyncReceipt } from '../../src/app/sync/journal';
import { isQuiet, keepReceipt, RECEIPTS_KEPT } from '../../src/app/sync/receipts';
import { describeReceipt } from '../../src/app/ui/receiptWords';

const ZERO = { sent: 0, received: 0, merged: 0, review: 0, refused: 0 };

function receipt(minute: number, counts: Partial<SyncReceipt> = {}): SyncReceipt {
  const at = new Date(Date.UTC(2026, 11, 7, 9, minute)).toISOString();
  return { ...ZERO, startedAt: at, finishedAt: at, error: null, ...counts };
}

describe('the receipts a device keeps', () => {
  it('keeps the newest 20 receipts that moved something, newest first', () => {
    let kept: SyncReceipt[] = [];
    for (let minute = 0; minute < 25; minute++) kept = keepReceipt(kept, receipt(minute, { sent: 1 }));
    expect(kept).toHaveLength(RECEIPTS_KEPT);
    expect(kept[0]?.finishedAt).toBe(receipt(24).finishedAt);
    expect(kept.at(-1)?.finishedAt).toBe(receipt(5).finishedAt);
  });

  it('shows a run that moved nothing on top without pushing the shift’s work out of sight', () => {
    const shift = keepReceipt([], receipt(0, { sent: 2, sentBy: { visits: 1, schedules: 1 } }));
    let kept = shift;
    for (let minute = 1; minute <= 30; minute++) kept = keepReceipt(kept, receipt(minute));
    expect(kept).toHaveLength(2);
    expect(kept[0]).toEqual(receipt(30));
    expect(kept[1]).toEqual(shift[0]);
  });

  it('shows a failed run that moved nothing on top only until the next run', () => {
    const shift = keepReceipt([], receipt(0, { sent: 1, sentBy: { visits: 1 } }));
    const failed = receipt(1, { error: 'network unreachable' });
    expect(isQuiet(failed)).toBe(true);
    const afterFailure = keepReceipt(shift, failed);
    expect(afterFailure).toEqual([failed, ...shift]);
    expect(keepReceipt(afterFailure, receipt(2))).toEqual([receipt(2), ...shift]);
  });
});

describe('the journal behind a receipt', () => {
  it('counts what went up, came down and was refused by kind as well as in all', () => {
    const journal = new SyncJournal();
    journal.count('sent', 1, 'visits');
    journal.count('sent', 1, 'schedules');
    journal.count('received', 400, 'visits');
    journal.count('received', 54, 'elders');
    journal.count('refused', 1, 'elders');
    expect(journal.receiptCounts).toMatchObject({
      sent: 2,
      received: 454,
      refused: 1,
      sentBy: { visits: 1, schedules: 1 },
      receivedBy: { visits: 400, elders: 54 },
      refusedBy: { elders: 1 },
    });
    journal.reset();
    expect(journal.receiptCounts).toEqual({ ...ZERO, sentBy: {}, receivedBy: {}, refusedBy: {} });
  });
});

describe('a receipt in words', () => {
  const shift = receipt(0, {
    sent: 3,
    sentBy: { visits: 2, schedules: 1 },
    received: 454,
    receivedBy: { visits: 400, elders: 54 },
  });

  it('says in Chinese what went up and came down, by kind', () => {
    expect(describeReceipt(shift, 'zh-CN')).toBe(
      '上传了 2 次探访、1 个探访计划；收到 454 条更新：400 次探访、54 份长者资料。',
    );
  });

  it('says it in English, with plurals', () => {
    expect(describeReceipt(shift, 'en')).toBe(
      'Sent 2 visits and 1 planned visit; received 454 updates: 400 visits and 54 elder profiles.',
    );
    expect(describeReceipt(receipt(0, { sent: 1, sentBy: { visits: 1 } }), 'en')).toBe(
      'Sent 1 visit; nothing new received.',
    );
  });

  it('names merges, review entries and refusals', () => {
    const clashes = receipt(0, {
      received: 1,
      receivedBy: { elders: 1 },
      merged: 1,
      review: 1,
      refused: 1,
      refusedBy: { elders: 1 },
    });
    expect(describeReceipt(clashes, 'zh-CN')).toBe(
      '没有要上传的；收到 1 条更新：1 份长者资料；1 条与别处的修改合并；1 条待核对；1 份长者资料被服务器退回。',
    );
  });

  it('says a run that moved nothing is in step, and counts an older receipt in all', () => {
    expect(describeReceipt(receipt(0), 'zh-CN')).toBe('已与服务器一致，没有新的更改。');
    expect(describeReceipt(receipt(0, { sent: 2 }), 'en')).toBe('Sent 2 changes; nothing new received.');
  });
});

describe('why a sync did not finish', () => {
  // RxDB hands the replication's error$ a plain copy whose parameters lead back to the handler's error.
  const wrapped = (cause: ApiRequestError) => ({
    name: 'RxError',
    message: 'RC_PULL',
    parameters: { errors: [cause] },
  });

  it('names an unanswered request, an ended sign-in, a server fault and a refusal as kinds, never raw text', () => {
    expect(syncFailureOf(wrapped(new ApiRequestError(0, null)))).toBe('unreachable');
    expect(
      syncFailureOf(new ApiRequestError(401, { error: 'unauthorized', message: 'Session expired' })),
    ).toBe('signed-out');
    expect(syncFailureOf(wrapped(new ApiRequestError(503, null)))).toBe('server');
    expect(syncFailureOf(wrapped(new ApiRequestError(413, null)))).toBe('refused');
    expect(syncFailureOf(new TypeError('Failed to fetch'))).toBe('other');
  });

  it('shows a receipt kept by an older app, which holds a raw message, as the general kind', () => {
    expect(failureOfReceipt('network unreachable')).toBe('other');
    expect(failureOfReceipt('signed-out')).toBe('signed-out');
  });
});
