// The server operator's commands (`npm run admin -- …`, entry src/server/admin.ts), with the same settings as the server (so on
// SQLite or PostgreSQL alike). The first account of an empty database is made here:
//
//   npm run admin -- user add --username NAME --name 显示名 --role admin|coordinator|worker
//                             [--towns 东区街道,小榄镇] --password PASSWORD
//   npm run admin -- user reset-password --username NAME --password PASSWORD
//   npm run admin -- user disable --username NAME
//
// Changes are made as the operator (users.ts OPERATOR), checked as any admin's are.
import { parseArgs } from 'node:util';
import * as z from 'zod';
import { CreateUserRequest, Password } from '../domain/accounts';
import { loadConfig } from './config';
import { openDatabase, placedTarget } from './store/database';
import { migrateToLatest } from './store/migrations';
import { Repository } from './store/repository';
import { OPERATOR } from './store/users';
import { notFound } from './sync/rejection';

const USAGE = `usage:
  npm run admin -- user add --username NAME --name DISPLAY_NAME --role admin|coordinator|worker
                            [--towns TOWN,TOWN] --password PASSWORD
  npm run admin -- user reset-password --username NAME --password PASSWORD
  npm run admin -- user disable --username NAME
Settings (DATABASE_URL, DATA_DIR, DATABASE_FILE) as for npm start.`;

export class UsageError extends Error {}

interface Command {
  action: 'add' | 'reset-password' | 'disable';
  values: { username?: string; name?: string; role?: string; towns?: string; password?: string };
}

export function parseCommand(argv: readonly string[]): Command {
  const { positionals, values } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      username: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      towns: { type: 'string' },
      password: { type: 'string' },
    },
  });
  const [noun, action, ...rest] = positionals;
  if (noun !== 'user' || rest.length > 0) throw new UsageError('unknown command');
  if (action !== 'add' && action !== 'reset-password' && action !== 'disable') {
    throw new UsageError(`unknown action ${action ?? '(none)'}`);
  }
  if (values.username === undefined) throw new UsageError('--username is required');
  return { action, values };
}

/** The field of the first zod issue and its message, as the API names it. */
function explain(error: z.core.$ZodError): string {
  const issue = error.issues[0];
  return issue === undefined ? 'invalid input' : `--${issue.path.join('.') || 'input'}: ${issue.message}`;
}

export async function run(
  repository: Repository,
  { action, values }: Command,
  now: string,
): Promise<unknown> {
  const username = values.username as string;
  if (action === 'add') {
    const parsed = z.safeParse(CreateUserRequest, {
      username,
      displayName: values.name,
      role: values.role,
      towns: (values.towns ?? '')
        .split(',')
        .map((town) => town.trim())
        .filter(Boolean),
      password: values.password,
    });
    if (!parsed.success) throw new UsageError(explain(parsed.error).replace('--displayName', '--name'));
    return repository.createUser(OPERATOR, parsed.data, now);
  }
  const user = await repository.findUserByUsername(username);
  if (user === undefined) throw notFound(`no user named ${username}`);
  if (action === 'reset-password') {
    const password = z.safeParse(Password, values.password);
    if (!password.success) throw new UsageError(`--password: ${password.error.issues[0]?.message}`);
    await repository.setPassword(OPERATOR, user.id, password.data);
    return { username, passwordReset: true, sessionsEnded: true };
  }
  return repository.updateUser(OPERATOR, user.id, { disabled: true }, now);
}

/** Runs one command; resolves with the process's exit code (2 for a usage error). */
export async function runAdmin(
  argv: readonly string[],
  env: Record<string, string | undefined>,
): Promise<number> {
  z.config(z.locales.en());
  let command: Command;
  try {
    command = parseCommand(argv);
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : error}\n${USAGE}`);
    return 2;
  }
  const database = await openDatabase(placedTarget(loadConfig(env).database));
  try {
    await migrateToLatest(database.db);
    const result = await run(new Repository(database), command, new Date().toISOString());
    await database.whenDurable();
    console.log(JSON.stringify(result, null, 2));
    return 0;
  } finally {
    await database.close();
  }
}
