import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, fingerprint } from '../../src/domain/fingerprint';

describe('fingerprint: the same record state gives the same fingerprint on any device', () => {
  it('ignores the order in which keys were written, at every depth', () => {
    const one = { b: [1, { d: '探访', c: null }], a: true };
    const other = { a: true, b: [1, { c: null, d: '探访' }] };
    expect(canonicalJson(one)).toBe('{"a":true,"b":[1,{"c":null,"d":"探访"}]}');
    expect(fingerprint(other)).toBe(fingerprint(one));
  });

  it("is the hex SHA-256 of the canonical JSON's UTF-8 bytes, as node's crypto computes it", () => {
    for (const state of [{}, { name: '探访'.repeat(300) }, { list: ['a'.repeat(55), 'a'.repeat(56)] }]) {
      const expected = createHash('sha256').update(canonicalJson(state), 'utf8').digest('hex');
      expect(fingerprint(state)).toBe(expected);
    }
  });

  it('differs when a value differs, including in element order of a list', () => {
    expect(fingerprint({ a: [1, 2] })).not.toBe(fingerprint({ a: [2, 1] }));
    expect(fingerprint({ a: '1' })).not.toBe(fingerprint({ a: 1 }));
  });
});
