// What the HTTP layer is built from, and what a request carries once its session is checked.
import type { User } from '../../domain/schemas';
import type { Repository } from '../store/repository';
import type { ChangeNotifier } from '../sync/change-notifier';

export interface AppDeps {
  repository: Repository;
  /** Made by createApp when not given; pass one to share it or to watch it in tests. */
  notifier?: ChangeNotifier;
  /** The built app (vite's dist); no static serving when absent. */
  staticDir?: string;
  /** Injectable for tests of session expiry. */
  clock?: () => Date;
  /** How often the change stream sends a comment so proxies keep it open; default 25 s. */
  heartbeatMs?: number;
}

/** AppDeps with the defaults filled in. */
export interface Services {
  repository: Repository;
  notifier: ChangeNotifier;
  clock: () => Date;
  heartbeatMs: number;
}

export interface AppEnv {
  Variables: {
    user: User;
    tokenHash: string;
  };
}
