// The stand-in for the `unload` package (src/app/db/unload.ts): RxDB's leader election hands it the
// clean-up of a tab that leads; it must run when the page goes away, not when the page is only put
// in the back/forward cache, and never through an `unload` listener.
import { afterEach, describe, expect, it, vi } from 'vitest';

class PageHide extends Event {
  constructor(readonly persisted: boolean) {
    super('pagehide');
  }
}

describe('the unload stand-in', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  async function load() {
    const page = new EventTarget();
    const listen = vi.spyOn(page, 'addEventListener');
    vi.stubGlobal('window', page);
    const unload = await import('../../src/app/db/unload');
    return { page, listen, unload };
  }

  it('runs the clean-up when the page goes away, once, and listens for pagehide only', async () => {
    const { page, listen, unload } = await load();
    const cleanUp = vi.fn();
    unload.add(cleanUp);
    expect(listen.mock.calls.map(([type]) => type)).toEqual(['pagehide']);
    page.dispatchEvent(new PageHide(false));
    page.dispatchEvent(new PageHide(false));
    expect(cleanUp).toHaveBeenCalledTimes(1);
  });

  it('keeps the clean-up while the page is only kept in the back/forward cache', async () => {
    const { page, unload } = await load();
    const cleanUp = vi.fn();
    unload.add(cleanUp);
    page.dispatchEvent(new PageHide(true));
    expect(cleanUp).not.toHaveBeenCalled();
    expect(unload.getSize()).toBe(1);
  });

  it('forgets a removed clean-up, and runs one on demand', async () => {
    const { page, unload } = await load();
    const removed = vi.fn();
    const ran = vi.fn(() => 'done');
    unload.add(removed).remove();
    expect(unload.add(ran).run()).toBe('done');
    page.dispatchEvent(new PageHide(false));
    expect(removed).not.toHaveBeenCalled();
    expect(ran).toHaveBeenCalledTimes(1);
  });
});
