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
  /**
   * The elder's own id for elders; the elder the record belongs to for schedules, visits and reviews
   * (a review of a volunteer's record: the volunteer's id). Null for users and volunteers.
   */
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

/**
 * A document that left a user's scope (its elder was reassigned or moved town). The user's pull
 * returns it as a tombstone at `seq` while it stays out of their scope, so their device drops it.
 * `doc` is the body as it was when the user lost it: a tombstone never carries later edits the user
 * was no longer allowed to see. One row per user and document; a later loss replaces it.
 */
export interface RevocationsTable {
  user_id: string;
  collection: CollectionName;
  doc_id: string;
  /** The sync_version of the transaction that took the document out of the user's scope. */
  seq: number;
  doc: string;
}

/**
 * Who was assigned each elder, in which town, and when (server time). A row is a period; a change of
 * worker or town closes the open period and opens a new one. Loaded elders start with an unknown
 * (null) from_time: the server does not know since when they were assigned.
 */
export interface AssignmentsTable {
  elder_id: string;
  worker_id: string;
  town: string;
  /** The sync_version of the transaction that opened the period (one per elder and transaction). */
  from_seq: number;
  from_time: string | null;
  /** Null while the period is open (the current assignment). */
  to_seq: number | null;
  to_time: string | null;
}

/** A town of the place list, with its communities as a JSON array of names. */
export interface PlacesTable {
  name: string;
  kind: 'subdistrict' | 'town';
  /** The town's place in the city's order. */
  position: number;
  communities: string;
  /** The town's cadence as JSON, or null for the defaults (migration 0005). */
  cadence: string | null;
}

export interface Tables {
  documents: DocumentsTable;
  sync_version: SyncVersionTable;
  credentials: CredentialsTable;
  sessions: SessionsTable;
  user_towns: UserTownsTable;
  change_log: ChangeLogTable;
  revocations: RevocationsTable;
  assignments: AssignmentsTable;
  places: PlacesTable;
}
