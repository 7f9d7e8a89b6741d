// What `npm start` adds to the server (src/server/start.ts): on an empty database the demo data, and
// on every start the demo logins that still work. The deployed entry (src/server/main.ts) has none of
// this. LOAD_DEMO=never starts `npm start` on an empty database as well.
import { toLocalDate } from '../src/domain/cadence';
import type { Dataset } from '../src/domain/dataset';
import { verifyPassword } from '../src/server/auth/password';
import { ConfigError } from '../src/server/config';
import type { StartHooks } from '../src/server/start';
import type { Repository } from '../src/server/store/repository';
import { loadDemoDataset } from './load';

export type LoadDemo = 'auto' | 'never';

/** LOAD_DEMO from `env`: `auto` (the default) loads the demo data into an empty database, `never` does not. */
export function readLoadDemo(env: Record<string, string | undefined>): LoadDemo {
  const value = env.LOAD_DEMO ?? '';
  if (value === '') return 'auto';
  if (value === 'auto' || value === 'never') return value;
  throw new ConfigError(
    `invalid environment: LOAD_DEMO: must be auto or never, got ${JSON.stringify(value)}`,
  );
}

/** The hooks `npm start` passes to the server; `today` is the day the demo's dates are moved to. */
export function demoHooks(loadDemo: LoadDemo, today = () => toLocalDate(new Date())): StartHooks {
  let loadedNow: Dataset | undefined;
  return {
    async beforeListening(repository) {
      if (loadDemo === 'never' || !(await repository.isEmpty())) return;
      const dataset = loadDemoDataset(today());
      // Another process starting on the same empty database may have loaded it meanwhile.
      if (await repository.loadDatasetIfEmpty(dataset)) loadedNow = dataset;
    },
    async afterListening(repository) {
      const working = await workingDemoLogins(repository, loadedNow ?? loadDemoDataset(today()));
      if (working.length === 0) return;
      console.log(loadedNow ? 'Demo data loaded. Sign in as:' : 'Demo logins:');
      for (const user of working) {
        const towns = user.towns.length > 0 ? user.towns.join(', ') : 'every town';
        console.log(`  ${user.username} / ${user.password}  (${user.role}, ${towns})`);
      }
    },
  };
}

/**
 * The demo users whose password still works, printed on every start (not only the first), so whoever
 * runs `npm start` again can sign in. A login whose password was changed is not printed.
 */
export async function workingDemoLogins(repository: Repository, demo: Dataset): Promise<Dataset['users']> {
  const working = [];
  for (const user of demo.users) {
    const stored = await repository.findPasswordHash(user.username);
    if (stored && (await verifyPassword(user.password, stored.passwordHash))) working.push(user);
  }
  return working;
}
