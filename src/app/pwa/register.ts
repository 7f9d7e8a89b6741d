// Registers the service worker that makes the app start with no signal. A new version installs in
// the background and waits; the app offers it (see UpdateBanner) and only the person's tap
// switches to it, never in the middle of a visit being recorded.
import { Workbox } from 'workbox-window';

export interface UpdateOffer {
  /** Activates the waiting version and reloads the page once it controls it. */
  apply(): void;
}

export function registerServiceWorker(onUpdateReady: (offer: UpdateOffer) => void): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  const workbox = new Workbox('/sw.js', { scope: '/' });
  workbox.addEventListener('waiting', () => {
    onUpdateReady({
      apply() {
        workbox.addEventListener('controlling', () => location.reload());
        workbox.messageSkipWaiting();
      },
    });
  });
  void workbox.register();
}
