// The strings of the visit form's volunteer picker, in Simplified Chinese and English. Kept apart from
// i18n.ts so they load with the visit form (a chunk of its own), not with the app's first load.
import { useLocale } from './i18n';

const zh = {
  pickLabel: '从志愿者登记中选择',
  pickPlaceholder: '姓名、电话或队伍',
  pairedTag: '结对',
  registeredName: '登记的志愿者',
  typedName: '姓名（未登记）',
  noMatch: '登记中没有符合的在服务志愿者。',
  noneInTown: '这个镇街的志愿者登记里还没有在服务的志愿者。',
  more: (n: number) => `还有 ${n} 位，输入姓名、电话或队伍查找。`,
  addUnregistered: '添加未登记的帮忙者',
  unregisteredNote: '不在登记中的临时帮忙者：填写姓名，记为未登记，时间银行无法计入。',
};

export type ParticipantMessages = typeof zh;

const en: ParticipantMessages = {
  pickLabel: 'Choose from the volunteers register',
  pickPlaceholder: 'Name, phone or team',
  pairedTag: 'Paired',
  registeredName: 'Registered volunteer',
  typedName: 'Unregistered helper',
  noMatch: 'No serving volunteer on the register matches.',
  noneInTown: 'The volunteers register of this town has no serving volunteer yet.',
  more: (n) => `${n} more: type a name, phone or team to find them.`,
  addUnregistered: 'Add an unregistered helper',
  unregisteredNote:
    'A one-off helper not on the register: type the name; it is saved as unregistered, and the time bank cannot credit it.',
};

const messages = { 'zh-CN': zh, en } as const;

export function useParticipantT(): ParticipantMessages {
  return messages[useLocale()];
}
