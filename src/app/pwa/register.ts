// Registers the service worker that makes the app start with no signal. A new version installs in
// the background and waits: it takes over when the app is next started, never in the middle of a
// visit being recorded.
import { Workbox } from 'workbox-window';

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  void new Workbox('/sw.js', { scope: '/' }).register();
}
