// The strings of the visit cadence screen (探访频次), in Simplified Chinese and English; loaded with
// the Manage screens only. The tiers' names are in i18n.ts, the hub entry in i18nManage.ts.
import type { CadenceRule } from '../../domain/cadence';
import { useLocale } from './i18n';

type Unit = CadenceRule['unit'];

const zh = {
  title: '探访频次',
  intro:
    '每个镇街为每个风险等级定最少多久探访一次。没有设置的镇街用省里的默认：高风险每周、重点每月、一般每季度。',
  every: '每',
  interval: '间隔',
  unitLabel: '单位',
  unit: { day: '天', week: '周', month: '个月' } satisfies Record<Unit, string>,
  tierRule: (tier: string) => `${tier}：`,
  rule: (every: number, unit: Unit) => `每 ${every} ${zh.unit[unit]}`,
  change: '修改',
  save: '保存',
  cancel: '取消',
  saving: '正在保存…',
  offline: '现在离线：修改探访频次需要网络连接。下面是这台手机上次取得的频次。',
  noListOffline: '现在离线，这台手机还没有取得过镇街列表。有网络时再打开这一页。',
  noTowns: '你没有负责的镇街。',
  loading: '正在取得镇街列表…',
  nothingChanged: '没有要保存的修改。',
  saved: (town: string) =>
    `${town} 的探访频次已保存。已经排好的探访不会改动：登记新长者，或长者的风险等级、负责社工变更时，才按新频次安排。`,
  range: {
    day: '天数要在 1 到 90 之间的整数。',
    week: '周数要在 1 到 52 之间的整数。',
    month: '月数要在 1 到 12 之间的整数。',
  } satisfies Record<Unit, string>,
  order: {
    high: '高风险长者的探访不能比重点长者少。',
    key: '重点长者的探访不能比一般长者少。',
  },
  forbidden: '你不能修改这个镇街的探访频次：只有管理员和这个镇街的协调员可以。',
  notFound: '找不到这个镇街：镇街列表可能已经改了。请重新打开这一页。',
};

export type CadenceMessages = typeof zh;

const en: CadenceMessages = {
  title: 'Visit cadence',
  intro:
    'Each town sets, for each risk tier, how often an elder is visited at least. A town that has set none follows the provincial defaults: high risk weekly, key monthly, general quarterly.',
  every: 'Every',
  interval: 'interval',
  unitLabel: 'unit',
  unit: { day: 'days', week: 'weeks', month: 'months' },
  tierRule: (tier) => `${tier}: `,
  rule: (every, unit) => `every ${every} ${every === 1 ? unit : en.unit[unit]}`,
  change: 'Change',
  save: 'Save',
  cancel: 'Cancel',
  saving: 'Saving…',
  offline:
    'Offline: changing the visit cadence needs a connection. Below is the cadence this phone last fetched.',
  noListOffline: 'Offline, and this phone has not fetched the towns yet. Open this page again online.',
  noTowns: 'You have no towns.',
  loading: 'Fetching the towns…',
  nothingChanged: 'Nothing to save.',
  saved: (town) =>
    `The visit cadence of ${town} is saved. Visits already planned stay as they are: the new cadence plans an elder's visits when they are registered or their risk tier or worker changes.`,
  range: {
    day: 'Days must be a whole number from 1 to 90.',
    week: 'Weeks must be a whole number from 1 to 52.',
    month: 'Months must be a whole number from 1 to 12.',
  },
  order: {
    high: 'High-risk elders cannot be visited less often than key ones.',
    key: 'Key elders cannot be visited less often than general ones.',
  },
  forbidden: 'You cannot change this town’s cadence: only an admin or a coordinator of the town can.',
  notFound: 'No such town: the town list may have changed. Open this page again.',
};

export const cadenceMessages = { 'zh-CN': zh, en } as const;

export function useCadenceT(): CadenceMessages {
  return cadenceMessages[useLocale()];
}
