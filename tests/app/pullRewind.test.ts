import { describe, expect, it } from 'vitest';
import { PullRewind, startsNoLater } from '../../src/app/sync/pullRewind';
import type { Checkpoint } from '../../src/domain/api';
import type { AnyDocument } from '../../src/domain/schemas';

const at = (seq: number, id = 'a'): Checkpoint => ({ seq, id });

/** A record as far as the rewind looks at it: its id and whatever else tells one state from another. */
const state = (id: string, note: string) => ({ id, note }) as unknown as AnyDocument;

function rewind() {
  let asked = 0;
  const bookkeeping = new PullRewind(() => {
    asked += 1;
  });
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

  it('pulls from where RxDB asks when no page was suspect', () => {
    const { bookkeeping, pullsAsked } = rewind();
    const settled = bookkeeping.pushStarted([state('x', 'mine')]);
    bookkeeping.pulled(at(5), [state('y', 'theirs')]);
    settled();
    expect(pullsAsked()).toBe(0);
    expect(bookkeeping.startFrom(at(9))).toEqual(at(9));
  });

  it('pulls again, from the start of the page, a page that brought another copy of a record being pushed', () => {
    const { bookkeeping, pullsAsked } = rewind();
    const settled = bookkeeping.pushStarted([state('x', 'mine')]);
    bookkeeping.pulled(at(5), [state('y', 'theirs'), state('x', 'newer on the server')]);
    expect(pullsAsked()).toBe(0);
    settled();
    expect(pullsAsked()).toBe(1);
    expect(bookkeeping.startFrom(at(9))).toEqual(at(5));
    // Once that pull is back, the next starts where RxDB asks.
    bookkeeping.pulled(at(5), [state('y', 'theirs'), state('x', 'newer on the server')]);
    expect(bookkeeping.startFrom(at(9))).toEqual(at(9));
  });

  it('starts a pull again from the same place when the pull from a suspect page failed', () => {
    const { bookkeeping } = rewind();
    const settled = bookkeeping.pushStarted([state('x', 'mine')]);
    bookkeeping.pulled(at(5), [state('x', 'newer on the server')]);
    settled();
    expect(bookkeeping.startFrom(at(9))).toEqual(at(5));
    // No answer came: RxDB asks again, from its own checkpoint.
    expect(bookkeeping.startFrom(at(9))).toEqual(at(5));
  });

  it('lets the pushed state itself come back in a page without pulling it again', () => {
    const { bookkeeping, pullsAsked } = rewind();
    const settled = bookkeeping.pushStarted([state('x', 'mine')]);
    bookkeeping.pulled(at(5), [state('x', 'mine')]);
    settled();
    expect(pullsAsked()).toBe(0);
    expect(bookkeeping.startFrom(at(9))).toEqual(at(9));
  });

  it('waits for every push to settle, and counts a push settled twice once', () => {
    const { bookkeeping, pullsAsked } = rewind();
    const first = bookkeeping.pushStarted([state('x', 'mine')]);
    const second = bookkeeping.pushStarted([state('x', 'mine, again'), state('z', 'other')]);
    bookkeeping.pulled(at(5), [state('x', 'newer on the server')]);
    first();
    first();
    expect(pullsAsked()).toBe(0);
    second();
    expect(pullsAsked()).toBe(1);
  });

  it('keeps the earliest start among suspect pages, and an earlier start RxDB asks for', () => {
    const { bookkeeping } = rewind();
    bookkeeping.pushStarted([state('x', 'mine')]);
    bookkeeping.pulled(at(7), [state('x', 'newer')]);
    bookkeeping.pulled(at(5), [state('x', 'newer still')]);
    bookkeeping.pulled(at(8), [state('x', 'newest')]);
    expect(bookkeeping.startFrom(at(9))).toEqual(at(5));
    expect(bookkeeping.startFrom(null)).toBeNull();
  });

  it('does not pull again for a page that came while no push was under way', () => {
    const { bookkeeping, pullsAsked } = rewind();
    bookkeeping.pushStarted([state('x', 'mine')])();
    bookkeeping.pulled(at(5), [state('x', 'newer on the server')]);
    bookkeeping.pushStarted([state('z', 'other')])();
    expect(pullsAsked()).toBe(0);
    expect(bookkeeping.startFrom(at(9))).toEqual(at(9));
  });
});
