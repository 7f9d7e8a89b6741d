// The place list: towns in the city's order with their communities. Renaming a community renames it
// in the elders' records too, as an edit by the admin who renamed it, so the register and its
// figures never hold a name the list no longer has.
import type { Kysely, Selectable } from 'kysely';
import { type CadenceRules, DEFAULT_CADENCE } from '../../domain/cadence';
import { applyEdit } from '../../domain/merge';
import type { Town } from '../../domain/places';
import type { Elder, User } from '../../domain/schemas';
import { conflict, notFound } from '../sync/rejection';
import { type DocumentWrite, parseStored, writeDocuments } from './documents';
import type { PlacesTable, Tables } from './tables';
import { writeTransaction } from './write-transaction';

/** A stored town as the API gives it: its cadence filled in with the defaults when it set none. */
function townOf(row: Selectable<PlacesTable>): Town {
  return {
    name: row.name,
    kind: row.kind,
    communities: JSON.parse(row.communities) as string[],
    cadence: row.cadence === null ? DEFAULT_CADENCE : (JSON.parse(row.cadence) as CadenceRules),
  };
}

export async function listPlaces(db: Kysely<Tables>): Promise<Town[]> {
  const rows = await db.selectFrom('places').selectAll().orderBy('position').execute();
  return rows.map(townOf);
}

async function readTown(db: Kysely<Tables>, name: string): Promise<Town> {
  const row = await db.selectFrom('places').selectAll().where('name', '=', name).executeTakeFirst();
  if (row === undefined) throw notFound(`no town named ${name}`);
  return townOf(row);
}

/**
 * Sets a town's cadence (already checked: CadenceRulesSchema); 404 for an unknown town. Planned
 * visits are not rewritten: the devices plan with it from the next change of an elder's tier or worker.
 */
export async function setCadence(db: Kysely<Tables>, townName: string, cadence: CadenceRules): Promise<Town> {
  const { numUpdatedRows } = await db
    .updateTable('places')
    .set({ cadence: JSON.stringify(cadence) })
    .where('name', '=', townName)
    .executeTakeFirst();
  if (Number(numUpdatedRows) === 0) throw notFound(`no town named ${townName}`);
  return readTown(db, townName);
}

async function saveCommunities(db: Kysely<Tables>, town: string, communities: string[]): Promise<void> {
  await db
    .updateTable('places')
    .set({ communities: JSON.stringify(communities) })
    .where('name', '=', town)
    .execute();
}

/** Adds `name` to the town's communities; 409 when the town has it already. */
export async function addCommunity(db: Kysely<Tables>, townName: string, name: string): Promise<Town> {
  return writeTransaction(db, async (trx) => {
    const town = await readTown(trx, townName);
    if (town.communities.includes(name)) throw conflict(`${townName} already has ${name}`, 'name');
    const communities = [...town.communities, name];
    await saveCommunities(trx, townName, communities);
    return { ...town, communities };
  });
}

/** What a rename changed: the town as it is now, and how many elders' records were renamed. */
export interface Renamed {
  town: Town;
  elders: number;
}

/**
 * Renames a community of a town, and every elder of that town in it, in one transaction. The elders'
 * edit is attributed to `actor` with the server's time, as any edit, so devices merge it per field.
 */
export async function renameCommunity(
  db: Kysely<Tables>,
  actor: User,
  townName: string,
  from: string,
  to: string,
  serverTime: string,
): Promise<Renamed> {
  return writeTransaction(db, async (trx, seq) => {
    const town = await readTown(trx, townName);
    if (!town.communities.includes(from)) throw notFound(`${townName} has no community ${from}`);
    if (from !== to && town.communities.includes(to)) throw conflict(`${townName} already has ${to}`, 'name');
    const communities = town.communities.map((community) => (community === from ? to : community));
    await saveCommunities(trx, townName, communities);
    const rows = await trx
      .selectFrom('documents')
      .select('doc')
      .where('collection', '=', 'elders')
      .where('town', '=', townName)
      .execute();
    const writes: DocumentWrite[] = rows
      .map((row) => parseStored('elders', row.doc))
      .filter((elder) => elder.community === from && from !== to)
      .map((elder) => ({
        collection: 'elders',
        doc: applyEdit<Elder>(elder, { community: to }, { now: serverTime, actorId: actor.id }),
        userId: actor.id,
      }));
    await writeDocuments(trx, writes, seq, serverTime);
    return { town: { ...town, communities }, elders: writes.length };
  });
}
