// The server as deployed (`npm run serve`, src/server/main.ts) must not reach the demo data, not even
// through a dynamic import: a deployment's database never gets the demo logins by accident.
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

/** Every source file the entry reaches, statically or through import(), as esbuild resolves it. */
async function filesReachedFrom(entry: string): Promise<string[]> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs);
}

describe('the deployed server entry', () => {
  it('reaches the server code but nothing under seeds/', async () => {
    const files = await filesReachedFrom('src/server/main.ts');
    expect(files).toContain('src/server/start.ts');
    expect(files).toContain('src/server/http/app.ts');
    expect(files.filter((file) => file.startsWith('seeds/'))).toEqual([]);
  });

  it('is told apart from the demo entry, which does reach seeds/', async () => {
    const files = await filesReachedFrom('seeds/serve-demo.ts');
    expect(files).toContain('seeds/load.ts');
  });
});
