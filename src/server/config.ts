// The server's settings, read from the environment once at start-up and checked, so a typo in a
// deployment fails loudly at boot instead of at the first request.
import { join } from 'node:path';
import * as z from 'zod';
import type { DatabaseTarget } from './store/database';

const Environment = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_FILE: z.string().min(1).optional(),
  // PostgreSQL instead of the SQLite file: postgres://user:password@host:port/database
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// URL')
    .optional(),
  STATIC_DIR: z.string().min(1).default('dist'),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** SQLite (the default, a file under DATA_DIR) or PostgreSQL when DATABASE_URL is set. */
  database: DatabaseTarget;
  staticDir: string;
}

export class ConfigError extends Error {}

function databaseOf(settings: z.infer<typeof Environment>): DatabaseTarget {
  if (settings.DATABASE_URL !== undefined) {
    if (settings.DATABASE_FILE !== undefined) {
      throw new ConfigError(
        'invalid environment: set DATABASE_URL (PostgreSQL) or DATABASE_FILE (SQLite), not both',
      );
    }
    return { kind: 'postgres', url: settings.DATABASE_URL };
  }
  return { kind: 'sqlite', file: settings.DATABASE_FILE ?? join(settings.DATA_DIR, 'tanfang.sqlite') };
}

/** Reads the settings from `env` (process.env in production); throws ConfigError naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  // Empty strings count as unset, as a shell's `PORT= npm start` means.
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = Environment.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid environment: ${problems.join('; ')}`);
  }
  const settings = parsed.data;
  return {
    port: settings.PORT,
    host: settings.HOST,
    dataDir: settings.DATA_DIR,
    database: databaseOf(settings),
    staticDir: settings.STATIC_DIR,
  };
}
