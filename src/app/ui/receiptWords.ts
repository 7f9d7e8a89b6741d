// A sync receipt in words a worker reads at the end of a shift: "上传了 2 次探访、1 个探访计划；
// 收到 454 条更新：…", never "↑ 0 ↓ 454". Counted in things a worker knows (visits, planned
// visits, elders' profiles), from the counts per collection the journal keeps. Kept apart from
// i18n.ts: only the Sync screen needs it.
import type { CollectionName } from '../../domain/schemas';
import type { KindCounts, SyncReceipt } from '../sync/journal';
import type { Locale } from './i18n';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The order kinds are named in: what a worker did first. */
const KINDS: readonly CollectionName[] = ['visits', 'schedules', 'elders', 'reviews', 'volunteers', 'users'];

const words = {
  'zh-CN': {
    kind: {
      visits: (n: number) => `${n} 次探访`,
      schedules: (n: number) => `${n} 个探访计划`,
      elders: (n: number) => `${n} 份长者资料`,
      reviews: (n: number) => `${n} 条核对记录`,
      volunteers: (n: number) => `${n} 条志愿者登记`,
      users: (n: number) => `${n} 个账号`,
    } satisfies Record<CollectionName, (n: number) => string>,
    list: (parts: string[]) => parts.join('、'),
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
    kind: {
      visits: (n: number) => plural(n, 'visit', 'visits'),
      schedules: (n: number) => plural(n, 'planned visit', 'planned visits'),
      elders: (n: number) => plural(n, 'elder profile', 'elder profiles'),
      reviews: (n: number) => plural(n, 'review entry', 'review entries'),
      volunteers: (n: number) => plural(n, 'volunteer record', 'volunteer records'),
      users: (n: number) => plural(n, 'account', 'accounts'),
    } satisfies Record<CollectionName, (n: number) => string>,
    list: (parts: string[]) =>
      parts.length < 2 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`,
    sent: (list: string) => `Sent ${list}`,
    sentTotal: (n: number) => `Sent ${plural(n, 'change', 'changes')}`,
    nothingSent: 'Nothing to send',
    received: (n: number, list: string) => `received ${plural(n, 'update', 'updates')}: ${list}`,
    receivedTotal: (n: number) => `received ${plural(n, 'update', 'updates')}`,
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

type Words = (typeof words)['en'];

/** "2 visits and 1 planned visit", or null when the receipt has no counts per kind (older app). */
function kindList(counts: KindCounts | undefined, w: Words): string | null {
  if (counts === undefined) return null;
  return w.list(KINDS.flatMap((kind) => (counts[kind] ? [w.kind[kind](counts[kind])] : [])));
}

/** The receipt as one sentence a person reads, in their language. */
export function describeReceipt(receipt: SyncReceipt, locale: Locale): string {
  const w = words[locale];
  const moved = receipt.sent + receipt.received + receipt.merged + receipt.review + receipt.refused;
  if (moved === 0) return receipt.error === null ? w.sentence([w.quiet]) : '';
  const parts: string[] = [];
  const sent = kindList(receipt.sentBy, w);
  if (receipt.sent === 0) parts.push(w.nothingSent);
  else parts.push(sent ? w.sent(sent) : w.sentTotal(receipt.sent));
  const received = kindList(receipt.receivedBy, w);
  if (receipt.received === 0) parts.push(w.nothingReceived);
  else parts.push(received ? w.received(receipt.received, received) : w.receivedTotal(receipt.received));
  if (receipt.merged > 0) parts.push(w.merged(receipt.merged));
  if (receipt.review > 0) parts.push(w.review(receipt.review));
  if (receipt.refused > 0) {
    const refused = kindList(receipt.refusedBy, w);
    parts.push(refused ? w.refused(receipt.refused, refused) : w.refusedTotal(receipt.refused));
  }
  return w.sentence(parts);
}

/** The heading of the receipts list and what it keeps. */
export function receiptsHeading(locale: Locale): { title: string; kept: string } {
  return { title: words[locale].title, kept: words[locale].kept };
}
