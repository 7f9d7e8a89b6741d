// The address of moving a worker's caseload, #/manage/caseload/<worker id>. Like the register's
// addresses (registerRoute.ts), the shared router sees it as the Manage hub's; the Manage screens read it here.

/** The address of moving `workerId`'s caseload. */
export function caseloadHref(workerId: string): string {
  return `#/manage/caseload/${workerId}`;
}

/** The worker whose caseload `hash` opens, or null when it is not that screen. */
export function parseCaseloadHash(hash: string): { workerId: string } | null {
  const parts = hash.replace(/^#/, '').split('?')[0]?.split('/').filter(Boolean) ?? [];
  if (parts[0] !== 'manage' || parts[1] !== 'caseload' || !parts[2]) return null;
  return { workerId: parts[2] };
}
