// What must hold after the final sync. Each failure names the invariant and the offending record.
import { canonicalJson, settledByRule } from '../../src/domain/merge/values';
import type { AnyDocument, CollectionName, Review, User } from '../../src/domain/schemas';
import type { World } from '../support/fixtures';
import type { TestServer } from '../support/server';
import { describeWrite, type Ledger, reflects, reviewsHolding } from './ledger';
import { short } from './network';
import type { DeviceSnapshot, Doc } from './protocol';
import type { Device } from './scenario';

export interface Failure {
  invariant: string;
  message: string;
  /** The record it is about, so the report can list the writes made to it. */
  recordId?: string;
}

const COMPARED = ['elders', 'schedules', 'visits', 'reviews'] as const;

function byId<T extends { id: string }>(docs: readonly T[]): Map<string, T> {
  return new Map(docs.map((d) => [d.id, d]));
}

/** The first top-level field where two states of a record differ, for messages. */
function firstDifference(a: Record<string, unknown>, b: Record<string, unknown>): string {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  for (const key of keys) {
    if (canonicalJson(a[key]) !== canonicalJson(b[key])) {
      return `${key}: device ${JSON.stringify(a[key])} / server ${JSON.stringify(b[key])}`;
    }
  }
  return 'no difference';
}

export async function checkInvariants(input: {
  server: TestServer;
  world: World;
  /** The devices, in the order of `users` and `snapshots`. */
  devices: readonly Device[];
  users: readonly User[];
  snapshots: readonly DeviceSnapshot[];
  ledger: Ledger;
}): Promise<Failure[]> {
  const { server, world, devices, users, snapshots, ledger } = input;
  const failures: Failure[] = [];
  const fail = (invariant: string, message: string, recordId?: string) =>
    failures.push({ invariant, message, ...(recordId !== undefined && { recordId }) });

  // Nothing waits on a device, and the server refused nothing (no write in the model is out of bounds).
  for (const [d, snapshot] of snapshots.entries()) {
    const name = devices[d]?.name;
    for (const entry of snapshot.outbox) {
      const collection = entry.collectionName as keyof Pick<
        DeviceSnapshot,
        'elders' | 'schedules' | 'visits' | 'reviews'
      >;
      const record = snapshot[collection]?.find((doc) => doc.id === entry.docId);
      fail(
        'nothing left waiting',
        `device ${name} still has ${entry.collectionName}/${short(entry.docId)} in its outbox (noted at ${entry.updatedAt}; the record's updatedAt ${record?.updatedAt ?? 'absent'})`,
        entry.docId as string,
      );
    }
    for (const entry of snapshot.setaside) {
      fail(
        'nothing refused',
        `device ${name} set aside ${entry.collectionName}/${short(entry.recordId)}: ${entry.status} ${entry.message} (${entry.field})`,
      );
    }
  }

  // Every replica holds what the server holds for its user, no more, no less, each record once.
  for (const [d, snapshot] of snapshots.entries()) {
    const name = devices[d]?.name;
    const user = users[d] as User;
    for (const collection of COMPARED) {
      const expected = byId(await server.visibleTo(user, collection as CollectionName));
      const docs = snapshot[collection];
      const actual = byId(docs);
      if (actual.size !== docs.length)
        fail('each record once', `device ${name} holds a ${collection} record twice`);
      for (const [id, doc] of actual) {
        const stored = expected.get(id);
        if (!stored)
          fail(
            'replicas equal the server',
            `device ${name} has ${collection}/${short(id)}, the server has not (for ${user.username})`,
          );
        else if (canonicalJson(doc) !== canonicalJson(stored)) {
          fail(
            'replicas equal the server',
            `device ${name}'s ${collection}/${short(id)} differs from the server's: ${firstDifference(doc, stored as unknown as Record<string, unknown>)}`,
          );
        }
      }
      for (const id of expected.keys()) {
        if (!actual.has(id))
          fail('replicas equal the server', `device ${name} lacks ${collection}/${short(id)}`);
      }
    }
  }

  const stored = {
    elders: byId(await server.stored('elders')),
    schedules: byId(await server.stored('schedules')),
    visits: byId(await server.stored('visits')),
    volunteers: byId(await server.stored('volunteers')),
  };
  const reviews = (await server.stored('reviews')) as Review[];

  // Every visit recorded on a device is on the server; no visit appears that nobody recorded.
  const knownVisits = new Set([...world.visits.map((v) => v.id), ...ledger.created.keys()]);
  for (const id of ledger.created.keys()) {
    if (!stored.visits.has(id))
      fail(
        'recorded visits reach the server',
        `the visit ${short(id)} recorded on a device is not on the server`,
      );
  }
  for (const id of stored.visits.keys()) {
    if (!knownVisits.has(id))
      fail('each record once', `the server has a visit ${short(id)} that no device recorded`);
  }

  // Review entries are about records of their elder that exist.
  for (const review of reviews) {
    const record = stored[review.collectionName]?.get(review.recordId) as
      | (AnyDocument & { elderId?: string })
      | undefined;
    if (!record)
      fail(
        'reviews point at records',
        `review ${short(review.id)} is about ${review.collectionName}/${short(review.recordId)}, which is not stored`,
      );
  }

  // Every write is in the final data, on the review list, or was overwritten by someone who had seen it.
  for (const write of ledger.writes) {
    const final = stored[write.collection].get(write.recordId) as Doc | undefined;
    if (write.kind === 'create') continue; // checked above
    const inData =
      write.kind === 'delete'
        ? final?._deleted === true
        : final !== undefined && !final._deleted && reflects(write, final);
    if (inData) continue;
    if (reviewsHolding(write, reviews).length > 0) continue;
    if (ledger.supersededBy(write)) continue;
    // A link no person edits (two visits recorded against one planned visit both set its visitId)
    // is settled by rule, never reviewed; what a person wrote (each visit) is checked above.
    if (write.kind !== 'delete' && settledByRule(write.collection, write.field)) continue;
    const about = reviews
      .filter((r) => r.recordId === write.recordId)
      .map((r) => `${r.field}: kept ${r.kept.value} / other ${r.other.value}`);
    const now = !final
      ? 'the record is not on the server'
      : final._deleted
        ? 'the record is deleted'
        : `${write.field} is ${JSON.stringify(final[write.field])}`;
    fail(
      'no write lost',
      `${describeWrite(write)} is lost: ${now}; review entries of the record: ${about.length ? about.join('; ') : 'none'}`,
      write.recordId,
    );
  }
  return failures;
}
