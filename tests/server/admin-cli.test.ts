// `npm run admin`: the operator's commands, run as the real entry in a process of their own, on an
// empty SQLite file and an empty PostgreSQL database, as a new deployment would.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { User } from '../../src/domain/schemas';
import { verifyPassword } from '../../src/server/auth/password';
import { openDatabase } from '../../src/server/store/database';
import { Repository } from '../../src/server/store/repository';
import { emptyPostgresDatabase } from '../support/test-servers';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `src/server/admin.ts` with `args` and the settings in `env`, as `npm run admin -- args` does. */
function admin(env: Record<string, string>, ...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/server/admin.ts', ...args],
      { env: { ...process.env, ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

const deployments = [
  {
    name: 'SQLite',
    async settings() {
      const dir = await mkdtemp(join(tmpdir(), 'tanfang-admin-'));
      onTestFinished(() => rm(dir, { recursive: true, force: true }));
      // A data directory that does not exist yet, as on a new machine.
      return { DATA_DIR: join(dir, 'data') };
    },
    target: (env: Record<string, string>) => ({
      kind: 'sqlite' as const,
      file: join(env.DATA_DIR as string, 'tanfang.sqlite'),
    }),
  },
  {
    name: 'PostgreSQL',
    settings: async () => ({ DATABASE_URL: await emptyPostgresDatabase() }),
    target: (env: Record<string, string>) => ({ kind: 'postgres' as const, url: env.DATABASE_URL as string }),
  },
];

describe.each(deployments)(
  'npm run admin on an empty database ($name)',
  { timeout: 60_000 },
  (deployment) => {
    /** Whether `username` can sign in with `password`, as the server checks it. */
    async function signsIn(
      env: Record<string, string>,
      username: string,
      password: string,
    ): Promise<boolean> {
      const database = await openDatabase(deployment.target(env));
      try {
        const repository = new Repository(database);
        const credentials = await repository.findPasswordHash(username);
        if (credentials === undefined) return false;
        const active = await repository.readActiveUser(credentials.userId);
        return active !== undefined && (await verifyPassword(password, credentials.passwordHash));
      } finally {
        await database.close();
      }
    }

    it('makes the first account, prints it as JSON, and it signs in', async () => {
      const env = await deployment.settings();
      const run = await admin(
        env,
        ...['user', 'add', '--username', 'city.admin', '--name', '市管理员', '--role', 'admin'],
        ...['--password', 'first-password'],
      );
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const user = JSON.parse(run.stdout) as User;
      expect(user).toMatchObject({
        username: 'city.admin',
        displayName: '市管理员',
        role: 'admin',
        towns: [],
      });
      expect(user).not.toHaveProperty('password');
      expect(await signsIn(env, 'city.admin', 'first-password')).toBe(true);

      const worker = await admin(
        env,
        ...['user', 'add', '--username', 'li.worker', '--name', '李社工', '--role', 'worker'],
        ...['--towns', '东区街道,小榄镇', '--password', 'worker-password'],
      );
      expect(worker.code).toBe(0);
      expect(JSON.parse(worker.stdout)).toMatchObject({ role: 'worker', towns: ['东区街道', '小榄镇'] });
    });

    it('resets a password and disables an account, after which it no longer signs in', async () => {
      const env = await deployment.settings();
      const add = ['user', 'add', '--username', 'li.worker', '--name', '李社工', '--role', 'worker'];
      await admin(env, ...add, '--towns', '东区街道', '--password', 'first-password');

      const reset = await admin(
        env,
        'user',
        'reset-password',
        '--username',
        'li.worker',
        '--password',
        'second-pass',
      );
      expect(reset.code).toBe(0);
      expect(await signsIn(env, 'li.worker', 'first-password')).toBe(false);
      expect(await signsIn(env, 'li.worker', 'second-pass')).toBe(true);

      const disable = await admin(env, 'user', 'disable', '--username', 'li.worker');
      expect(disable.code).toBe(0);
      expect(JSON.parse(disable.stdout)).toMatchObject({ username: 'li.worker', disabled: true });
      expect(await signsIn(env, 'li.worker', 'second-pass')).toBe(false);
    });

    it('says what is wrong, changes nothing, and exits non-zero on bad input', async () => {
      const env = await deployment.settings();
      const add = ['user', 'add', '--username', 'li.worker', '--name', '李社工', '--role', 'worker'];

      const shortPassword = await admin(env, ...add, '--towns', '东区街道', '--password', 'short');
      expect(shortPassword.code).toBe(1);
      expect(shortPassword.stderr).toMatch(/--password/);
      const unknownTown = await admin(env, ...add, '--towns', '火星镇', '--password', 'long-enough');
      expect(unknownTown.code).toBe(1);
      expect(unknownTown.stderr).toMatch(/火星镇/);
      expect(await signsIn(env, 'li.worker', 'long-enough')).toBe(false);

      await admin(env, ...add, '--towns', '东区街道', '--password', 'long-enough');
      const taken = await admin(env, ...add, '--towns', '东区街道', '--password', 'another-one');
      expect(taken.code).toBe(1);
      expect(taken.stderr).toMatch(/taken/);
      expect(await signsIn(env, 'li.worker', 'long-enough')).toBe(true);

      const unknownUser = await admin(env, 'user', 'disable', '--username', 'nobody');
      expect(unknownUser.code).toBe(1);
      expect(unknownUser.stderr).toMatch(/nobody/);
      const usage = await admin(env, 'user', 'promote', '--username', 'li.worker');
      expect(usage.code).toBe(2);
      expect(usage.stderr).toMatch(/usage:/);
    });
  },
);
