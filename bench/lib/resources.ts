// Everything a benchmark makes outside itself (temp dirs, child processes) is registered here and
// removed on the way out, also when the run is interrupted.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dirs = new Set<string>();
const children = new Set<ChildProcess>();

/** Under BENCH_TMPDIR when set (the smoke test checks that dir is left empty), else the system's. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(process.env.BENCH_TMPDIR || tmpdir(), `tanfang-bench-${prefix}-`));
  dirs.add(dir);
  return dir;
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  dirs.delete(dir);
}

export function trackChild(child: ChildProcess): void {
  children.add(child);
  child.once('exit', () => children.delete(child));
}

/** Stops a child: SIGTERM, then SIGKILL if it is still running after `graceMs`; resolves once it exited. */
export async function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Kills the children this process started (by their own pid) and removes the temp dirs. */
export function releaseAll(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  children.clear();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs.clear();
}

let installed = false;
export function releaseOnExit(): void {
  if (installed) return;
  installed = true;
  process.once('exit', releaseAll);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      releaseAll();
      process.exit(130);
    });
  }
}
