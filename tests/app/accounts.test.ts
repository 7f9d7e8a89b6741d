// The account screens' logic: generated passwords, the form's checks before sending, the server's
// refusals in the person's words, and the list's order, filters and town choices.
import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '../../src/app/api/client';
import type { CachedPlaces } from '../../src/app/places';
import {
  checkRequest,
  explainFailure,
  filterAccounts,
  generatePassword,
  PASSWORD_ALPHABET,
  townChoices,
} from '../../src/app/ui/accounts';
import { manageMessages } from '../../src/app/ui/i18nManage';
import { CreateUserRequest, SetPasswordRequest, UpdateUserRequest } from '../../src/domain/accounts';
import { makeUser } from '../support/fixtures';

const zh = manageMessages['zh-CN'];
const en = manageMessages.en;

describe('a generated password', () => {
  it('is three groups of four characters of the alphabet, joined by "-"', () => {
    for (let i = 0; i < 200; i++) {
      const password = generatePassword();
      expect(password).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
      for (const char of password.replaceAll('-', '')) expect(PASSWORD_ALPHABET).toContain(char);
      expect(CreateUserRequest.shape.password.safeParse(password).success).toBe(true);
    }
  });

  it('has no look-alike characters', () => {
    for (const char of '01ilo') expect(PASSWORD_ALPHABET).not.toContain(char);
  });

  it('drops the bytes that would favour the first characters, and asks for more', () => {
    // 248 and above (the largest multiple of 31 below 256) are dropped; 0 and 30 are the ends.
    const batches = [
      new Uint8Array(12).fill(255),
      Uint8Array.from([0, 30, 31, 248, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
    ];
    const password = generatePassword(() => batches.shift() ?? new Uint8Array(12).fill(1));
    // The 255s all dropped, then 0 → a, 30 → 9 (the last), 31 → a again, 248 dropped.
    expect(PASSWORD_ALPHABET.at(-1)).toBe('9');
    expect(password).toBe('a9aa-aaaa-aaaa');
  });

  it('differs from one to the next', () => {
    const passwords = new Set(Array.from({ length: 100 }, () => generatePassword()));
    expect(passwords.size).toBe(100);
  });
});

describe('the checks before sending', () => {
  const valid = {
    username: 'chen.xm',
    displayName: '陈小明',
    role: 'worker' as const,
    towns: ['东区街道'],
    password: 'long-enough',
  };

  it('find nothing wrong with a valid new account', () => {
    expect(checkRequest(CreateUserRequest, valid, zh)).toEqual({});
  });

  it('name each wrong field in the person’s language', () => {
    const errors = checkRequest(
      CreateUserRequest,
      { ...valid, username: 'a b', displayName: '  ', password: 'short' },
      zh,
    );
    expect(errors).toEqual({
      username: zh.rules.username,
      displayName: zh.rules.displayName,
      password: zh.rules.password,
    });
    expect(checkRequest(CreateUserRequest, { ...valid, username: 'ab' }, en)).toEqual({
      username: en.rules.username,
    });
  });

  it('need a town for a worker or a coordinator, not for an admin', () => {
    expect(checkRequest(CreateUserRequest, { ...valid, towns: [] }, zh)).toEqual({ towns: zh.rules.towns });
    expect(checkRequest(CreateUserRequest, { ...valid, role: 'admin', towns: [] }, zh)).toEqual({});
    expect(checkRequest(UpdateUserRequest, { towns: [], role: 'worker' }, zh)).toEqual({
      towns: zh.rules.towns,
    });
  });

  it('check a new password alone', () => {
    expect(checkRequest(SetPasswordRequest, { password: '1234567' }, en)).toEqual({
      password: en.rules.password,
    });
    expect(checkRequest(SetPasswordRequest, { password: '12345678' }, en)).toEqual({});
  });
});

describe('a refusal from the server', () => {
  const refused = (status: number, error: string, field?: string) =>
    new ApiRequestError(status, { error, message: 'in English', ...(field ? { field } : {}) });

  it('says a taken username at the username', () => {
    expect(explainFailure(refused(409, 'conflict', 'username'), zh)).toEqual({
      message: zh.usernameTaken,
      field: 'username',
      unauthorized: false,
    });
  });

  it('maps the field the server names to the form’s, towns.2 to the towns', () => {
    expect(explainFailure(refused(400, 'invalid_body', 'towns.2'), en)).toMatchObject({
      message: en.rules.towns,
      field: 'towns',
    });
    expect(explainFailure(refused(400, 'invalid_body', 'disabled'), zh).message).toBe(zh.rules.disabled);
  });

  it('says what a 403, a 404, a server failure and no answer mean', () => {
    expect(explainFailure(refused(403, 'forbidden'), zh).message).toBe(zh.forbidden);
    expect(explainFailure(refused(403, 'forbidden', 'role'), zh)).toMatchObject({ field: 'role' });
    expect(explainFailure(refused(404, 'not_found'), zh).message).toBe(zh.notFound);
    expect(explainFailure(refused(500, 'internal'), en).message).toBe(en.serverError(500));
    expect(explainFailure(new ApiRequestError(0, null), zh).message).toBe(zh.unreachable);
    expect(explainFailure(new TypeError('Failed to fetch'), zh).message).toBe(zh.unreachable);
  });

  it('asks to sign in again on a 401', () => {
    expect(explainFailure(refused(401, 'unauthorized'), zh).unauthorized).toBe(true);
  });
});

describe('the list of accounts', () => {
  const users = [
    makeUser({ username: 'worker2', displayName: '何俊峰', role: 'worker', towns: ['东区街道'] }),
    makeUser({ username: 'worker3', displayName: '冯少玲', role: 'worker', towns: ['小榄镇'] }),
    makeUser({
      username: 'coordinator',
      displayName: '郑晓岚',
      role: 'coordinator',
      towns: ['东区街道', '小榄镇'],
    }),
    makeUser({ username: 'worker1', displayName: '梁嘉敏', role: 'worker', towns: ['东区街道'] }),
  ];

  it('is sorted by name, in pinyin order', () => {
    expect(filterAccounts(users, { town: '', text: '' }).map((u) => u.displayName)).toEqual([
      '冯少玲',
      '何俊峰',
      '梁嘉敏',
      '郑晓岚',
    ]);
  });

  it('is filtered by town and by a part of the name or username', () => {
    expect(filterAccounts(users, { town: '小榄镇', text: '' }).map((u) => u.username)).toEqual([
      'worker3',
      'coordinator',
    ]);
    expect(filterAccounts(users, { town: '', text: ' WORKER1 ' }).map((u) => u.username)).toEqual([
      'worker1',
    ]);
    expect(filterAccounts(users, { town: '东区街道', text: '俊' }).map((u) => u.username)).toEqual([
      'worker2',
    ]);
  });
});

describe('the towns a manager may give', () => {
  const places: CachedPlaces = {
    fetchedAt: '2026-01-01T00:00:00.000Z',
    towns: [
      { name: '石岐街道', kind: 'subdistrict', communities: [] },
      { name: '东区街道', kind: 'subdistrict', communities: ['竹苑社区'] },
      { name: '小榄镇', kind: 'town', communities: ['新市社区'] },
    ],
  };

  it('are a coordinator’s own, in the city’s order', () => {
    const coordinator = makeUser({ username: 'c', role: 'coordinator', towns: ['小榄镇', '东区街道'] });
    expect(townChoices(coordinator, places)).toEqual(['东区街道', '小榄镇']);
  });

  it('are every town of the place list for an admin, and the account’s own should the list lack one', () => {
    const admin = makeUser({ username: 'a', role: 'admin', towns: [] });
    expect(townChoices(admin, places)).toEqual(['石岐街道', '东区街道', '小榄镇']);
    expect(townChoices(admin, places, ['新城镇'])).toEqual(['石岐街道', '东区街道', '小榄镇', '新城镇']);
    expect(townChoices(admin, null, ['小榄镇'])).toEqual(['小榄镇']);
  });
});
