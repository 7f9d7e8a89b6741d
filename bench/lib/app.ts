// The built app the server serves. `npm run bench` builds the current source into a directory of its
// own (so it never races an e2e run that rebuilds dist/); BENCH_DIST=dir uses a build already made,
// and the smoke test reuses dist/ when it is there.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { log, MODE, PROFILE_DIR, ROOT } from './env';
import { tempDir, trackChild } from './resources';

let built: Promise<string> | undefined;

/** A directory holding a complete build of the app (index.html, assets, sw.js), owned by this run. */
export function appBuild(): Promise<string> {
  built ??= makeBuild().then((dir) => {
    if (PROFILE_DIR) keepSourceMaps(dir, join(PROFILE_DIR, 'maps'));
    return dir;
  });
  return built;
}

/** Profiles name minified files; their maps let bench/profile-summary.ts name the sources. */
function keepSourceMaps(dir: string, into: string): void {
  mkdirSync(into, { recursive: true });
  for (const file of readdirSync(join(dir, 'assets'))) {
    if (file.endsWith('.map')) cpSync(join(dir, 'assets', file), join(into, file));
  }
}

async function makeBuild(): Promise<string> {
  const dir = join(tempDir('app'), 'dist');
  const given = process.env.BENCH_DIST;
  const existing = given ? resolve(ROOT, given) : MODE === 'smoke' ? join(ROOT, 'dist') : undefined;
  if (existing && isComplete(existing)) {
    log(`using the build in ${existing}`);
    cpSync(existing, dir, { recursive: true });
    return dir;
  }
  if (given) throw new Error(`BENCH_DIST=${given} is not a complete build (index.html, sw.js)`);
  log('building the app (vite build)...');
  await new Promise<void>((done, fail) => {
    const child = spawn(
      process.execPath,
      [
        join(ROOT, 'node_modules/vite/bin/vite.js'),
        'build',
        '--outDir',
        dir,
        '--emptyOutDir',
        '--logLevel',
        'warn',
      ],
      // A production build whoever runs this: under vitest NODE_ENV is 'test', and vite would make a
      // development build (import.meta.env.DEV true: no service worker, a bigger bundle).
      { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NODE_ENV: 'production' } },
    );
    trackChild(child);
    let errors = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      errors += chunk.toString();
    });
    child.once('exit', (code) =>
      code === 0 ? done() : fail(new Error(`vite build failed (${code}):\n${errors}`)),
    );
  });
  if (!isComplete(dir)) throw new Error(`vite build left no complete app in ${dir}`);
  return dir;
}

function isComplete(dir: string): boolean {
  return existsSync(join(dir, 'index.html')) && existsSync(join(dir, 'sw.js'));
}
