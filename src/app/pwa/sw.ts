// The service worker: precaches the whole app (workbox) so it starts with no signal, serves
// index.html for every page, and waits for the person's tap before a new version takes over
// (src/app/pwa/register.ts sends SKIP_WAITING).
//
// Workbox precaches one file at a time (GoogleChrome/workbox#2528): on a weak signal that is one
// round trip per file, about 50 of them. So the install first fetches the content-hashed files all
// at once into the browser's HTTP cache (the server marks /assets/ immutable); workbox's own loop,
// started in the same install, then reads them from there. A request for a file already in flight
// waits for it in Chromium's HTTP cache instead of going to the network again.
// The worker's own types (ServiceWorkerGlobalScope and its events); the DOM's stay for the app.
/// <reference lib="webworker" />

import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { contentHashedUrls } from './precacheList';

declare const self: ServiceWorkerGlobalScope;

const manifest = self.__WB_MANIFEST;

self.addEventListener('install', (event) => {
  event.waitUntil(warmHttpCache(contentHashedUrls(manifest, self.location.href)));
});

self.addEventListener('message', (event) => {
  if ((event.data as { type?: unknown } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

precacheAndRoute(manifest);
cleanupOutdatedCaches();
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [/^\/api\//] }));
// The first visit is controlled at once, so the app works offline without a reload.
clientsClaim();

async function warmHttpCache(urls: readonly string[]): Promise<void> {
  // A failure here only costs the speed-up: workbox fetches the file again and reports its error.
  await Promise.all(
    urls.map(async (url) => {
      try {
        const response = await fetch(url, { credentials: 'same-origin' });
        await response.arrayBuffer();
      } catch {
        // the precache below decides whether the install fails
      }
    }),
  );
}
