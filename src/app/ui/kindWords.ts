// Counts of records named as a worker knows them: "2 次探访、1 个探访计划", "2 visits and 1 planned
// visit". Shared by the sync bar (what waits) and the Sync screen's receipts (what moved).
import type { CollectionName } from '../../domain/schemas';
import type { KindCounts } from '../sync/journal';
import type { Locale } from './i18n';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The order kinds are named in: what a worker did first. */
const KINDS: readonly CollectionName[] = ['visits', 'schedules', 'elders', 'reviews', 'volunteers', 'users'];

const words: Record<
  Locale,
  { kind: Record<CollectionName, (n: number) => string>; list(parts: string[]): string }
> = {
  'zh-CN': {
    kind: {
      visits: (n) => `${n} 次探访`,
      schedules: (n) => `${n} 个探访计划`,
      elders: (n) => `${n} 份长者资料`,
      reviews: (n) => `${n} 条核对记录`,
      volunteers: (n) => `${n} 条志愿者登记`,
      users: (n) => `${n} 个账号`,
    },
    list: (parts) => parts.join('、'),
  },
  en: {
    kind: {
      visits: (n) => plural(n, 'visit', 'visits'),
      schedules: (n) => plural(n, 'planned visit', 'planned visits'),
      elders: (n) => plural(n, 'elder profile', 'elder profiles'),
      reviews: (n) => plural(n, 'review entry', 'review entries'),
      volunteers: (n) => plural(n, 'volunteer record', 'volunteer records'),
      users: (n) => plural(n, 'account', 'accounts'),
    },
    list: (parts) =>
      parts.length < 2 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`,
  },
};

/** "2 visits and 1 planned visit"; empty when nothing is counted. */
export function kindList(counts: KindCounts, locale: Locale): string {
  const w = words[locale];
  return w.list(KINDS.flatMap((kind) => (counts[kind] ? [w.kind[kind](counts[kind])] : [])));
}
