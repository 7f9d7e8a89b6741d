import { describe, expect, it } from 'vitest';
import {
  type PendingPull,
  type PendingPullStore,
  PullRewind,
  startsNoLater,
} from '../../src/app/sync/pullRewind';
import type { Checkpoint } from '../../src/domain/api';
import type { AnyDocument } from '../../src/domain/schemas';

const at = (seq: number, id = 'a'): Checkpoint => ({ seq, id });

/** A record as far as the rewind looks at it: its id and whatever else tells one state from another. */
const state = (id: string, note: string) => ({ id, note }) as unknown as AnyDocument;

/** The device's store of pending pulls, in memory: what was saved last. */
function memoryStore() {
  const saved: { pending: PendingPull | null } = { pending: null };
  const store: PendingPullStore = {
    load: async () => saved.pending,
    save: async (pending) => {
      saved.pending = pending;
    },
  };
  return { store, saved };
}

function rewind(store?: PendingPullStore) {
  let asked = 0;
  const bookkeeping = new PullRewind(() => {
    asked += 1;
  }, store);
  return { bookkeeping, pullsAsked: () => asked };
}

describe('pulling a page again after a push settles', () => {
  it('orders checkpoints by seq, then id, with the very start first', () => {
    expect(startsNoLater(null, at(0))).toBe(true);
    expect(startsNoLater(at(0), null)).toBe(false);
    expect(startsNoLater(at(3, 'b'), at(4, 'a'))).toBe(true);
    expect(startsNoLater(at(4, 'a'), at(4, 'b'))).toBe(true);
    expect(startsNoLater(at(4, 'b'), at(4, 'a'))).toBe(false);
    expect(startsNoLater(at(4, 'b'), at(4, 'b'))).toBe(true);
  });

  it('pulls from where RxDB asks when no page was suspect', async () => {
    const { bookkeeping, pullsAsked } = rewind();
    const settled = bookkeeping.pushStarted([state('x', 'mine')]);
    await bookkeeping.pulled(at(5), [state('y', 'theirs')]);
    settled();
    expect(pullsAsked()).toBe(0);
    expect(await bookkeeping.startFrom(at(9))).toEqual(at(9));
  });

  it('pulls again, from the start of the page, a page that brought another copy of a record being pushed', async () => {
    const { bookkeeping, pullsAsked } = rewind();
    const settled = bookkeeping.pushStarted([state('x', 'mine')]);
    await bookkeeping.pulled(at(5), [state('y', 'theirs'), state('x', 'newer on the server')]);
    expect(pullsAsked()).toBe(0);
    settled();
    expect(pullsAsked()).toBe(1);
    expect(await bookkeeping.startFrom(at(9))).toEqual(at(5));
    // Once that pull is back, the next page starts where RxDB asks.
    await bookkeeping.pulled(at(5), [state('y', 'theirs'), state('x', 'newer on the server')]);
    expect(await bookkeeping.startFrom(at(9))).toEqual(at(9));
  });

  it('pulls again once more when the page pulled again came while another push was under way', async () => {
    const { store, saved } = memoryStore();
    const { bookkeeping, pullsAsked } = rewind(store);
    const first = bookkeeping.pushStarted([state('x', 'mine')]);
    await bookkeeping.pulled(at(5), [state('x', 'newer on the server')]);
    first();
    expect(await bookkeeping.startFrom(at(9))).toEqual(at(5));
    const second = bookkeeping.pushStarted([state('x', 'mine, later')]);
    const landed = await bookkeeping.pulled(at(5), [state('x', 'newer on the server')]);
    if (landed === undefined) throw new Error('the pull again was not recognised as such');
    await landed();
    expect(saved.pending).toEqual({ from: at(5) });
    second();
    expect(pullsAsked()).toBe(2);
    expect(await bookkeeping.startFrom(at(9))).toEqual(at(5));
  });

  it('starts a pull again from the same place when the pull from a suspect page failed', async () => {
    const { bookkeeping } = rewind();
    const settled = bookkeeping.pushStarted([state('x', 'mine')]);
    await bookkeeping.pulled(at(5), [state('x', 'newer on the server')]);
    settled();
    expect(await bookkeeping.startFrom(at(9))).toEqual(at(5));
    // No answer came: RxDB asks again, from its own checkpoint.
    expect(await bookkeeping.startFrom(at(9))).toEqual(at(5));
  });

  it('lets the pushed state itself come back in a page without pulling it again', async () => {
    const { bookkeeping, pullsAsked } = rewind();
    const settled = bookkeeping.pushStarted([state('x', 'mine')]);
    await bookkeeping.pulled(at(5), [state('x', 'mine')]);
    settled();
    expect(pullsAsked()).toBe(0);
    expect(await bookkeeping.startFrom(at(9))).toEqual(at(9));
  });

  it('waits for every push to settle, and counts a push settled twice once', async () => {
    const { bookkeeping, pullsAsked } = rewind();
    const first = bookkeeping.pushStarted([state('x', 'mine')]);
    const second = bookkeeping.pushStarted([state('x', 'mine, again'), state('z', 'other')]);
    await bookkeeping.pulled(at(5), [state('x', 'newer on the server')]);
    first();
    first();
    expect(pullsAsked()).toBe(0);
    second();
    expect(pullsAsked()).toBe(1);
  });

  it('keeps the earliest start among suspect pages, and an earlier start RxDB asks for', async () => {
    const { bookkeeping } = rewind();
    bookkeeping.pushStarted([state('x', 'mine')]);
    await bookkeeping.pulled(at(7), [state('x', 'newer')]);
    await bookkeeping.pulled(at(5), [state('x', 'newer still')]);
    await bookkeeping.pulled(at(8), [state('x', 'newest')]);
    expect(await bookkeeping.startFrom(at(9))).toEqual(at(5));
    expect(await bookkeeping.startFrom(null)).toBeNull();
  });

  it('does not pull again for a page that came while no push was under way', async () => {
    const { bookkeeping, pullsAsked } = rewind();
    bookkeeping.pushStarted([state('x', 'mine')])();
    await bookkeeping.pulled(at(5), [state('x', 'newer on the server')]);
    bookkeeping.pushStarted([state('z', 'other')])();
    expect(pullsAsked()).toBe(0);
    expect(await bookkeeping.startFrom(at(9))).toEqual(at(9));
  });

  it('keeps a pull waiting to be made again across a start of the app, until it came back', async () => {
    const { store, saved } = memoryStore();
    const before = rewind(store).bookkeeping;
    before.pushStarted([state('x', 'mine')]);
    await before.pulled(at(5), [state('x', 'newer on the server')]);
    expect(saved.pending).toEqual({ from: at(5) });

    // The app is closed before the push settles or the page is pulled again, and opened.
    const after = rewind(store).bookkeeping;
    expect(await after.startFrom(at(9))).toEqual(at(5));
    const landed = await after.pulled(at(5), [state('x', 'newer on the server')]);
    // Kept until RxDB has written the page: the app may close before it does.
    expect(saved.pending).toEqual({ from: at(5) });
    if (landed === undefined) throw new Error('the pull again was not recognised as such');
    await landed();
    expect(saved.pending).toBeNull();
    expect(await after.startFrom(at(9))).toEqual(at(9));
  });

  it('saves nothing while no page is suspect', async () => {
    const { store, saved } = memoryStore();
    let saves = 0;
    const counting: PendingPullStore = {
      load: store.load,
      save: async (p) => {
        saves += 1;
        await store.save(p);
      },
    };
    const { bookkeeping } = rewind(counting);
    bookkeeping.pushStarted([state('x', 'mine')]);
    await bookkeeping.pulled(at(5), [state('x', 'mine'), state('y', 'theirs')]);
    await bookkeeping.pulled(at(6), []);
    expect(saves).toBe(0);
    expect(saved.pending).toBeNull();
  });
});
