// Which precached files the service worker may fetch ahead, all at once: those whose name carries
// a content hash (listed with no revision, or as a bare URL), which workbox fetches through the HTTP
// cache.
// Files with a revision (index.html, the manifest, icons) workbox fetches with cache: 'reload',
// past the HTTP cache, so fetching them ahead would only download them twice.
export interface PrecacheEntry {
  url: string;
  revision?: string | null;
}

/** The absolute URLs of the manifest's content-hashed files, each once; `base` is the worker's own URL. */
export function contentHashedUrls(manifest: ReadonlyArray<PrecacheEntry | string>, base: string): string[] {
  const urls = new Set<string>();
  for (const entry of manifest) {
    if (typeof entry === 'string') urls.add(new URL(entry, base).href);
    else if (!entry.revision) urls.add(new URL(entry.url, base).href);
  }
  return [...urls];
}
