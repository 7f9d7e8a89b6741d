import type { InvalidRecordError } from '../db/store';
import { type Locale, type Messages, messages } from './i18n';

/** What each rule of src/domain/plausible.ts tells the person, and how to put it right. */
const IMPLAUSIBLE = {
  'zh-CN': {
    phone: '电话号码只能有数字、空格、-、+ 或括号（5 到 20 位数字），例如 13800001111、0760-88123456',
    contactPhone: (n: number) => `第 ${n} 位联系人的电话不是电话号码：只能有数字、空格、-、+ 或括号`,
    futureStart: '开始时间不能比现在晚 10 分钟以上：请填写实际到达的时间',
    emptyVisit: '这次探访还没有记录任何内容：请至少填写生活情况、服务、安全风险、需求或备注中的一项',
    pastDate: '不能改到今天以前的日期：请选择今天或以后的日期',
  },
  en: {
    phone:
      'A phone number has only digits, spaces, -, + or brackets (5 to 20 digits), e.g. 13800001111, 0760-88123456',
    contactPhone: (n: number) =>
      `The phone of contact ${n} is not a phone number: use only digits, spaces, -, + or brackets`,
    futureStart: 'The start time cannot be more than 10 minutes from now: enter when you actually arrived',
    emptyVisit:
      'This visit records nothing yet: fill in at least one of living situation, services, safety risks, needs or notes',
    pastDate: 'A visit cannot be moved to a day before today: choose today or a later day',
  },
} as const;

/** Says which field of a form is wrong in the person's words, not the schema's path. */
export function explainInvalid(error: InvalidRecordError, t: Messages): string {
  const [field = '', index] = error.field.split('.');
  if (error.rule !== undefined) {
    // `t` is one of the two message tables: it says which language the person reads.
    const said = IMPLAUSIBLE[(t === messages.en ? 'en' : 'zh-CN') satisfies Locale];
    if (error.rule !== 'phone') return said[error.rule];
    return field === 'contacts' && index !== undefined ? said.contactPhone(Number(index) + 1) : said.phone;
  }
  if (field === 'endedAt') return t.endBeforeStart;
  if (field === 'participants') return t.checkVolunteers;
  if (field === 'contacts' && index !== undefined) return t.checkContact(Number(index) + 1);
  return t.checkField(t.field[field] ?? field);
}
