// The main proof of sync: random edits, deletes, visits, review decisions and offline periods on
// three devices (worker1's phone and tablet, the coordinator's), with faults in the network (lost
// requests and answers, duplicates, delays, late arrivals, server restarts) and restarts of the app.
// After a final sync every replica holds the server's data and no write is lost (see invariants.ts).
//
// Runs: SYNC_PROPERTY_RUNS (500 when CI is set, on a fixed seed; else 60 on a new seed). Replay a
// failure with the seed and path
// fast-check prints: SYNC_PROPERTY_SEED=… SYNC_PROPERTY_PATH=… npx vitest run tests/sync/sync-property.test.ts
// SYNC_PROPERTY_SURVEY=file: write every failing run to the file and go on (triage).
// Other knobs: SYNC_PROPERTY_OPS (most operations per run, 36), SYNC_PROPERTY_TIME_LIMIT_S (whole
// property, shrinking included; 2400).
import { appendFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PropertyFailure, type SyncHarness, startHarness } from './harness';
import { scenarioArbitrary } from './scenario';

const numberFromEnv = (name: string): number | undefined => {
  const value = process.env[name];
  return value === undefined || value === '' ? undefined : Number(value);
};

const RUNS = numberFromEnv('SYNC_PROPERTY_RUNS') ?? (process.env.CI ? 500 : 60);
const MAX_OPS = numberFromEnv('SYNC_PROPERTY_OPS') ?? 36;
// CI runs one fixed seed, so that a CI result can be reproduced and a red run means a change broke
// something; runs without CI (and with SYNC_PROPERTY_SEED) explore new seeds. Open cases found that
// way are listed in the sync issue with their seeds.
const CI_SEED = 20261129;
const SEED = numberFromEnv('SYNC_PROPERTY_SEED') ?? (process.env.CI ? CI_SEED : undefined);
const PATH = process.env.SYNC_PROPERTY_PATH;
/** A file to append failures to instead of stopping at the first (to triage several bugs at once). */
const SURVEY = process.env.SYNC_PROPERTY_SURVEY;
// Generous: CI runs this beside the other test files on 2 cores, and its whole run has 90 minutes.
const TIME_LIMIT_MS = (numberFromEnv('SYNC_PROPERTY_TIME_LIMIT_S') ?? 2400) * 1000;

describe('sync under faults (model-based property)', () => {
  let started: Awaited<ReturnType<typeof startHarness>> | undefined;
  let harness: SyncHarness;

  beforeAll(async () => {
    started = await startHarness();
    harness = started.harness;
  }, 60_000);

  afterAll(async () => {
    await started?.dispose();
  });

  // SYNC_PROPERTY_SCENARIO='{"skews":[…],"ops":[…]}' replays one scenario (a counterexample) alone.
  it(
    `every replica ends equal to the server and no write is lost (${RUNS} runs)`,
    async () => {
      const replay = process.env.SYNC_PROPERTY_SCENARIO;
      if (replay) {
        await harness.run(JSON.parse(replay));
        return;
      }
      const started = Date.now();
      await fc.assert(
        fc.asyncProperty(scenarioArbitrary(MAX_OPS), async (scenario) => {
          try {
            await harness.run(scenario);
          } catch (error) {
            // Survey mode (triage): note the failure and go on, to see all kinds of failure in one go.
            if (!SURVEY || !(error instanceof PropertyFailure)) throw error;
            appendFileSync(SURVEY, `${JSON.stringify(scenario)}\n${error.message}\n\n`);
            harness.count('survey failures');
          }
        }),
        {
          numRuns: RUNS,
          ...(SEED !== undefined && { seed: SEED }),
          ...(PATH !== undefined && PATH !== '' && { path: PATH }),
          interruptAfterTimeLimit: TIME_LIMIT_MS,
          markInterruptAsFailure: true,
        },
      );
      const seconds = (Date.now() - started) / 1000;
      console.info(
        `sync property: ${harness.runs} runs in ${seconds.toFixed(1)} s (${((seconds * 1000) / harness.runs).toFixed(0)} ms each)`,
      );
      console.info(
        `phases: ${[...harness.phases].map(([name, ms]) => `${name} ${(ms / harness.runs).toFixed(0)} ms`).join(', ')}`,
      );
      console.info(
        `per run: ${[...harness.totals].map(([name, n]) => `${name} ${(n / harness.runs).toFixed(2)}`).join(', ')}`,
      );
      if (PATH === undefined || PATH === '') expect(harness.runs).toBeGreaterThanOrEqual(RUNS);
    },
    TIME_LIMIT_MS + 120_000,
  );
});
