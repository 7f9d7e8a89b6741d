// The strings of the register of elders (coordinators and admins), in Simplified Chinese and English,
// and of the major-event button any user may press. Kept apart from i18n.ts so they load with those
// screens only; the names of tiers, categories and capability levels stay in i18n.ts.
import type { ArchiveReason } from '../../domain/schemas';
import { useLocale } from './i18n';

/** The fields of the register form, as the schema names them (an error's first segment). */
export type RegisterField =
  | 'name'
  | 'gender'
  | 'birthDate'
  | 'town'
  | 'community'
  | 'address'
  | 'phone'
  | 'categories'
  | 'riskTier'
  | 'capability'
  | 'consentGiven'
  | 'consentDate'
  | 'livingSituation'
  | 'health'
  | 'notes'
  | 'contacts'
  | 'assignedWorkerId'
  | 'registeredOn';

const zh = {
  title: '长者登记',
  registerElder: '登记长者',
  search: '查找',
  searchPlaceholder: '姓名、地址或社区',
  town: '镇街',
  community: '社区',
  tier: '风险等级',
  worker: '负责社工',
  status: '状态',
  all: '全部',
  onRegister: '在册',
  archived: '已归档',
  noWorker: '没有负责社工',
  noConsent: '未签署同意书',
  shown: (shown: number, total: number) => `显示 ${shown} / ${total} 位长者`,
  noMatch: '没有符合条件的长者',
  showMore: (n: number) => `再显示 ${n} 位`,
  workerIs: (name: string) => `负责社工：${name}`,
  noWorkerName: '（无负责社工）',
  archivedBadge: '已归档',
  noConsentBadge: '未签同意书',
  newTitle: '登记长者',
  editTitle: (name: string) => `档案 · ${name}`,
  back: '返回',
  toList: '回到长者登记',
  toProfile: '查看探访档案',
  labels: {
    name: '姓名',
    gender: '性别',
    birthDate: '出生日期',
    town: '镇街',
    community: '社区',
    address: '地址',
    phone: '电话',
    categories: '类别（可多选）',
    riskTier: '风险等级',
    capability: '能力评估',
    consentGiven: '已签署信息采集同意书',
    consentDate: '签署日期',
    livingSituation: '生活情况',
    health: '健康状况',
    notes: '备注',
    contacts: '联系人',
    assignedWorkerId: '负责社工',
    registeredOn: '登记日期',
  } satisfies Record<RegisterField, string>,
  female: '女',
  male: '男',
  chooseTown: '请选择镇街',
  chooseCommunity: '请选择社区',
  chooseWorker: '请选择社工',
  noWorkersInTown: '这个镇街还没有可用的社工账号。',
  disabledWorker: '（已停用）',
  invalid: (label: string) => `请检查：${label}`,
  required: (label: string) => `请填写：${label}`,
  choose: (label: string) => `请选择：${label}`,
  contactInvalid: (n: number) => `请检查第 ${n} 位联系人：姓名必填`,
  checkFields: '请按提示修改标红的项目。',
  duplicate: '已有一位同名、同出生日期、同社区的长者在登记册上。',
  registerAnyway: '仍然登记',
  create: '登记',
  save: '保存修改',
  saving: '正在保存…',
  saved: '已保存。',
  nothingChanged: '没有要保存的修改。',
  created: (name: string) => `已登记：${name}`,
  planned: (n: number) => (n > 0 ? `已安排 ${n} 次探访。` : '没有安排探访。'),
  registerAnother: '再登记一位',
  offlineNote: '登记和修改先保存在这台手机上，有网络时自动同步。',
  registerTitle: '登记状态',
  onRegisterSince: (date: string) => `在册，登记日期 ${date}`,
  archivedOn: (date: string, reason: string) => `已于 ${date} 归档：${reason}`,
  reasons: {
    deceased: '已去世',
    moved: '已搬离',
    left_programme: '退出项目',
    other: '其他',
  } satisfies Record<ArchiveReason, string>,
  archiveReason: '归档原因',
  chooseReason: '请选择原因',
  archiveDate: '归档日期',
  archive: '归档',
  confirmArchive: (name: string) =>
    `归档后，${name} 的探访记录都会保留，已计划的探访会取消，不再安排新的探访。确定归档吗？`,
  confirmArchiveButton: '确定归档',
  cancel: '取消',
  archivedDone: (name: string) => `已归档 ${name}，已计划的探访已取消。`,
  restore: '恢复登记',
  restoredDone: (name: string) => `${name} 已恢复在册，已重新安排探访。`,
  majorEvent: '重大变故',
  majorEventHint: '长者家中发生重大变故时，安排今天探访。',
  majorEventDone: '已安排今天探访。',
  majorEventAlready: '今天已经安排了探访。',
};

export type RegisterMessages = typeof zh;

const en: RegisterMessages = {
  title: 'Register of elders',
  registerElder: 'Register an elder',
  search: 'Find',
  searchPlaceholder: 'Name, address or community',
  town: 'Town',
  community: 'Community',
  tier: 'Risk tier',
  worker: 'Worker',
  status: 'Status',
  all: 'All',
  onRegister: 'On the register',
  archived: 'Archived',
  noWorker: 'No worker',
  noConsent: 'No consent',
  shown: (shown, total) => `${shown} of ${total} elders`,
  noMatch: 'No elder matches',
  showMore: (n) => `Show ${n} more`,
  workerIs: (name) => `Worker: ${name}`,
  noWorkerName: '(no worker)',
  archivedBadge: 'Archived',
  noConsentBadge: 'No consent',
  newTitle: 'Register an elder',
  editTitle: (name) => `Profile · ${name}`,
  back: 'Back',
  toList: 'Back to the register',
  toProfile: 'Open visit profile',
  labels: {
    name: 'Name',
    gender: 'Gender',
    birthDate: 'Birth date',
    town: 'Town',
    community: 'Community',
    address: 'Address',
    phone: 'Phone',
    categories: 'Categories (any number)',
    riskTier: 'Risk tier',
    capability: 'Capability',
    consentGiven: 'Consent to records signed',
    consentDate: 'Consent date',
    livingSituation: 'Living situation',
    health: 'Health',
    notes: 'Notes',
    contacts: 'Contacts',
    assignedWorkerId: 'Worker',
    registeredOn: 'Registered on',
  },
  female: 'Female',
  male: 'Male',
  chooseTown: 'Choose a town',
  chooseCommunity: 'Choose a community',
  chooseWorker: 'Choose a worker',
  noWorkersInTown: 'This town has no worker account in use yet.',
  disabledWorker: '(disabled)',
  invalid: (label) => `Please check: ${label}`,
  required: (label) => `Please fill in: ${label}`,
  choose: (label) => `Please choose: ${label}`,
  contactInvalid: (n) => `Please check contact ${n}: a name is needed`,
  checkFields: 'Please correct the fields marked in red.',
  duplicate: 'An elder with this name, birth date and community is already on the register.',
  registerAnyway: 'Register anyway',
  create: 'Register',
  save: 'Save changes',
  saving: 'Saving…',
  saved: 'Saved.',
  nothingChanged: 'Nothing has changed.',
  created: (name) => `Registered: ${name}`,
  planned: (n) => (n === 0 ? 'No visit was planned.' : n === 1 ? '1 visit planned.' : `${n} visits planned.`),
  registerAnother: 'Register another',
  offlineNote: 'Registrations and changes are kept on this phone first and sync when there is a connection.',
  registerTitle: 'On the register',
  onRegisterSince: (date) => `On the register since ${date}`,
  archivedOn: (date, reason) => `Archived on ${date}: ${reason}`,
  reasons: {
    deceased: 'Deceased',
    moved: 'Moved away',
    left_programme: 'Left the programme',
    other: 'Other',
  },
  archiveReason: 'Reason',
  chooseReason: 'Choose a reason',
  archiveDate: 'Archived on',
  archive: 'Archive',
  confirmArchive: (name) =>
    `Once archived, ${name}'s visit history is kept, their planned visits are called off and no new ones are planned. Archive?`,
  confirmArchiveButton: 'Archive',
  cancel: 'Cancel',
  archivedDone: (name) => `${name} is archived; their planned visits are called off.`,
  restore: 'Restore to the register',
  restoredDone: (name) => `${name} is on the register again, with visits planned.`,
  majorEvent: 'Major event',
  majorEventHint: 'When something serious happens in the family: plans a visit today.',
  majorEventDone: 'A visit is planned for today.',
  majorEventAlready: 'A visit is already planned for today.',
};

export const registerMessages = { 'zh-CN': zh, en } as const;

export function useRegisterT(): RegisterMessages {
  return registerMessages[useLocale()];
}
