// The register's addresses, under #/manage/register: the list, '/new' (a new elder), '/import' (from
// a spreadsheet) and '/<id>' (an elder's profile there). The shared router (router.ts, in the first
// load) sees them as the Manage hub's address; the Manage screens, loaded on first use, read the
// rest here, so workers' phones never download them.

/** The import screen's segment in place of an elder's id (ids are UUIDs, never this). */
export const IMPORT_SEGMENT = 'import';

/** The register's address for the list, a new elder ('new') or an elder's profile (their id). */
export function registerHref(elderId?: string): string {
  return `#/manage/register${elderId ? `/${elderId}` : ''}`;
}

/** Which register screen `hash` opens: null when not the register, else the elder's id or 'new' (or none). */
export function parseRegisterHash(hash: string): { elderId?: string } | null {
  const parts = hash.replace(/^#/, '').split('?')[0]?.split('/').filter(Boolean) ?? [];
  if (parts[0] !== 'manage' || parts[1] !== 'register') return null;
  return parts[2] ? { elderId: parts[2] } : {};
}
