// The receipts a device keeps: proof of a shift's syncs. The newest 20 that moved something stay;
// a run that moved nothing (the app opened again, a check with nothing new, a run cut off before
// anything moved) is kept only as the newest entry until the next run, so opening the app or a
// weak signal never pushes the shift's work out of sight.
import type { SyncReceipt } from './journal';

export const RECEIPTS_KEPT = 20;

/** A run that sent, received, merged, filed or refused nothing, whether or not it finished. */
export function isQuiet(receipt: SyncReceipt): boolean {
  return (
    receipt.sent === 0 &&
    receipt.received === 0 &&
    receipt.merged === 0 &&
    receipt.review === 0 &&
    receipt.refused === 0
  );
}

/** The receipts to keep once `receipt` is made, newest first. */
export function keepReceipt(kept: readonly SyncReceipt[], receipt: SyncReceipt): SyncReceipt[] {
  const worked = kept.filter((earlier) => !isQuiet(earlier));
  if (isQuiet(receipt)) return [receipt, ...worked.slice(0, RECEIPTS_KEPT)];
  return [receipt, ...worked].slice(0, RECEIPTS_KEPT);
}
