// The strings of missed visits (计划's form, the elder's history, Today and the board's list of
// elders to archive), in Simplified Chinese and English. Kept apart from i18n.ts, which holds the
// names of the reasons themselves.
import { useLocale } from './i18n';

const zh = {
  missedNoteLabel: '请写明原因',
  missedNoteRequired: '选择“其他”时，请写明未能探访的原因',
  toArchiveHint: '已去世或已搬离：将提请协调员从名册中归档',
  missedOwed: (reason: string) => `未能探访（${reason}），仍需探访`,
  missedHistory: '未能探访的记录',
  missedOn: (date: string) => `${date} 计划的探访未能完成`,
  cancel: '取消',
  toArchiveTitle: '待归档（社工报告已去世或已搬离）',
  toArchiveHintBoard: '社工标记为已去世或已搬离、此后未再探访的长者：请核实后在名册中归档。',
  reportedOn: (date: string, reason: string) => `${date} 报告：${reason}`,
  openProfile: '打开名册档案',
};
export type MissedMessages = typeof zh;

const en: MissedMessages = {
  missedNoteLabel: 'Say why',
  missedNoteRequired: 'With "Other", write why the visit could not be made',
  toArchiveHint: 'Deceased or moved away: the coordinator will be asked to archive the elder',
  missedOwed: (reason) => `Missed (${reason}), still to visit`,
  missedHistory: 'Missed visits',
  missedOn: (date) => `Visit planned ${date} not made`,
  cancel: 'Cancel',
  toArchiveTitle: 'To archive (reported deceased or moved away)',
  toArchiveHintBoard:
    'Elders a worker marked deceased or moved away, with no visit since: check, then archive them in the register.',
  reportedOn: (date, reason) => `${date} reported: ${reason}`,
  openProfile: 'Open the register profile',
};

const missedMessages = { 'zh-CN': zh, en } as const;

export function useMissedT(): MissedMessages {
  return missedMessages[useLocale()];
}
