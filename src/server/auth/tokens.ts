// Bearer tokens: 256 random bits handed to the device once; the server keeps only their sha256, so a
// leaked database or backup does not let anyone sign in.
import { createHash, randomBytes } from 'node:crypto';

export const SESSION_DAYS = 30;

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
