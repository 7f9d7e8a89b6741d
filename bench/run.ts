// `npm run bench` runs every benchmark; `npm run bench -- NAME...` runs some: a name runs that one,
// a prefix or a last part the benchmarks it begins or ends (`sync` runs sync.initial, sync.push and
// their .3g variants; `3g` the benchmarks on the emulated weak signal). One JSON line per figure on
// stdout, progress on stderr.
//   BENCH_QUICK=1        smaller sizes            BENCH_RUNS=N        more runs per figure (at least 3)
//   BENCH_SIZES=a,b      records / workers        BENCH_DIST=dir      use that build of the app
//   BENCH_PROFILE=dir    one extra profiled run per figure (then BENCH_RUNS may be 1); read the
//                        profiles with bench/profile-summary.ts
//   BENCH_RUSH_CONCURRENCY=N  worker syncs at a time in server.rush (100)
//   BENCH_TMPDIR=dir     where temp dirs go       BENCH_SMOKE=1       one tiny run of each, all at
//                        once (the harness's own test, tests/bench/smoke.test.ts; figures mean nothing)
//   BENCH_WIRE=1         each round trip of the .3g benchmarks on stderr

import { appDue, appSearch } from './benches/app-compute';
import { appImport } from './benches/app-import';
import { appInstall3g } from './benches/app-install';
import { appRegister } from './benches/app-register';
import { appStart } from './benches/app-start';
import { bundle } from './benches/bundle';
import { serverRush } from './benches/server-rush';
import { syncInitial, syncInitial3g } from './benches/sync-initial';
import { syncPush } from './benches/sync-push';
import { syncPush3g } from './benches/sync-push-3g';
import { log, MODE, RUNS, TIME_ZONE } from './lib/env';
import { emit, type Line } from './lib/report';
import { releaseAll, releaseOnExit } from './lib/resources';

process.env.TZ = TIME_ZONE;

const BENCHMARKS: Record<string, () => Promise<Line[]>> = {
  'sync.initial': syncInitial,
  'sync.push': syncPush,
  'server.rush': serverRush,
  'app.start': appStart,
  'app.search': appSearch,
  'app.due': appDue,
  'app.register': appRegister,
  'app.import': appImport,
  bundle,
  'sync.initial.3g': syncInitial3g,
  'sync.push.3g': syncPush3g,
  'app.install.3g': appInstall3g,
};

/** The benchmarks a name on the command line picks: itself, or those it begins or ends. */
function picked(n: string): string[] {
  const names = Object.keys(BENCHMARKS);
  if (names.includes(n)) return [n];
  return names.filter((name) => name.startsWith(`${n}.`) || name.endsWith(`.${n}`));
}

async function main(argv: readonly string[]): Promise<number> {
  const names = argv.filter((a) => !a.startsWith('-'));
  const chosen = Object.keys(BENCHMARKS).filter(
    (name) => names.length === 0 || names.some((n) => picked(n).includes(name)),
  );
  const unknown = names.filter((n) => picked(n).length === 0);
  if (unknown.length > 0) {
    process.stderr.write(
      `unknown benchmark: ${unknown.join(', ')}; known: ${Object.keys(BENCHMARKS).join(', ')}\n`,
    );
    return 2;
  }
  releaseOnExit();
  log(`mode ${MODE}, ${RUNS} run(s) per figure: ${chosen.join(', ')}`);
  let failed = 0;
  const runOne = async (name: string) => {
    const started = performance.now();
    try {
      for (const line of await (BENCHMARKS[name] as () => Promise<Line[]>)()) emit(line);
    } catch (error) {
      failed++;
      log(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      emit({ bench: name, error: error instanceof Error ? error.message : String(error) });
    }
    log(`${name} took ${((performance.now() - started) / 1000).toFixed(0)} s`);
  };
  // Measuring runs one benchmark at a time. The smoke run only checks that each still works, so it
  // runs them side by side to stay quick.
  if (MODE === 'smoke') await Promise.all(chosen.map(runOne));
  else for (const name of chosen) await runOne(name);
  return failed === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    releaseAll();
    process.exit(code);
  },
  (error: unknown) => {
    log(error instanceof Error ? (error.stack ?? error.message) : String(error));
    releaseAll();
    process.exit(1);
  },
);
