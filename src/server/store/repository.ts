// The server's one door to its data. HTTP handlers call these methods and nothing below them, so a
// PostgreSQL-backed store can slot in behind the same surface.
import type { Kysely } from 'kysely';
import type { CreateUserRequest, UpdateUserRequest } from '../../domain/accounts';
import type { Checkpoint, PullResponse, PushRow } from '../../domain/api';
import type { CadenceRules } from '../../domain/cadence';
import type { Dataset } from '../../domain/dataset';
import type { CollectionName, User } from '../../domain/schemas';
import * as accounts from './accounts';
import type { Database } from './database';
import { isDatabaseEmpty, loadDataset } from './dataset';
import * as places from './places';
import { pullPage } from './pull';
import { applyPush, type PushResult } from './push';
import { applyPushes, type PushPartOutcome, type PushPartRows, type RefusedPushPart } from './push-batch';
import type { Tables } from './tables';
import type { AccountActor } from './users';
import * as users from './users';

export type { PushPartOutcome, PushPartRows, PushResult, RefusedPushPart };

export class Repository {
  readonly db: Kysely<Tables>;
  /** Resolves once every commit made so far is on disk: what is answered must wait for it (Database.whenDurable). */
  readonly whenDurable: () => Promise<void>;

  constructor(database: Pick<Database, 'db' | 'whenDurable'>) {
    this.db = database.db;
    this.whenDurable = database.whenDurable;
  }

  isEmpty(): Promise<boolean> {
    return isDatabaseEmpty(this.db);
  }

  /** Inserts a whole dataset in one transaction; meant for an empty database. */
  async loadDataset(dataset: Dataset, serverTime = new Date().toISOString()): Promise<void> {
    await loadDataset(this.db, dataset, serverTime);
  }

  /** As loadDataset, unless the database is no longer empty once the write lock is held; says whether it loaded. */
  loadDatasetIfEmpty(dataset: Dataset, serverTime = new Date().toISOString()): Promise<boolean> {
    return loadDataset(this.db, dataset, serverTime, { onlyIfEmpty: true });
  }

  pull(
    actor: User,
    collection: CollectionName,
    after: Checkpoint | null,
    limit: number,
  ): Promise<PullResponse> {
    return pullPage(this.db, actor, collection, after, limit);
  }

  push(
    actor: User,
    collection: CollectionName,
    rows: readonly PushRow[],
    serverTime: string,
  ): Promise<PushResult> {
    return applyPush(this.db, actor, collection, rows, serverTime);
  }

  /** Several collections' pushes in one transaction; one outcome per part, in order (a refused part stays refused). */
  pushBatch(
    actor: User,
    parts: readonly (PushPartRows | RefusedPushPart)[],
    serverTime: string,
  ): Promise<PushPartOutcome[]> {
    return applyPushes(this.db, actor, parts, serverTime);
  }

  findPasswordHash(username: string) {
    return accounts.findPasswordHash(this.db, username);
  }

  readActiveUser(userId: string) {
    return accounts.readActiveUser(this.db, userId);
  }

  createSession(session: { tokenHash: string; userId: string; createdAt: string; expiresAt: string }) {
    return accounts.createSession(this.db, session);
  }

  findSessionUser(tokenHash: string, now: string) {
    return accounts.findSessionUser(this.db, tokenHash, now);
  }

  deleteSession(tokenHash: string) {
    return accounts.deleteSession(this.db, tokenHash);
  }

  listPlaces() {
    return places.listPlaces(this.db);
  }

  addCommunity(town: string, name: string) {
    return places.addCommunity(this.db, town, name);
  }

  renameCommunity(actor: User, town: string, from: string, to: string, serverTime: string) {
    return places.renameCommunity(this.db, actor, town, from, to, serverTime);
  }

  setCadence(town: string, cadence: CadenceRules) {
    return places.setCadence(this.db, town, cadence);
  }

  listUsers(actor: AccountActor) {
    return users.listUsers(this.db, actor);
  }

  createUser(actor: AccountActor, request: CreateUserRequest, serverTime: string) {
    return users.createUser(this.db, actor, request, serverTime);
  }

  updateUser(actor: AccountActor, id: string, patch: UpdateUserRequest, serverTime: string) {
    return users.updateUser(this.db, actor, id, patch, serverTime);
  }

  setPassword(actor: AccountActor, id: string, password: string) {
    return users.setPassword(this.db, actor, id, password);
  }

  findUserByUsername(username: string) {
    return users.findUserByUsername(this.db, username);
  }
}
