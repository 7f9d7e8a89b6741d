import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { PASSWORD, twoTowns } from '../support/fixtures';
import { databases, startTestServer } from '../support/test-servers';

const fixture = twoTowns();

/** A stand-in for vite's dist/: index.html, the service worker, a hashed asset. */
async function builtApp(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tanfang-dist-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  await mkdir(join(dir, 'assets'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>探访</title>');
  await writeFile(join(dir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  await writeFile(join(dir, 'manifest.webmanifest'), '{}');
  await writeFile(join(dir, 'assets', 'index-Bx1y2z.js'), 'console.log(1);');
  return dir;
}

describe.each(databases)('serving the app ($name)', (database) => {
  it('serves index.html and sw.js for revalidation on every load', async () => {
    const server = await startTestServer(database, fixture, { staticDir: await builtApp() });
    for (const path of ['/', '/index.html', '/sw.js', '/manifest.webmanifest']) {
      const response = await server.app.request(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('cache-control'), path).toBe('no-cache');
    }
    expect(await (await server.app.request('/')).text()).toContain('探访');
    expect((await server.app.request('/sw.js')).headers.get('content-type')).toContain('javascript');
  });

  it('lets browsers keep hashed assets for good', async () => {
    const server = await startTestServer(database, fixture, { staticDir: await builtApp() });
    const response = await server.app.request('/assets/index-Bx1y2z.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it("answers the app's own routes with index.html, but a missing file with 404", async () => {
    const server = await startTestServer(database, fixture, { staticDir: await builtApp() });
    const deepLink = await server.app.request('/elders/0193a1b2-0000-7000-8000-000000000000');
    expect(deepLink.status).toBe(200);
    expect(deepLink.headers.get('cache-control')).toBe('no-cache');
    expect(await deepLink.text()).toContain('<title>探访</title>');
    expect((await server.app.request('/assets/gone-123.js')).status).toBe(404);
    expect((await server.app.request('/../package.json')).status).not.toBe(200);
  });

  it('answers unknown API paths with a JSON 404, never with the app', async () => {
    const server = await startTestServer(database, fixture, { staticDir: await builtApp() });
    const token = await server.login(fixture.users.workerA1);
    const result = await server.call('GET', '/api/nothing-here', { token });
    expect(result.status).toBe(404);
    expect(result.body).toMatchObject({ error: 'not_found' });
  });

  it('keeps API answers out of every cache, refusals and errors included', async () => {
    const server = await startTestServer(database, fixture);
    const token = await server.login(fixture.users.workerA1);
    const answers = [
      await server.call('POST', '/api/auth/login', {
        body: { username: fixture.users.workerA1.username, password: PASSWORD },
      }),
      await server.call('GET', '/api/sync/elders/pull?limit=5', { token }),
      await server.pullBatch(token, { pulls: [{ collection: 'elders', checkpoint: null, limit: 5 }] }),
      await server.push(token, 'visits', []),
      await server.call('GET', '/api/sync/elders/pull?limit=5'),
      await server.call('POST', '/api/sync/visits/push', { token, rawBody: '{not json' }),
      await server.call('GET', '/api/nothing-here', { token }),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 401, 400, 404]);
    for (const answer of answers) expect(answer.headers.get('cache-control')).toBe('no-store');
  });
});
