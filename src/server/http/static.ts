// Serving the built app. Hashed files under /assets never change, so browsers may keep them for a
// year; everything else (index.html, sw.js, the manifest) must be revalidated, or a device keeps an
// old service worker and never sees a release. The build puts a .br and a .gz beside each text file
// (vite.config.ts): they are sent as they are, with Content-Encoding and Vary, and cost no CPU.
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';
/** The types of the files the build precompresses (PRECOMPRESSED in vite.config.ts). */
const COMPRESSED_IN_BUILD = /^(?:text\/|application\/(?:javascript|json|manifest\+json)|image\/svg\+xml)/;

export function staticRoutes(staticDir: string): Hono {
  const routes = new Hono();
  routes.use('*', async (c, next) => {
    c.header('Cache-Control', c.req.path.startsWith('/assets/') ? IMMUTABLE : REVALIDATE);
    await next();
    // serveStatic says Vary only on a compressed file; a cache must also know that the plain one
    // was chosen by the header, or it would keep it for the clients that take compressed ones.
    const headers = c.res.headers;
    const type = headers.get('Content-Type') ?? '';
    if (c.res.status === 200 && !headers.has('Vary') && COMPRESSED_IN_BUILD.test(type)) {
      headers.set('Vary', 'Accept-Encoding');
    }
  });
  // Source maps stay on the build machine: they would hand anyone the app's source, comments and
  // all, and no phone needs them.
  routes.get('*', async (c, next) => (c.req.path.endsWith('.map') ? c.notFound() : next()));
  routes.use('*', serveStatic({ root: staticDir, precompressed: true }));
  // The app routes on the client: a deep link such as /elders/123 gets index.html. Paths that look
  // like files (a dot in the last segment) stay 404, so a missing script is not answered with HTML.
  routes.get('*', async (c, next) => {
    const lastSegment = c.req.path.split('/').at(-1) ?? '';
    if (lastSegment.includes('.')) return next();
    return serveStatic({ root: staticDir, path: 'index.html', precompressed: true })(c, next);
  });
  return routes;
}
