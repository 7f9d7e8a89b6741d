import { describe, expect, it } from 'vitest';
import { EMPTY_QUERY, loadElderQuery, saveElderQuery } from '../../src/app/ui/elderQuery';
import { flashNext, takeFlash } from '../../src/app/ui/flash';
import { listOf } from '../../src/app/ui/format';
import { longLineBox } from '../../src/app/ui/longLineBox';
import { byName } from '../../src/domain/names';

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> {
  const items = new Map<string, string>();
  return { getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value) };
}

describe('the elder list keeps its search and filters across a reload', () => {
  it('reads back what was saved', () => {
    const storage = memoryStorage();
    const query = {
      text: '竹苑',
      tiers: ['high' as const],
      categories: ['living_alone' as const],
      sort: 'longest_unvisited' as const,
    };
    saveElderQuery(storage, query);
    expect(loadElderQuery(storage)).toEqual(query);
  });

  it('starts with no filter when nothing was saved or what was saved cannot be read', () => {
    expect(loadElderQuery(memoryStorage())).toEqual(EMPTY_QUERY);
    const broken = memoryStorage();
    broken.setItem('tanfang.elderQuery', '{not json');
    expect(loadElderQuery(broken)).toEqual(EMPTY_QUERY);
  });

  it('drops tiers and categories this version does not know', () => {
    const storage = memoryStorage();
    storage.setItem(
      'tanfang.elderQuery',
      JSON.stringify({ text: 1, tiers: ['high', 'x'], categories: ['y'], sort: 'z' }),
    );
    expect(loadElderQuery(storage)).toEqual({ text: '', tiers: ['high'], categories: [], sort: 'name' });
  });
});

describe('lists in the chosen language', () => {
  it('uses the Chinese list mark in Chinese and a comma in English', () => {
    expect(listOf(['独居', '高龄'], 'zh-CN')).toBe('独居、高龄');
    expect(listOf(['Lives alone', 'Advanced age'], 'en')).toBe('Lives alone, Advanced age');
  });
});

describe("Today's elders and the elder list share one order", () => {
  it('orders names by pinyin, not by code point', () => {
    // 阿 (a) sorts before 张 (zhang) in pinyin although its code point is higher.
    const names = byName([{ name: '张伟' }, { name: '阿珍' }, { name: '李明' }]).map((e) => e.name);
    expect(names).toEqual(['阿珍', '李明', '张伟']);
  });
});

describe('a message for the next screen', () => {
  it('is shown once', () => {
    flashNext('探访记录已保存。');
    expect(takeFlash()).toBe('探访记录已保存。');
    expect(takeFlash()).toBeNull();
  });
});

describe('a long one-line field shown in a growing text area', () => {
  it('keeps an address one line: a line break typed or pasted becomes a space', () => {
    let kept = '';
    const box = longLineBox('', (value) => {
      kept = value;
    });
    const area = { value: '中山市东区竹苑北街64号\r\n  12栋402房' } as HTMLTextAreaElement;
    box.onInput({ currentTarget: area });
    expect(kept).toBe('中山市东区竹苑北街64号 12栋402房');
  });
});
