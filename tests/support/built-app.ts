// A stand-in for vite's dist/ for the server tests: index.html, the service worker, the manifest, a
// hashed asset and its source map; removed when the test ends.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';

export async function builtApp(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tanfang-dist-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  await mkdir(join(dir, 'assets'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>探访</title>');
  await writeFile(join(dir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  await writeFile(join(dir, 'manifest.webmanifest'), '{}');
  await writeFile(
    join(dir, 'assets', 'index-Bx1y2z.js'),
    'console.log(1);\n//# sourceMappingURL=index-Bx1y2z.js.map',
  );
  await writeFile(join(dir, 'assets', 'index-Bx1y2z.js.map'), '{"version":3,"sources":["src/app/main.tsx"]}');
  return dir;
}
