// Serving the built app. Hashed files under /assets never change, so browsers may keep them for a
// year; everything else (index.html, sw.js, the manifest) must be revalidated, or a device keeps an
// old service worker and never sees a release.
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

export function staticRoutes(staticDir: string): Hono {
  const routes = new Hono();
  routes.use('*', async (c, next) => {
    c.header('Cache-Control', c.req.path.startsWith('/assets/') ? IMMUTABLE : REVALIDATE);
    await next();
  });
  routes.use('*', serveStatic({ root: staticDir }));
  // The app routes on the client: a deep link such as /elders/123 gets index.html. Paths that look
  // like files (a dot in the last segment) stay 404, so a missing script is not answered with HTML.
  routes.get('*', async (c, next) => {
    const lastSegment = c.req.path.split('/').at(-1) ?? '';
    if (lastSegment.includes('.')) return next();
    return serveStatic({ root: staticDir, path: 'index.html' })(c, next);
  });
  return routes;
}
