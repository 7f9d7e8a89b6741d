// Row types of the server's tables, as Kysely sees them. Column types are kept to what SQLite and
// PostgreSQL both store the same way: text, integer, and 0/1 integers for flags.
import type { CollectionName } from '../../domain/schemas';

/** Every synced record of every collection, with the columns the server filters and orders by. */
export interface DocumentsTable {
  collection: CollectionName;
  id: string;
  /** The document as the device pushed it, JSON text, never rewritten by the server. */
  doc: string;
  /** The sync_version of the transaction that last wrote (or re-scoped) this row. */
  seq: number;
  // Scope columns, copied from the document on every write so pulls can filter in SQL.
  town: string | null;
  /** The elder's own id for elders; the elder the record belongs to for schedules and visits. */
  elder_id: string | null;
  /** Elders only. */
  assigned_worker_id: string | null;
  deleted: number;
  // Audit: who wrote the row, and the server's clock at that time (the body's updatedAt is the device's).
  updated_by: string;
  server_time: string;
}

/** One row (id 1): the change counter. Bumping it first thing in a write transaction serialises writers. */
export interface SyncVersionTable {
  id: number;
  v: number;
}

export interface CredentialsTable {
  user_id: string;
  username: string;
  password_hash: string;
}

export interface SessionsTable {
  /** sha256 of the bearer token, hex: a copy of the database does not hold usable tokens. */
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
}

/** The towns of each user, so pulls of the users collection can be scoped in SQL. */
export interface UserTownsTable {
  user_id: string;
  town: string;
}

/** Append-only: who wrote which record in which transaction. */
export interface ChangeLogTable {
  seq: number;
  collection: CollectionName;
  id: string;
  user_id: string;
  server_time: string;
}

export interface Tables {
  documents: DocumentsTable;
  sync_version: SyncVersionTable;
  credentials: CredentialsTable;
  sessions: SessionsTable;
  user_towns: UserTownsTable;
  change_log: ChangeLogTable;
}
