// The Manage tab's screens, one chunk loaded on first use (coordinators and admins only).
import { isManager } from '../../domain/access';
import { AccountPage } from './AccountPage';
import { AccountsPage } from './AccountsPage';
import type { ManageProps } from './accounts';
import { ManagePage } from './ManagePage';
import { NewAccount } from './NewAccount';
import type { Route } from './router';

export function ManageScreen({ route, ...props }: { route: Route } & ManageProps) {
  // A worker who types a Manage address sees the hub's note, not a refused request.
  if (!isManager(props.me)) return <ManagePage me={props.me} />;
  switch (route.name) {
    case 'accounts':
      return <AccountsPage {...props} />;
    case 'newAccount':
      return <NewAccount {...props} />;
    case 'account':
      return <AccountPage {...props} userId={route.userId} />;
    default:
      return <ManagePage me={props.me} />;
  }
}
