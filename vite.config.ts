import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import preact from '@preact/preset-vite';
import { defineConfig, type Plugin, type Rollup } from 'vite';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';
import { VitePWA } from 'vite-plugin-pwa';

// Every text file of the build gets a .br and a .gz beside it, compressed once here at the highest
// levels, so the server sends them as they are (serveStatic's `precompressed`) and spends no CPU per
// request. Not the source maps: only a debugger asks for them. The service worker's precache
// manifest lists none of them (its globPatterns end in the files' own extensions).
const PRECOMPRESSED = /\.(html|js|mjs|css|svg|json|webmanifest)$/;
const BROTLI_MAX = { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } };
const GZIP_MAX = { level: 9 };

/**
 * vite-plugin-pwa builds sw.js in its closeBundle, after vite-plugin-compression2 has run: this
 * compresses it once it exists, in the build's own outDir (the e2e tests and the
 * benchmarks build elsewhere than dist/).
 */
function precompressServiceWorker(): Plugin {
  let outDir = '';
  const brotliAsync = promisify(brotliCompress);
  const gzipAsync = promisify(gzip);
  return {
    name: 'tanfang:precompress-service-worker',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle: {
      order: 'post',
      sequential: true,
      async handler() {
        const files = (await readdir(outDir)).filter((name) => /^sw\.js$/.test(name));
        await Promise.all(
          files.map(async (name) => {
            const file = join(outDir, name);
            const source = await readFile(file);
            await writeFile(`${file}.br`, await brotliAsync(source, BROTLI_MAX));
            await writeFile(`${file}.gz`, await gzipAsync(source, GZIP_MAX));
          }),
        );
      },
    },
  };
}

/**
 * The files of the database and sync code (the chunks src/app/db/loadServices.ts imports, and
 * theirs), named in index.html for the sign-in screen to prefetch (App.tsx): fetched while the
 * person types, into the HTTP cache, where the service worker's precache also finds them, but not
 * run, which would hold up a slow phone's main thread; they run once the person signs in. Prefetch
 * links in the page itself would fetch them on every start, where they are run at once anyway.
 */
function prefetchDatabaseCode(): Plugin {
  let base = '/';
  return {
    name: 'tanfang:prefetch-database-code',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle }) {
        if (!bundle) return [];
        const chunks = new Map<string, Rollup.OutputChunk>();
        for (const output of Object.values(bundle)) {
          if (output.type === 'chunk') chunks.set(output.fileName, output);
        }
        const withImports = (files: readonly string[], into = new Set<string>()) => {
          for (const file of files) {
            if (into.has(file)) continue;
            into.add(file);
            withImports(chunks.get(file)?.imports ?? [], into);
          }
          return into;
        };
        const firstLoad = withImports([...chunks.values()].filter((c) => c.isEntry).map((c) => c.fileName));
        const loader = [...chunks.values()].find((c) =>
          c.facadeModuleId?.endsWith('/src/app/db/loadServices.ts'),
        );
        if (!loader) throw new Error('prefetchDatabaseCode: no chunk for src/app/db/loadServices.ts');
        const code = withImports([loader.fileName, ...loader.dynamicImports]);
        const files = [...code].filter((file) => !firstLoad.has(file)).map((file) => `${base}${file}`);
        return [
          {
            tag: 'meta',
            attrs: { name: 'tanfang-database-code', content: files.join(' ') },
            injectTo: 'head',
          },
        ];
      },
    },
  };
}

export default defineConfig({
  plugins: [
    preact(),
    VitePWA({
      // Our own service worker (src/app/pwa/sw.ts), so the install can fetch the files in parallel.
      strategies: 'injectManifest',
      srcDir: 'src/app/pwa',
      filename: 'sw.ts',
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['icon.svg'],
      manifest: {
        name: '探访 Tanfang',
        short_name: '探访',
        description: '特殊困难老年人探访关爱 · Visits to special-hardship elders',
        lang: 'zh-CN',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#f6f7f9',
        theme_color: '#b3261e',
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
      },
    }),
    compression({
      include: PRECOMPRESSED,
      // Smaller files would gain a few bytes at most; the server sends them as they are.
      threshold: 256,
      algorithms: [defineAlgorithm('brotliCompress', BROTLI_MAX), defineAlgorithm('gzip', GZIP_MAX)],
    }),
    precompressServiceWorker(),
    prefetchDatabaseCode(),
  ],
  resolve: {
    // RxDB's leader election (broadcast-channel) cleans up through the `unload` package, which
    // listens for the deprecated `unload` event; src/app/db/unload.ts does the same on `pagehide`.
    alias: { unload: fileURLToPath(new URL('src/app/db/unload.ts', import.meta.url)) },
  },
  build: { target: 'es2022', sourcemap: true },
  server: { proxy: { '/api': 'http://localhost:8080' } },
});
