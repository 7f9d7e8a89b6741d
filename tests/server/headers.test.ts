// The security headers of the app's pages and of the API: a Content-Security-Policy of the app's own
// origin with no framing, a Permissions-Policy, HSTS only over HTTPS, no source maps served, and no
// cache of the change stream.
import { describe, expect, it, onTestFinished } from 'vitest';
import { builtApp } from '../support/built-app';
import { twoTowns } from '../support/fixtures';
import { databases, startTestServer } from '../support/test-servers';

const fixture = twoTowns();

describe.each(databases)('security headers ($name)', (database) => {
  const start = async () => startTestServer(database, fixture, { staticDir: await builtApp() });

  it.each(['/', '/assets/index-Bx1y2z.js', '/api/auth/me', '/api/openapi.json'])(
    'answers %s with a policy of the app’s own origin that no other page may frame',
    async (path) => {
      const server = await start();
      const headers = (await server.app.request(path)).headers;
      const csp = headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(headers.get('x-frame-options')).toBe('DENY');
      expect(headers.get('permissions-policy')).toContain('camera=()');
      expect(headers.get('permissions-policy')).toContain('geolocation=()');
      expect(headers.get('x-content-type-options')).toBe('nosniff');
    },
  );

  it('sends HSTS only to a request that came over HTTPS', async () => {
    const server = await start();
    expect((await server.app.request('/')).headers.get('strict-transport-security')).toBeNull();
    const proxied = await server.app.request('/', { headers: { 'X-Forwarded-Proto': 'https' } });
    expect(proxied.headers.get('strict-transport-security')).toMatch(/^max-age=\d{8,}/);
    const direct = await server.app.request('https://tanfang.example/');
    expect(direct.headers.get('strict-transport-security')).toMatch(/^max-age=/);
  });

  it('serves no source map, though the build keeps them', async () => {
    const server = await start();
    expect((await server.app.request('/assets/index-Bx1y2z.js')).status).toBe(200);
    const map = await server.app.request('/assets/index-Bx1y2z.js.map');
    expect(map.status).toBe(404);
    expect(await map.text()).not.toContain('sources');
  });

  it('lets no cache keep the change stream', async () => {
    const server = await start();
    const token = await server.login(fixture.users.workerA1);
    const controller = new AbortController();
    onTestFinished(() => controller.abort());
    const stream = await server.app.request('/api/sync/stream', {
      headers: { Authorization: `Bearer ${token}` },
      signal: controller.signal,
    });
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    expect(stream.headers.get('cache-control')).toContain('no-store');
    await stream.body?.cancel();
  });
});
