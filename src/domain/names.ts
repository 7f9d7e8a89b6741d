// The one order of elders by name, for every list that shows them (the elder list, Today's
// "my elders"): by the Chinese collation (pinyin), not by code point or by when they were stored.

const collator = new Intl.Collator('zh-CN');

export function compareNames(a: string, b: string): number {
  return collator.compare(a, b);
}

/** A copy of `items` in name order. */
export function byName<T extends { name: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => compareNames(a.name, b.name));
}
