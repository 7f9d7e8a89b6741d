// A record state's fingerprint: SHA-256 of its JSON with keys sorted, so the same state gives the
// same fingerprint on any device, whatever order its keys were written in. Small and zod-free, so
// the sync code can use it without loading the schemas.
import { sha256 } from '@noble/hashes/sha2.js';

/** JSON with every object's keys sorted: equal values give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((key) => [key, sortKeys(record[key])]),
  );
}

/** Hex SHA-256 of the state's canonical JSON. */
export function fingerprint(state: unknown): string {
  const digest = sha256(new TextEncoder().encode(canonicalJson(state)));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
