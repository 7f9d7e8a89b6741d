// The volunteers register's addresses, under #/manage/volunteers: the list, '/new' (a new volunteer)
// and '/<id>' (a volunteer's page). As with the register of elders (registerRoute.ts), the shared
// router in the first load sees them as the Manage hub's address; the Manage chunk reads the rest.

/** The address of the volunteers list, a new volunteer ('new') or a volunteer's page (their id). */
export function volunteersHref(volunteerId?: string): string {
  return `#/manage/volunteers${volunteerId ? `/${volunteerId}` : ''}`;
}

/** Which volunteers screen `hash` opens: null when none, else the volunteer's id or 'new' (or none). */
export function parseVolunteersHash(hash: string): { volunteerId?: string } | null {
  const parts = hash.replace(/^#/, '').split('?')[0]?.split('/').filter(Boolean) ?? [];
  if (parts[0] !== 'manage' || parts[1] !== 'volunteers') return null;
  return parts[2] ? { volunteerId: parts[2] } : {};
}
