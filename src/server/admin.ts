// `npm run admin -- …`: the operator's commands (src/server/admin-commands.ts says which).
import { runAdmin, UsageError } from './admin-commands';
import { ConfigError } from './config';
import { RequestRejected } from './sync/rejection';

runAdmin(process.argv.slice(2), process.env).then(
  (code) => process.exit(code),
  (error: unknown) => {
    // What the operator can fix gets its message; anything else its stack.
    if (error instanceof RequestRejected || error instanceof UsageError || error instanceof ConfigError) {
      const field = error instanceof RequestRejected && error.field ? ` (${error.field})` : '';
      console.error(`${error.message}${field}`);
    } else {
      console.error(error);
    }
    process.exit(1);
  },
);
