// The strings of the review list, in Simplified Chinese and English: what clashed in a social
// worker's words (each field's label, never its key), the choices by what they do, and the names of
// values that i18n.ts does not already hold. Loaded with the review screen only.
import type { MergedCollection } from '../../domain/schemas';
import type { Locale } from './i18n';
import { registerMessages } from './i18nRegister';
import { volunteerMessages } from './i18nVolunteers';

type Labels = Readonly<Record<MergedCollection, Readonly<Record<string, string>>>>;

const zh = {
  bothChanged: (label: string) => `两台手机都改了「${label}」，现在用的是其中一个。`,
  deletedAndEdited: '一台手机删除了这条记录，另一台同时修改了它：记录已保留。',
  notesCombined: (label: string) => `两台手机都改了「${label}」：两段文字都已保留在下面。`,
  nowIs: '现在是',
  otherWas: '另一边是',
  onlyThisPart: '另一边写的这一段',
  empty: '（空）',
  /** Who made a side: "我", a name, or the time when one person made both. */
  me: '我',
  whose: (name: string) => name,
  at: (time: string) => `${time} 改`,
  keep: (who: string, value: string) => `保留${who}的：${value}`,
  use: (who: string, value: string) => `改用${who}的：${value}`,
  keepBoth: '两段都保留（现在的样子）',
  onlyThis: (who: string) => `只留${who}写的那一段，删去另一段`,
  keepRecord: '保留这条记录',
  deleteAs: (who: string) => `按${who}的意思删除这条记录`,
  reviewedKept: (who: string) => `${who}已核对：保留现在的值`,
  reviewedOther: (who: string) => `${who}已核对：改用了另一边的值`,
  listMark: '、',
  female: '女',
  male: '男',
  yes: '是',
  no: '否',
  active: '在服务',
  inactive: '已停止服务',
  emergency: '紧急联系人',
  followUpNeeded: (urgency: string) => `需要跟进（${urgency}）`,
  noFollowUp: '不需要跟进',
  fulfilledOn: (date: string) => `${date} 已实现`,
  minutes: (n: number) => `${n} 分钟`,
  yearOf: (year: number) => `${year} 年`,
  scheduleStatus: { planned: '待探访', done: '已探访', missed: '未能探访', cancelled: '已取消' } as Record<
    string,
    string
  >,
  archiveReason: { deceased: '已去世', moved: '已搬离', left_programme: '退出项目', other: '其他' } as Record<
    string,
    string
  >,
  recordDeleted: '删除了',
  recordKept: '保留着',
  labels: {
    // The rest are the register form's labels (i18nRegister.ts).
    elders: {
      categories: '类别',
      consentGiven: '信息采集同意书',
      archivedOn: '归档日期',
      archiveReason: '归档原因',
      volunteerIds: '结对志愿者',
    },
    schedules: {
      elderId: '长者',
      town: '镇街',
      workerId: '负责社工',
      plannedDate: '计划日期',
      kind: '探访类型',
      status: '探访状态',
      visitId: '对应的探访记录',
      missedReason: '未能探访的原因',
      missedNote: '未能探访的说明',
      note: '备注',
    },
    visits: {
      elderId: '长者',
      town: '镇街',
      workerId: '探访社工',
      scheduleId: '对应的探访计划',
      mode: '探访方式',
      startedAt: '开始时间',
      endedAt: '结束时间',
      livingSituation: '生活情况',
      safetyRisks: '安全风险',
      physicalState: '身体状况',
      mentalState: '精神与情绪',
      services: '提供的服务',
      needs: '发现的需求',
      followUp: '跟进',
      participants: '参与的志愿者',
      notes: '备注',
      wish: '微心愿',
      followUpDoneAt: '跟进完成时间',
      followUpDoneBy: '跟进人',
      followUpDoneNote: '跟进情况',
    },
    // The rest are the volunteer form's labels (i18nVolunteers.ts).
    volunteers: { active: '服务状态' },
  } as Labels,
  deletion: '删除',
};

export type ReviewMessages = typeof zh;

const en: ReviewMessages = {
  bothChanged: (label) => `Two phones changed “${label}”; one of the two is in use now.`,
  deletedAndEdited: 'One phone deleted this record while another changed it: the record was kept.',
  notesCombined: (label) => `Two phones changed “${label}”: both texts are kept below.`,
  nowIs: 'Now',
  otherWas: 'The other side',
  onlyThisPart: 'The part the other side wrote',
  empty: '(empty)',
  me: 'mine',
  whose: (name) => `${name}’s`,
  at: (time) => `the ${time} edit`,
  keep: (who, value) => `Keep ${who}: ${value}`,
  use: (who, value) => `Use ${who}: ${value}`,
  keepBoth: 'Keep both texts (as it is now)',
  onlyThis: (who) => `Keep only ${who}, drop the other text`,
  keepRecord: 'Keep this record',
  deleteAs: (who) => `Delete this record, as in ${who}`,
  reviewedKept: (who) => `Reviewed by ${who}: kept the value in use`,
  reviewedOther: (who) => `Reviewed by ${who}: used the other side’s value`,
  listMark: ', ',
  female: 'Female',
  male: 'Male',
  yes: 'Yes',
  no: 'No',
  active: 'Serving',
  inactive: 'Stopped serving',
  emergency: 'emergency contact',
  followUpNeeded: (urgency) => `Follow-up needed (${urgency})`,
  noFollowUp: 'No follow-up needed',
  fulfilledOn: (date) => `fulfilled ${date}`,
  minutes: (n) => `${n} min`,
  yearOf: (year) => String(year),
  scheduleStatus: { planned: 'Planned', done: 'Visited', missed: 'Missed', cancelled: 'Called off' },
  archiveReason: {
    deceased: 'Deceased',
    moved: 'Moved away',
    left_programme: 'Left the programme',
    other: 'Other',
  },
  recordDeleted: 'deleted',
  recordKept: 'kept',
  labels: {
    elders: {
      categories: 'Categories',
      consentGiven: 'Consent form',
      archivedOn: 'Archived on',
      archiveReason: 'Reason archived',
      volunteerIds: 'Paired volunteers',
    },
    schedules: {
      elderId: 'Elder',
      town: 'Town',
      workerId: 'Social worker',
      plannedDate: 'Planned date',
      kind: 'Kind of visit',
      status: 'Visit status',
      visitId: 'The visit recorded for it',
      missedReason: 'Why the visit was missed',
      missedNote: 'What happened',
      note: 'Note',
    },
    visits: {
      elderId: 'Elder',
      town: 'Town',
      workerId: 'Visiting worker',
      scheduleId: 'The planned visit',
      mode: 'Mode',
      startedAt: 'Started',
      endedAt: 'Finished',
      livingSituation: 'Living situation',
      safetyRisks: 'Safety risks',
      physicalState: 'Physical state',
      mentalState: 'Mental state',
      services: 'Services given',
      needs: 'Needs found',
      followUp: 'Follow-up',
      participants: 'Volunteers taking part',
      notes: 'Notes',
      wish: 'Small wish',
      followUpDoneAt: 'Follow-up done at',
      followUpDoneBy: 'Follow-up done by',
      followUpDoneNote: 'What the follow-up did',
    },
    volunteers: { active: 'Status' },
  },
  deletion: 'Deletion',
};

export const reviewMessages: Readonly<Record<Locale, ReviewMessages>> = { 'zh-CN': zh, en };

/** The label of a field as a person reads it (the form's label where there is one), never its key. */
export function fieldLabel(locale: Locale, collection: MergedCollection, field: string): string {
  const r = reviewMessages[locale];
  if (field === '_deleted') return r.deletion;
  const forms: Readonly<Record<string, string>> =
    collection === 'elders'
      ? registerMessages[locale].labels
      : collection === 'volunteers'
        ? volunteerMessages[locale].labels
        : {};
  return r.labels[collection][field] ?? forms[field] ?? r.empty;
}
