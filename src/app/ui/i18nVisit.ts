// The strings of reading a visit back, correcting it, and closing its follow-up, in Simplified Chinese
// and English; loaded with the visit page and the elder's profile only. The names of modes, risks,
// services and urgencies are in i18n.ts.
import { type Locale, useLocale } from './i18n';

const zh = {
  title: '探访记录',
  open: '查看',
  when: '时间',
  duration: (minutes: number) => `${minutes} 分钟`,
  span: (times: string, minutes: number) => `${times}（${minutes} 分钟）`,
  plannedFor: '对应的探访计划',
  none: '无',
  followUpAsked: (urgency: string) => `需要跟进（${urgency}）`,
  followUpNotAsked: '不需要跟进',
  followUpOpen: '尚未跟进',
  followUpClosed: (at: string, by: string) => `已跟进 · ${at} · ${by}`,
  registered: '已登记志愿者',
  unregistered: '未登记（不计入时间银行）',
  totalMinutes: (minutes: number) => `合计 ${minutes} 分钟`,
  wishOpen: '尚未实现',
  wishFulfilledAt: (at: string) => `已实现 · ${at}`,
  lastChanged: (at: string, by: string) => `最后修改：${at} · ${by}`,
  corrected: '记录后已更正',
  correct: '更正记录',
  correctTitle: '更正探访记录',
  onlyAuthor: '只有探访人本人可以更正这条记录。',
  wishCannotBeRemoved: '微心愿不能删除：请改写内容，或在长者页面标记已实现。',
  nothingChanged: '没有改动。',
  unknownPerson: '（未知）',
  closeFollowUp: '已跟进…',
  whatWasDone: '做了什么（必填）',
  confirmClosed: '确认已跟进',
  cancel: '取消',
  noteNeeded: '请写下做了什么，再确认已跟进。',
  closedTitle: '已跟进',
  closedBefore: '（旧记录，没有写明做了什么）',
};

export type VisitMessages = typeof zh;

const en: VisitMessages = {
  title: 'Visit record',
  open: 'Open',
  when: 'When',
  duration: (minutes) => `${minutes} min`,
  span: (times, minutes) => `${times} (${minutes} min)`,
  plannedFor: 'Planned visit',
  none: 'None',
  followUpAsked: (urgency) => `Follow-up needed (${urgency})`,
  followUpNotAsked: 'No follow-up needed',
  followUpOpen: 'Not done yet',
  followUpClosed: (at, by) => `Done · ${at} · ${by}`,
  registered: 'Registered volunteer',
  unregistered: 'Not registered (no time bank credit)',
  totalMinutes: (minutes) => `${minutes} min in all`,
  wishOpen: 'Not fulfilled yet',
  wishFulfilledAt: (at) => `Fulfilled · ${at}`,
  lastChanged: (at, by) => `Last changed: ${at} · ${by}`,
  corrected: 'Corrected after it was recorded',
  correct: 'Correct this visit',
  correctTitle: 'Correct the visit record',
  onlyAuthor: 'Only the person who made the visit can correct it.',
  wishCannotBeRemoved: 'A small wish cannot be removed: reword it, or mark it fulfilled on the elder’s page.',
  nothingChanged: 'Nothing was changed.',
  unknownPerson: '(unknown)',
  closeFollowUp: 'Done…',
  whatWasDone: 'What was done (required)',
  confirmClosed: 'Mark as done',
  cancel: 'Cancel',
  noteNeeded: 'Write what was done, then mark it done.',
  closedTitle: 'Follow-ups done',
  closedBefore: '(older record: what was done was not written)',
};

export const visitMessages = { 'zh-CN': zh, en } as const;

export function useVisitT(): VisitMessages {
  return visitMessages[useLocale()];
}

/** A list of names as each language writes it: 、 between Chinese items, a comma in English. */
export function joinList(items: readonly string[], locale: Locale): string {
  return items.join(locale === 'en' ? ', ' : '、');
}
