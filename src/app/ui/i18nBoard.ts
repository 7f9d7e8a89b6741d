// The strings of the coordinator's board (the Manage tab's first screen), in Simplified Chinese and
// English. Kept apart from i18n.ts so they load with the Manage screens only. The names of tiers,
// urgencies and kinds of visit stay in i18n.ts.
import { useLocale } from './i18n';

const zh = {
  title: '工作概况',
  filters: '筛选',
  town: '镇街',
  community: '社区',
  worker: '负责社工',
  noWorkerOption: '没有负责社工',
  clearFilters: '清除筛选',
  totals: '合计',
  onBoard: '在册长者',
  overdue: '逾期',
  dueSoon: '7 天内到期',
  dueSoonShort: '7天内',
  noWorker: '无负责社工',
  noConsent: '未签同意书',
  followUps: '紧急跟进',
  byWorker: '按社工',
  byTier: '按风险等级',
  caseload: '负责长者',
  workerColumn: '社工',
  tierColumn: '风险等级',
  showWorker: (name: string) => `只看 ${name} 的长者`,
  overdueTitle: '逾期未探访',
  noWorkerTitle: '没有负责社工的长者',
  noConsentTitle: '未签署同意书的长者',
  followUpsTitle: '未完成的紧急跟进',
  followUpsHint: '高或紧急的跟进需求，之后还没有再探访；以及到期未做的跟进探访和重大变故探访。',
  none: '没有。',
  workerOf: (name: string) => `社工：${name}`,
  noWorkerName: '（无）',
  since: (date: string) => `自 ${date}`,
  plannedOn: (date: string) => `计划 ${date}`,
  showMore: (n: number) => `再显示 ${n} 位`,
  hubTitle: '管理项目',
  offlineNote: '数据来自这台手机，离线也能查看；上次同步之后的更改要等同步后才会出现。',
};

export type BoardMessages = typeof zh;

const en: BoardMessages = {
  title: 'Overview',
  filters: 'Filter',
  town: 'Town',
  community: 'Community',
  worker: 'Worker',
  noWorkerOption: 'No worker',
  clearFilters: 'Clear filters',
  totals: 'Totals',
  onBoard: 'Elders on the register',
  overdue: 'Overdue',
  dueSoon: 'Due within 7 days',
  dueSoonShort: 'In 7 days',
  noWorker: 'No worker',
  noConsent: 'No consent',
  followUps: 'Urgent follow-ups',
  byWorker: 'By worker',
  byTier: 'By risk tier',
  caseload: 'Elders',
  workerColumn: 'Worker',
  tierColumn: 'Risk tier',
  showWorker: (name) => `Show only ${name}'s elders`,
  overdueTitle: 'Overdue visits',
  noWorkerTitle: 'Elders with no worker',
  noConsentTitle: 'Elders without signed consent',
  followUpsTitle: 'Open urgent follow-ups',
  followUpsHint:
    'A follow-up of high or urgent need with no visit since, and follow-up or major-event visits due and not done.',
  none: 'None.',
  workerOf: (name) => `Worker: ${name}`,
  noWorkerName: 'none',
  since: (date) => `since ${date}`,
  plannedOn: (date) => `planned ${date}`,
  showMore: (n) => `Show ${n} more`,
  hubTitle: 'Manage',
  offlineNote: 'From the data on this phone, offline too; changes made elsewhere appear after the next sync.',
};

export const boardMessages = { 'zh-CN': zh, en } as const;

export function useBoardT(): BoardMessages {
  return boardMessages[useLocale()];
}
