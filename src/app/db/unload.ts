// Stands in for the `unload` package in the browser build (vite.config.ts aliases it here). RxDB's
// leader election between tabs (broadcast-channel) runs its clean-up through it, and the package
// listens for `unload`, which browsers are dropping: Chrome reports it as deprecated, and a page
// with an unload listener is never kept in the back/forward cache. The same clean-up runs on
// `pagehide` instead, which fires at the same moment; not when the page is only put aside in that
// cache (`persisted`), since it may come back and still lead. Same exports as the package.

type Listener = () => unknown;

const listeners = new Set<Listener>();
let listening = false;

function listen(): void {
  if (listening || typeof window === 'undefined' || typeof window.addEventListener !== 'function') return;
  listening = true;
  window.addEventListener('pagehide', (event) => {
    if (!event.persisted) void runAll();
  });
}

export function add(fn: Listener): { remove(): boolean; run(): unknown } {
  if (typeof fn !== 'function') throw new Error('Listener is no function');
  listen();
  listeners.add(fn);
  return {
    remove: () => listeners.delete(fn),
    run: () => {
      listeners.delete(fn);
      return fn();
    },
  };
}

export function runAll(): Promise<unknown[]> {
  const running = [...listeners].map((fn) => fn());
  listeners.clear();
  return Promise.all(running);
}

export function removeAll(): void {
  listeners.clear();
}

export function getSize(): number {
  return listeners.size;
}
