// The accounts and places routes of the REST contract (src/domain/accounts.ts, places.ts), over the
// client's `call`. Apart from client.ts so only the screens that use them load them.
import type {
  CreateUserRequest,
  UpdateUserRequest,
  UserResponse,
  UsersResponse,
} from '../../domain/accounts';
import type { PlacesResponse, SetCadenceRequest, Town, TownResponse } from '../../domain/places';
import type { User } from '../../domain/schemas';
import type { ApiClient } from './client';

export type Caller = Pick<ApiClient, 'call'>;

/** `GET /api/places`: the towns and their communities (any signed-in person). */
export function fetchPlaces(api: Caller): Promise<PlacesResponse> {
  return api.call('/api/places');
}

/** `PUT /api/places/{town}/cadence`: an admin's or the town's coordinator's; the town as it is now. */
export async function setTownCadence(api: Caller, town: string, cadence: SetCadenceRequest): Promise<Town> {
  const path = `/api/places/${encodeURIComponent(town)}/cadence`;
  return (await api.call<TownResponse>(path, 'PUT', cadence)).town;
}

/** `/api/users`: for coordinators (the workers of their towns) and admins (everyone). */
export function accountsApi(api: Caller) {
  const path = (id: string) => `/api/users/${encodeURIComponent(id)}`;
  return {
    /** The accounts sharing a town with the caller; every account for an admin. */
    async list(): Promise<User[]> {
      return (await api.call<UsersResponse>('/api/users')).users;
    },
    async create(account: CreateUserRequest): Promise<User> {
      return (await api.call<UserResponse>('/api/users', 'POST', account)).user;
    },
    async update(id: string, patch: UpdateUserRequest): Promise<User> {
      return (await api.call<UserResponse>(path(id), 'PATCH', patch)).user;
    },
    /** Sets an account's password; the server ends every session of that account. */
    setPassword(id: string, password: string): Promise<unknown> {
      return api.call(`${path(id)}/password`, 'POST', { password });
    },
  };
}
