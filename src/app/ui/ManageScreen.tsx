// The Manage tab's screens, one chunk loaded on first use (coordinators and admins only).
import { isManager } from '../../domain/access';
import { AccountPage } from './AccountPage';
import { AccountsPage } from './AccountsPage';
import type { ManageProps } from './accounts';
import { CadencePage } from './CadencePage';
import { CaseloadPage } from './CaseloadPage';
import { isCadenceHash } from './cadenceRoute';
import { parseCaseloadHash } from './caseloadRoute';
import { ManagePage } from './ManagePage';
import { NewAccount } from './NewAccount';
import { RegisterForm } from './RegisterForm';
import { RegisterImport } from './RegisterImport';
import { RegisterPage } from './RegisterPage';
import { RoundPage } from './RoundPage';
import { IMPORT_SEGMENT, parseRegisterHash } from './registerRoute';
import { isRoundHash } from './roundRoute';
import type { Route } from './router';
import { VolunteerForm } from './VolunteerForm';
import { VolunteersPage } from './VolunteersPage';
import { parseVolunteersHash } from './volunteersRoute';

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
      return <ManageHome {...props} />;
  }
}

/** The hub, or a register screen: the shared router gives #/manage/register/… as the hub's route. */
function ManageHome(props: ManageProps) {
  const caseload = parseCaseloadHash(location.hash);
  if (caseload) return <CaseloadPage key={caseload.workerId} me={props.me} workerId={caseload.workerId} />;
  const volunteers = parseVolunteersHash(location.hash);
  if (volunteers) return <VolunteersScreen {...props} volunteerId={volunteers.volunteerId} />;
  if (isRoundHash(location.hash)) return <RoundPage me={props.me} />;
  if (isCadenceHash(location.hash)) return <CadencePage {...props} />;
  const register = parseRegisterHash(location.hash);
  if (!register) return <ManagePage me={props.me} />;
  if (!register.elderId) return <RegisterPage me={props.me} />;
  if (register.elderId === 'new') return <RegisterForm api={props.api} me={props.me} />;
  if (register.elderId === IMPORT_SEGMENT) return <RegisterImport api={props.api} me={props.me} />;
  return <RegisterForm key={register.elderId} api={props.api} me={props.me} elderId={register.elderId} />;
}

/** The volunteers register's list, a new volunteer, or one volunteer's page. */
function VolunteersScreen({ volunteerId, ...props }: ManageProps & { volunteerId?: string }) {
  if (!volunteerId) return <VolunteersPage me={props.me} />;
  if (volunteerId === 'new') return <VolunteerForm api={props.api} me={props.me} />;
  return <VolunteerForm key={volunteerId} api={props.api} me={props.me} volunteerId={volunteerId} />;
}
