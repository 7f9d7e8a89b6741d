// The place list on the device: fetched from the server, kept, and read back with no signal.
import { describe, expect, it } from 'vitest';
import type { Caller } from '../../src/app/api/accounts';
import { ApiRequestError } from '../../src/app/api/client';
import {
  communitiesOf,
  PLACES_MAX_AGE_MS,
  readCachedPlaces,
  refreshPlaces,
  refreshPlacesIfOld,
  townNames,
} from '../../src/app/places';
import { cadenceOf, DEFAULT_CADENCE } from '../../src/domain/cadence';
import type { PlacesResponse } from '../../src/domain/places';

/** localStorage as the browser has it, in memory. */
class MemoryStorage implements Storage {
  readonly #items = new Map<string, string>();
  get length() {
    return this.#items.size;
  }
  clear() {
    this.#items.clear();
  }
  getItem(key: string) {
    return this.#items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.#items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.#items.delete(key);
  }
  setItem(key: string, value: string) {
    this.#items.set(key, value);
  }
}

const PLACES: PlacesResponse = {
  towns: [
    {
      name: '东区街道',
      kind: 'subdistrict',
      communities: ['竹苑社区', '松苑社区'],
      cadence: DEFAULT_CADENCE,
    },
    {
      name: '小榄镇',
      kind: 'town',
      communities: ['新市社区'],
      cadence: { ...DEFAULT_CADENCE, high: { every: 2, unit: 'week' } },
    },
  ],
};

/** A server that answers `/api/places`, counting the requests. */
function server(answer: () => Promise<PlacesResponse> = async () => PLACES) {
  const paths: string[] = [];
  const api: Caller = {
    call: async <T>(path: string) => {
      paths.push(path);
      return (await answer()) as T;
    },
  };
  return { api, paths };
}

const offline: Caller = { call: () => Promise.reject(new ApiRequestError(0, null)) };
const at = (iso: string) => () => new Date(iso);

describe('the place list on the device', () => {
  it('is fetched from the server, kept, and read back offline', async () => {
    const storage = new MemoryStorage();
    const { api, paths } = server();

    const fetched = await refreshPlaces(api, storage, at('2026-03-01T08:00:00Z'));

    expect(paths).toEqual(['/api/places']);
    expect(fetched).toEqual({ towns: PLACES.towns, fetchedAt: '2026-03-01T08:00:00.000Z' });
    expect(readCachedPlaces(storage)).toEqual(fetched);
    // No signal: the copy on the device is what forms offer.
    await expect(refreshPlaces(offline, storage)).rejects.toBeInstanceOf(ApiRequestError);
    expect(readCachedPlaces(storage)).toEqual(fetched);
    expect(townNames(readCachedPlaces(storage))).toEqual(['东区街道', '小榄镇']);
    expect(communitiesOf(readCachedPlaces(storage), '东区街道')).toEqual(['竹苑社区', '松苑社区']);
    expect(communitiesOf(readCachedPlaces(storage), '石岐街道')).toEqual([]);
    // Plans made offline follow the town's cadence as last fetched.
    expect(cadenceOf(readCachedPlaces(storage), '小榄镇').high).toEqual({ every: 2, unit: 'week' });
  });

  it('gives the default cadence from a copy kept before towns carried one', () => {
    const storage = new MemoryStorage();
    const old = { name: '小榄镇', kind: 'town', communities: ['新市社区'] };
    storage.setItem('tanfang.places', JSON.stringify({ towns: [old], fetchedAt: '2026-03-01T08:00:00Z' }));
    expect(communitiesOf(readCachedPlaces(storage), '小榄镇')).toEqual(['新市社区']);
    expect(cadenceOf(readCachedPlaces(storage), '小榄镇')).toEqual(DEFAULT_CADENCE);
  });

  it('is none before the first fetch, or when what is kept cannot be read', () => {
    const storage = new MemoryStorage();
    expect(readCachedPlaces(storage)).toBeNull();
    expect(townNames(null)).toEqual([]);
    storage.setItem('tanfang.places', '{not json');
    expect(readCachedPlaces(storage)).toBeNull();
    storage.setItem('tanfang.places', JSON.stringify({ towns: 'none' }));
    expect(readCachedPlaces(storage)).toBeNull();
  });

  it('is fetched again at start only when a day old, and kept when the fetch fails', async () => {
    const storage = new MemoryStorage();
    const { api, paths } = server();
    await refreshPlaces(api, storage, at('2026-03-01T08:00:00Z'));

    const hourLater = await refreshPlacesIfOld(api, storage, at('2026-03-01T09:00:00Z'));
    expect(paths).toHaveLength(1);
    expect(hourLater?.fetchedAt).toBe('2026-03-01T08:00:00.000Z');

    const dayLater = new Date(Date.parse('2026-03-01T08:00:00Z') + PLACES_MAX_AGE_MS).toISOString();
    expect((await refreshPlacesIfOld(api, storage, at(dayLater)))?.fetchedAt).toBe(dayLater);
    expect(paths).toHaveLength(2);

    const later = await refreshPlacesIfOld(offline, storage, at('2026-03-05T08:00:00Z'));
    expect(later?.fetchedAt).toBe(dayLater);
    expect(await refreshPlacesIfOld(offline, new MemoryStorage())).toBeNull();
  });

  it('is still given to the screen when the phone’s storage is full', async () => {
    const storage = new MemoryStorage();
    storage.setItem = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
    const { api } = server();
    expect((await refreshPlaces(api, storage)).towns).toEqual(PLACES.towns);
    expect(readCachedPlaces(storage)).toBeNull();
  });
});
