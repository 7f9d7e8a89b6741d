// The place list (the towns, their communities and visit cadence, `GET /api/places`), kept on the
// device so forms offer towns and communities, and plans follow each town's cadence, with no signal.
// Any signed-in person may fetch it; the app does so after its first good sync of a run when the
// copy on the device is old, and a screen that shows it fetches it again when online. Not personal
// data: it stays on the phone after sign-out. The copy is read in placesCache.ts.
import { useEffect, useState } from 'preact/hooks';
import type { Town } from '../domain/places';
import { type Caller, fetchPlaces } from './api/accounts';
import { type CachedPlaces, PLACES_KEY, readCachedPlaces } from './placesCache';

export { type CachedPlaces, type CachedTown, readCachedPlaces } from './placesCache';

/** How old the copy on the device may get before a start of the app fetches it again. */
export const PLACES_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** Fetches the list from the server and keeps it on the device; rejects as the request does. */
export async function refreshPlaces(
  api: Caller,
  storage: Storage = localStorage,
  now: () => Date = () => new Date(),
): Promise<CachedPlaces> {
  const { towns } = await fetchPlaces(api);
  const cached: CachedPlaces = { towns, fetchedAt: now().toISOString() };
  try {
    storage.setItem(PLACES_KEY, JSON.stringify(cached));
  } catch {
    // A full storage keeps the old copy; the fresh list is still returned for this screen.
  }
  return cached;
}

/** Puts a town as the server just answered it into the device's copy (after a change of its cadence). */
export function keepTown(town: Town, storage: Storage = localStorage): void {
  const cached = readCachedPlaces(storage);
  if (!cached) return;
  const towns = cached.towns.map((known) => (known.name === town.name ? town : known));
  try {
    storage.setItem(PLACES_KEY, JSON.stringify({ ...cached, towns }));
  } catch {
    // A full storage keeps the old copy: the next fetch of the list brings the change.
  }
}

/** Fetches the list when the device's copy is missing or older than `maxAgeMs`; never rejects. */
export async function refreshPlacesIfOld(
  api: Caller,
  storage: Storage = localStorage,
  now: () => Date = () => new Date(),
  maxAgeMs = PLACES_MAX_AGE_MS,
): Promise<CachedPlaces | null> {
  const cached = readCachedPlaces(storage);
  if (cached && now().getTime() - Date.parse(cached.fetchedAt) < maxAgeMs) return cached;
  return refreshPlaces(api, storage, now).catch(() => cached);
}

/** The names of the towns, in the city's order. */
export function townNames(places: CachedPlaces | null): string[] {
  return places?.towns.map((town) => town.name) ?? [];
}

/** The communities of `town`, or none when the list does not have it. */
export function communitiesOf(places: CachedPlaces | null, town: string): string[] {
  return places?.towns.find((candidate) => candidate.name === town)?.communities ?? [];
}

// Screens opened one after another share a fetch made in the last few minutes.
const SHARED_FETCH_MS = 5 * 60 * 1000;
let shared: { at: number; fetch: Promise<CachedPlaces> } | null = null;

function sharedRefresh(api: Caller): Promise<CachedPlaces> {
  if (shared && Date.now() - shared.at < SHARED_FETCH_MS) return shared.fetch;
  const fetch = refreshPlaces(api);
  shared = { at: Date.now(), fetch };
  fetch.catch(() => {
    if (shared?.fetch === fetch) shared = null;
  });
  return fetch;
}

/**
 * The place list for a screen: the device's copy at once (null when there is none yet), then the
 * server's when online or when the signal returns. Offline, or when the server cannot be reached,
 * the device's copy stays.
 */
export function usePlaces(api: Caller): CachedPlaces | null {
  const [places, setPlaces] = useState(() => readCachedPlaces());
  useEffect(() => {
    let active = true;
    const refresh = () => {
      if (!navigator.onLine) return;
      sharedRefresh(api).then(
        (fresh) => active && setPlaces(fresh),
        () => undefined,
      );
    };
    refresh();
    addEventListener('online', refresh);
    return () => {
      active = false;
      removeEventListener('online', refresh);
    };
  }, [api]);
  return places;
}
