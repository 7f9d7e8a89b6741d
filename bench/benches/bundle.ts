// bundle: gzipped JavaScript of the first load (the scripts index.html references, the modules they
// preload and what those import statically) and of each chunk loaded later, from the built app.
// Sizes are not timings: there is no floor to take a ratio against, and no noise to cancel.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { appBuild } from '../lib/app';
import type { Line } from '../lib/report';

function sizes(file: string): { bytes: number; gzip_bytes: number } {
  const content = readFileSync(file);
  return { bytes: content.length, gzip_bytes: gzipSync(content, { level: 9 }).length };
}

/** Static imports of a built ES module (`import ... from "./x.js"`, `import "./x.js"`), not import(). */
function staticImports(code: string): string[] {
  const found = new Set<string>();
  for (const match of code.matchAll(
    /(?:^|[;\s}])(?:import|export)\s*(?:[\w*${}\s,]+from\s*)?["'](\.\/[^"']+\.js)["']/g,
  )) {
    if (match[1]) found.add(match[1].slice(2));
  }
  return [...found];
}

export async function bundle(): Promise<Line[]> {
  const dir = await appBuild();
  const assets = join(dir, 'assets');
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const referenced = [
    ...html.matchAll(/<script[^>]*\ssrc="\/?assets\/([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="\/?assets\/([^"]+\.js)"/g),
  ].map((m) => m[1] as string);
  const firstLoad = new Set<string>();
  const queue = [...referenced];
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (firstLoad.has(file)) continue;
    firstLoad.add(file);
    queue.push(...staticImports(readFileSync(join(assets, file), 'utf8')));
  }
  const first = [...firstLoad].map((f) => sizes(join(assets, f)));
  const lines: Line[] = [
    {
      bench: 'bundle',
      part: 'first-load',
      files: [...firstLoad],
      bytes: first.reduce((s, f) => s + f.bytes, 0),
      gzip_bytes: first.reduce((s, f) => s + f.gzip_bytes, 0),
      gzip: 'node:zlib level 9',
    },
  ];
  for (const file of readdirSync(assets)
    .filter((f) => f.endsWith('.js') && !firstLoad.has(f))
    .sort()) {
    lines.push({ bench: 'bundle', part: 'lazy', file, ...sizes(join(assets, file)) });
  }
  const worker = readdirSync(dir).filter((f) => f === 'sw.js' || /^workbox-.*\.js$/.test(f));
  const sw = worker.map((f) => sizes(join(dir, f)));
  lines.push({
    bench: 'bundle',
    part: 'service-worker',
    files: worker,
    bytes: sw.reduce((s, f) => s + f.bytes, 0),
    gzip_bytes: sw.reduce((s, f) => s + f.gzip_bytes, 0),
  });
  return lines;
}
