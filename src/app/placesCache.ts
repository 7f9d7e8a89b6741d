// The device's copy of the place list (src/app/places.ts fetches it), read apart from the fetching
// so Today, on the first load, reads each town's cadence without loading the rest.
import type { Place, Town } from '../domain/places';

/** A town as kept on the device: a copy kept before towns carried a cadence has none (the defaults). */
export type CachedTown = Place & Partial<Pick<Town, 'cadence'>>;

export interface CachedPlaces {
  towns: CachedTown[];
  /** When the server gave this list (ISO instant). */
  fetchedAt: string;
}

export const PLACES_KEY = 'tanfang.places';

/** The list last fetched on this device, or null when there is none (or it cannot be read). */
export function readCachedPlaces(storage: Storage = localStorage): CachedPlaces | null {
  try {
    const saved = JSON.parse(storage.getItem(PLACES_KEY) ?? 'null') as Partial<CachedPlaces> | null;
    if (!saved || typeof saved.fetchedAt !== 'string' || !Array.isArray(saved.towns)) return null;
    const towns = saved.towns.filter(
      (town) => typeof town?.name === 'string' && Array.isArray(town.communities),
    );
    return { towns, fetchedAt: saved.fetchedAt };
  } catch {
    return null;
  }
}
