// The strings of planning a round of visits for a group (a festival, a heat wave), in Simplified
// Chinese and English; loaded with the Manage screens only. The kinds' names are in i18n.ts.
import { useLocale } from './i18n';

const zh = {
  title: '安排一轮探访',
  intro: '节日或极端天气时，为一组在册长者在同一天安排探访，由各自的负责社工去。',
  kind: '探访类型',
  date: '日期',
  town: '镇街',
  community: '社区',
  allCommunities: '全部社区',
  tiers: '风险等级（不选为全部）',
  categories: '类别（符合任一项；不选为全部）',
  reaches: (count: number) =>
    count === 0 ? '没有符合条件的在册长者。' : `符合条件的在册长者：${count} 位。`,
  plan: (count: number) => `为 ${count} 位长者安排探访`,
  planning: '正在安排…',
  pastDate: '日期不能早于今天。',
  planned: (count: number, date: string, kind: string, skipped: number) =>
    `已为 ${count} 位长者安排了 ${date} 的${kind}。` +
    (skipped > 0 ? `另有 ${skipped} 位那天已经排过，没有重复安排。` : '') +
    '社工的手机在下次同步后会看到。',
  failed: '没有安排完：这台手机没能保存。已排上的保持已排，再按一次会补上其余的，不会重复。',
};

export type RoundMessages = typeof zh;

const en: RoundMessages = {
  title: 'Plan a round of visits',
  intro:
    'For a festival or extreme weather: visits on one day for a group of elders on the register, each by their own worker.',
  kind: 'Kind of visit',
  date: 'Date',
  town: 'Town',
  community: 'Community',
  allCommunities: 'All communities',
  tiers: 'Risk tiers (none: all)',
  categories: 'Categories (any of them; none: all)',
  reaches: (count) =>
    count === 0 ? 'No elder on the register matches.' : `Elders on the register who match: ${count}.`,
  plan: (count) => `Plan visits for ${count} ${count === 1 ? 'elder' : 'elders'}`,
  planning: 'Planning…',
  pastDate: 'The date cannot be before today.',
  planned: (count, date, kind, skipped) =>
    `${kind} planned on ${date} for ${count} ${count === 1 ? 'elder' : 'elders'}.` +
    (skipped > 0 ? ` ${skipped} already had one that day and were not planned twice.` : '') +
    " Workers' phones see them at their next sync.",
  failed:
    'Not all were planned: this phone could not save. Those planned stay planned; press again to plan the rest, without doubles.',
};

export const roundMessages = { 'zh-CN': zh, en } as const;

export function useRoundT(): RoundMessages {
  return roundMessages[useLocale()];
}
