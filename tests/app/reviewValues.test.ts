import { describe, expect, it } from 'vitest';
import { messages } from '../../src/app/ui/i18n';
import { fieldLabel, reviewMessages } from '../../src/app/ui/i18nReview';
import { reviewValue, shortened, type ValueContext } from '../../src/app/ui/reviewValues';
import { canonicalJson } from '../../src/domain/fingerprint';
import { ordinaryFields } from '../../src/domain/merge/values';
import { MERGED_COLLECTIONS } from '../../src/domain/schemas';

const WORKER = '0190c7e2-7c6b-7000-8000-000000000001';
const VOLUNTEER = '0190c7e2-7c6b-7000-8000-0000000000f9';

function context(locale: 'zh-CN' | 'en'): ValueContext {
  return {
    t: messages[locale],
    r: reviewMessages[locale],
    locale,
    names: {
      user: (id) => (id === WORKER ? '李社工' : '—'),
      volunteer: (id) => (id === VOLUNTEER ? '陈志愿' : '—'),
    },
  };
}

const zh = context('zh-CN');
const en = context('en');
const show = (collection: (typeof MERGED_COLLECTIONS)[number], field: string, value: unknown, c = zh) =>
  reviewValue(collection, field, canonicalJson(value), c);

describe('review list: field labels', () => {
  it('names every field of every collection in both languages, never by its key', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const r = reviewMessages[locale];
      for (const collection of MERGED_COLLECTIONS) {
        for (const field of [...ordinaryFields(collection), '_deleted']) {
          const label = fieldLabel(locale, collection, field);
          expect([collection, field, label === r.empty || label === field]).toEqual([
            collection,
            field,
            false,
          ]);
        }
      }
    }
  });
});

describe('review list: values as a person reads them', () => {
  it('writes a planned date as a date with its year', () => {
    expect(show('schedules', 'plannedDate', '2026-12-07')).toBe('2026年12月7日');
    expect(show('schedules', 'plannedDate', '2026-12-07', en)).toBe('December 7, 2026');
  });

  it('names the worker and the paired volunteers instead of their ids', () => {
    expect(show('elders', 'assignedWorkerId', WORKER)).toBe('李社工');
    expect(show('elders', 'volunteerIds', [VOLUNTEER])).toBe('陈志愿');
  });

  it("lists categories with the language's own list mark", () => {
    expect(show('elders', 'categories', ['living_alone', 'advanced_age'])).toBe('独居、高龄');
    expect(show('elders', 'categories', ['living_alone', 'advanced_age'], en)).toBe(
      'Lives alone, Advanced age',
    );
  });

  it('names a tier, a status and a reason instead of their codes', () => {
    expect(show('elders', 'riskTier', 'high')).toBe('高风险');
    expect(show('schedules', 'status', 'missed')).toBe('未能探访');
    expect(show('schedules', 'missedReason', 'in_hospital')).toBe('住院');
  });

  it('writes contacts, volunteers with their minutes and a follow-up in words', () => {
    expect(
      show('elders', 'contacts', [{ name: '张明', relation: '儿子', phone: '13800001111', emergency: true }]),
    ).toBe('张明（儿子，13800001111，紧急联系人）');
    expect(show('visits', 'participants', [{ name: '陈', minutes: 30, volunteerId: VOLUNTEER }])).toBe(
      '陈志愿 30 分钟',
    );
    expect(show('visits', 'followUp', { needed: true, urgency: 'urgent', note: '联系家属' })).toBe(
      '需要跟进（紧急）：联系家属',
    );
    expect(show('visits', 'followUp', { needed: false, urgency: 'normal', note: '' })).toBe('不需要跟进');
  });

  it('says a value is empty rather than showing nothing', () => {
    expect(show('elders', 'phone', '')).toBe('（空）');
    expect(show('schedules', 'missedReason', null, en)).toBe('(empty)');
  });

  it('says whether the record was deleted or kept', () => {
    expect(show('elders', '_deleted', true)).toBe('删除了');
    expect(show('elders', '_deleted', false, en)).toBe('kept');
  });
});

describe('review list: button labels', () => {
  it('cuts a long value short with an ellipsis, by characters', () => {
    expect(shortened('血压偏高，已提醒按时服药', 6)).toBe('血压偏高，…');
    expect(shortened('血压平稳', 6)).toBe('血压平稳');
  });
});
