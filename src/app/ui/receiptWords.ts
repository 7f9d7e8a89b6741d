// A sync receipt in words a worker reads at the end of a shift: "上传了 2 次探访、1 个探访计划；
// 收到 454 条更新：…", never "↑ 0 ↓ 454". Counted in things a worker knows (visits, planned
// visits, elders' profiles: kindWords.ts), from the counts per collection the journal keeps. Kept
// apart from i18n.ts: only the Sync screen needs it.
import type { KindCounts, SyncReceipt } from '../sync/journal';
import type { Locale } from './i18n';
import { kindList } from './kindWords';

const words = {
  'zh-CN': {
    sent: (list: string) => `上传了 ${list}`,
    sentTotal: (n: number) => `上传了 ${n} 项更改`,
    nothingSent: '没有要上传的',
    received: (n: number, list: string) => `收到 ${n} 条更新：${list}`,
    receivedTotal: (n: number) => `收到 ${n} 条更新`,
    nothingReceived: '没有新的更新',
    merged: (n: number) => `${n} 条与别处的修改合并`,
    review: (n: number) => `${n} 条待核对`,
    refused: (_n: number, list: string) => `${list}被服务器退回`,
    refusedTotal: (n: number) => `${n} 条被服务器退回`,
    quiet: '已与服务器一致，没有新的更改',
    title: '同步记录',
    kept: '最近 20 次有更改的同步，及最后一次同步。',
    sentence: (parts: string[]) => `${parts.join('；')}。`,
  },
  en: {
    sent: (list: string) => `Sent ${list}`,
    sentTotal: (n: number) => `Sent ${n} change${n === 1 ? '' : 's'}`,
    nothingSent: 'Nothing to send',
    received: (n: number, list: string) => `received ${n} update${n === 1 ? '' : 's'}: ${list}`,
    receivedTotal: (n: number) => `received ${n} update${n === 1 ? '' : 's'}`,
    nothingReceived: 'nothing new received',
    merged: (n: number) => `${n} merged with edits made elsewhere`,
    review: (n: number) => `${n} for review`,
    refused: (_n: number, list: string) => `${list} refused by the server`,
    refusedTotal: (n: number) => `${n} refused by the server`,
    quiet: 'In step with the server: nothing new either way',
    title: 'Sync receipts',
    kept: 'The last 20 syncs that moved something, and the latest sync.',
    sentence: (parts: string[]) => `${parts.join('; ')}.`,
  },
};

/** The kinds counted, in words, or null when the receipt has no counts per kind (older app). */
function kindsOf(counts: KindCounts | undefined, locale: Locale): string | null {
  return counts === undefined ? null : kindList(counts, locale);
}

/** The receipt as one sentence a person reads, in their language. */
export function describeReceipt(receipt: SyncReceipt, locale: Locale): string {
  const w = words[locale];
  const moved = receipt.sent + receipt.received + receipt.merged + receipt.review + receipt.refused;
  if (moved === 0) return receipt.error === null ? w.sentence([w.quiet]) : '';
  const parts: string[] = [];
  const sent = kindsOf(receipt.sentBy, locale);
  if (receipt.sent === 0) parts.push(w.nothingSent);
  else parts.push(sent ? w.sent(sent) : w.sentTotal(receipt.sent));
  const received = kindsOf(receipt.receivedBy, locale);
  if (receipt.received === 0) parts.push(w.nothingReceived);
  else parts.push(received ? w.received(receipt.received, received) : w.receivedTotal(receipt.received));
  if (receipt.merged > 0) parts.push(w.merged(receipt.merged));
  if (receipt.review > 0) parts.push(w.review(receipt.review));
  if (receipt.refused > 0) {
    const refused = kindsOf(receipt.refusedBy, locale);
    parts.push(refused ? w.refused(receipt.refused, refused) : w.refusedTotal(receipt.refused));
  }
  return w.sentence(parts);
}

/** The heading of the receipts list and what it keeps. */
export function receiptsHeading(locale: Locale): { title: string; kept: string } {
  return { title: words[locale].title, kept: words[locale].kept };
}
