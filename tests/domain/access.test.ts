import { describe, expect, it } from 'vitest';
import { coversTown, isManager, mayEditPlaces, mayManageAccount, sharesTown } from '../../src/domain/access';
import type { Role } from '../../src/domain/schemas';

const A = '东区街道';
const B = '小榄镇';
const person = (role: Role, towns: string[]) => ({ role, towns });
const admin = person('admin', []);
const coordinatorA = person('coordinator', [A]);
const workerA = person('worker', [A]);

describe('who has which town', () => {
  it('gives an admin every town, and others their own towns only', () => {
    expect(coversTown(admin, B)).toBe(true);
    expect(coversTown(coordinatorA, A)).toBe(true);
    expect(coversTown(coordinatorA, B)).toBe(false);
    expect(sharesTown(workerA, [B, A])).toBe(true);
    expect(sharesTown(workerA, [B])).toBe(false);
    expect(sharesTown(admin, [])).toBe(true);
  });
});

describe('who manages which account', () => {
  // Every role against every account shape: a role never grants what is above it.
  const accounts = {
    'worker of A': person('worker', [A]),
    'worker of A and B': person('worker', [A, B]),
    'worker of B': person('worker', [B]),
    'coordinator of A': person('coordinator', [A]),
    admin: person('admin', []),
  };
  const expected: Record<string, Record<keyof typeof accounts, boolean>> = {
    admin: {
      'worker of A': true,
      'worker of A and B': true,
      'worker of B': true,
      'coordinator of A': true,
      admin: true,
    },
    'coordinator of A': {
      'worker of A': true,
      'worker of A and B': false,
      'worker of B': false,
      'coordinator of A': false,
      admin: false,
    },
    'worker of A': {
      'worker of A': false,
      'worker of A and B': false,
      'worker of B': false,
      'coordinator of A': false,
      admin: false,
    },
  };
  const actors = { admin, 'coordinator of A': coordinatorA, 'worker of A': workerA };

  it.each(Object.entries(actors))('lets %s manage exactly the accounts a role allows', (name, actor) => {
    const allowed = Object.fromEntries(
      Object.entries(accounts).map(([label, account]) => [label, mayManageAccount(actor, account)]),
    );
    expect(allowed).toEqual(expected[name]);
  });

  it('lets managers, not workers, run the programme, and only an admin edit the places', () => {
    expect([admin, coordinatorA, workerA].map(isManager)).toEqual([true, true, false]);
    expect([admin, coordinatorA, workerA].map(mayEditPlaces)).toEqual([true, false, false]);
  });
});
