// The address of the visit cadence screen, #/manage/cadence. Like the register's addresses
// (registerRoute.ts), the shared router sees it as the Manage hub's; the Manage screens read it here.

export const CADENCE_HREF = '#/manage/cadence';

/** Whether `hash` opens the visit cadence screen. */
export function isCadenceHash(hash: string): boolean {
  const parts = hash.replace(/^#/, '').split('?')[0]?.split('/').filter(Boolean) ?? [];
  return parts[0] === 'manage' && parts[1] === 'cadence';
}
