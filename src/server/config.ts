// The server's settings, read from the environment once at start-up and checked, so a typo in a
// deployment fails loudly at boot instead of at the first request.
import { join } from 'node:path';
import * as z from 'zod';

const Environment = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_FILE: z.string().min(1).optional(),
  STATIC_DIR: z.string().min(1).default('dist'),
  // auto: load the demo data when the database is empty; never: start empty.
  LOAD_DEMO: z.enum(['auto', 'never']).default('auto'),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseFile: string;
  staticDir: string;
  loadDemo: 'auto' | 'never';
}

export class ConfigError extends Error {}

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
    databaseFile: settings.DATABASE_FILE ?? join(settings.DATA_DIR, 'tanfang.sqlite'),
    staticDir: settings.STATIC_DIR,
    loadDemo: settings.LOAD_DEMO,
  };
}
