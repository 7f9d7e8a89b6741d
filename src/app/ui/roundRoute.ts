// The address of planning a round of visits, #/manage/round. Like the register's addresses
// (registerRoute.ts), the shared router sees it as the Manage hub's; the Manage screens read it here.

export const ROUND_HREF = '#/manage/round';

/** Whether `hash` opens the round screen. */
export function isRoundHash(hash: string): boolean {
  const parts = hash.replace(/^#/, '').split('?')[0]?.split('/').filter(Boolean) ?? [];
  return parts[0] === 'manage' && parts[1] === 'round';
}
