// The strings of moving a worker's caseload (coordinators and admins), in Simplified Chinese and
// English; loaded with the Manage screens only.
import type { StayReason } from '../../domain/caseload';
import { useLocale } from './i18n';

const zh = {
  title: (name: string) => `移交个案：${name}`,
  unknownWorker: '找不到这位社工：这台手机上没有这个账号。',
  caseload: (count: number) =>
    count === 0 ? '这位社工现在没有负责的在册长者。' : `负责 ${count} 位在册长者。`,
  listElders: '查看这些长者',
  to: '转给',
  choose: '请选择社工',
  noWorkers: '这些镇街没有其他在用的社工。请先在“人员账号”里添加。',
  willMove: (count: number, name: string) => `将把 ${count} 位长者和他们未完成的计划探访转给 ${name}。`,
  willStay: (count: number) => `${count} 位长者不能转给这位社工，会留在原处：`,
  reason: {
    notAWorker: '对方不是在用的社工',
    workerTown: '对方不负责这位长者的镇街',
    notYourTown: '你不负责这位长者的镇街',
  } satisfies Record<StayReason, string>,
  move: (count: number) => `移交 ${count} 位长者`,
  moving: '正在移交…',
  moved: (count: number, name: string) =>
    `已把 ${count} 位长者转给 ${name}。两位社工的手机在下次同步后随之更新；离线时也已保存在这台手机上。`,
  failed: '移交没有完成：这台手机没能保存更改。已转的长者保持已转，请再试一次完成其余的。',
  offlineNote: '离线也可以移交：更改保存在这台手机上，联网同步后生效。',
  openCaseload: (count: number) => `负责的长者：${count} 位 · 移交给其他社工`,
  moveFiltered: (name: string) => `把 ${name} 负责的全部长者转给其他社工`,
  back: '返回长者登记',
};

export type CaseloadMessages = typeof zh;

const en: CaseloadMessages = {
  title: (name) => `Move caseload: ${name}`,
  unknownWorker: 'This worker is not known on this phone.',
  caseload: (count) =>
    count === 0
      ? 'This worker has no elders on the register.'
      : `Cares for ${count} ${count === 1 ? 'elder' : 'elders'} on the register.`,
  listElders: 'Show these elders',
  to: 'Give to',
  choose: 'Choose a worker',
  noWorkers: 'There is no other worker in use in these towns. Add one under Accounts first.',
  willMove: (count, name) =>
    `${count} ${count === 1 ? 'elder' : 'elders'} and their visits still planned will go to ${name}.`,
  willStay: (count) => `${count} ${count === 1 ? 'elder' : 'elders'} cannot go to this worker and will stay:`,
  reason: {
    notAWorker: 'not a worker in use',
    workerTown: 'not in a town of that worker',
    notYourTown: 'not in a town you manage',
  },
  move: (count) => `Move ${count} ${count === 1 ? 'elder' : 'elders'}`,
  moving: 'Moving…',
  moved: (count, name) =>
    `${count} ${count === 1 ? 'elder' : 'elders'} now with ${name}. Both workers' phones follow at their next sync; offline, the change is kept on this phone.`,
  failed:
    'The move did not finish: this phone could not save the change. Elders already moved stay moved; try again to move the rest.',
  offlineNote:
    'You can move a caseload offline: the change is kept on this phone and takes effect at the next sync.',
  openCaseload: (count) => `Elders cared for: ${count} · move to another worker`,
  moveFiltered: (name) => `Give all of ${name}'s elders to another worker`,
  back: 'Back to the register',
};

export const caseloadMessages = { 'zh-CN': zh, en } as const;

export function useCaseloadT(): CaseloadMessages {
  return caseloadMessages[useLocale()];
}
