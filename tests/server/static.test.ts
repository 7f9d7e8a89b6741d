import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it, onTestFinished } from 'vitest';
import { builtApp } from '../support/built-app';
import { PASSWORD, twoTowns } from '../support/fixtures';
import { databases, startTestServer } from '../support/test-servers';

const fixture = twoTowns();

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

/** What vite.config.ts makes of each text file: the file, and a .br and a .gz beside it. */
async function writePrecompressed(path: string, text: string): Promise<void> {
  await writeFile(path, text);
  await writeFile(`${path}.br`, brotliCompressSync(text));
  await writeFile(`${path}.gz`, gzipSync(text));
}

/** A build as vite.config.ts makes it: a .br and a .gz beside each text file. */
async function precompressedApp(): Promise<{ dir: string; index: string; script: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'tanfang-dist-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  await mkdir(join(dir, 'assets'));
  const index = `<!doctype html><title>探访</title>${'<link rel="modulepreload" href="/assets/x.js">'.repeat(20)}`;
  const script = `export const greeting = ${JSON.stringify('你好，'.repeat(200))};`;
  await writePrecompressed(join(dir, 'index.html'), index);
  await writePrecompressed(join(dir, 'assets', 'index-Bx1y2z.js'), script);
  return { dir, index, script };
}

// The files never touch the database: one kind of database is enough.
describe('serving the app precompressed', () => {
  const database = databases[0];
  if (database === undefined) throw new Error('no test database');

  it('sends a script from its .br or .gz, as the browser asks, with its own type and Vary', async () => {
    const app = await precompressedApp();
    const server = await startTestServer(database, fixture, { staticDir: app.dir });
    const path = '/assets/index-Bx1y2z.js';
    const br = await server.app.request(path, { headers: { 'Accept-Encoding': 'gzip, deflate, br, zstd' } });
    expect(br.status).toBe(200);
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toBe('Accept-Encoding');
    expect(br.headers.get('content-type')).toContain('javascript');
    expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const brBytes = Buffer.from(await br.arrayBuffer());
    expect(Number(br.headers.get('content-length'))).toBe(brBytes.byteLength);
    expect(brotliDecompressSync(brBytes).toString()).toBe(app.script);

    const gz = await server.app.request(path, { headers: { 'Accept-Encoding': 'gzip, deflate' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gz.headers.get('vary')).toBe('Accept-Encoding');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(app.script);

    const plain = await server.app.request(path, { headers: { 'Accept-Encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('vary')).toBe('Accept-Encoding');
    expect(await plain.text()).toBe(app.script);
  });

  it("sends index.html precompressed, for the app's own routes too", async () => {
    const app = await precompressedApp();
    const server = await startTestServer(database, fixture, { staticDir: app.dir });
    for (const path of ['/', '/index.html', '/elders/0193a1b2-0000-7000-8000-000000000000']) {
      const answer = await server.app.request(path, { headers: { 'Accept-Encoding': 'gzip, br' } });
      expect(answer.status, path).toBe(200);
      expect(answer.headers.get('content-encoding'), path).toBe('br');
      expect(answer.headers.get('vary'), path).toBe('Accept-Encoding');
      expect(answer.headers.get('content-type'), path).toContain('text/html');
      expect(answer.headers.get('cache-control'), path).toBe('no-cache');
      expect(brotliDecompressSync(Buffer.from(await answer.arrayBuffer())).toString(), path).toBe(app.index);
    }
  });
});
