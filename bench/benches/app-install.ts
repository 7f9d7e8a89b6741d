// app.install.3g: a phone's first visit to the sign-in page on a weak signal (bench/lib/network.ts),
// timed from navigation start until the service worker has cached the app and controls the page
// (workbox precaches every file, then activates and claims the page). Floor: the same files, each
// once, gzipped, in one request over the same emulated network.
import { appBuild } from '../lib/app';
import { evaluateIn, launchBrowser, waitUntilIn } from '../lib/browser';
import { caseload } from '../lib/datasets';
import { log, RUNS } from '../lib/env';
import { emulateNetwork, recordWire, THREE_G, wireAndFloor } from '../lib/network';
import { type Line, type Sample, summarize } from '../lib/report';
import { prepareDatabase, startServer } from '../lib/server';

export async function appInstall3g(): Promise<Line[]> {
  const staticDir = await appBuild();
  // The sign-in page reads nothing from the database: a small one will do.
  const template = await prepareDatabase(caseload({ elders: 3 }).dataset);
  const samples: Sample[] = [];
  for (let run = 0; run < RUNS; run++) {
    const server = await startServer({ template, staticDir });
    try {
      const sample = await runOnce(server.url);
      log(
        `app.install.3g run ${run + 1}: ours ${sample.ours.toFixed(0)} ms (form ${sample.extra?.form_ms?.toFixed(0)} ms), floor ${sample.floor.toFixed(0)} ms`,
      );
      samples.push(sample);
    } finally {
      await server.stop();
    }
  }
  return [
    {
      bench: 'app.install.3g',
      n: 1,
      ...summarize(samples),
      network: THREE_G,
      ours: 'navigation start to the service worker controlling the page (every file precached)',
      floor: 'one request of the same files, each once, gzip -9, over the same emulated network',
    },
  ];
}

async function runOnce(url: string): Promise<Sample> {
  const browser = await launchBrowser();
  try {
    const { context, page } = browser;
    const network = await emulateNetwork(context, page, THREE_G, { workers: true });
    const wire = recordWire(context);
    await page.addInitScript(() => {
      const marks = { controlled: null as number | null, form: null as number | null };
      (window as unknown as { __install: typeof marks }).__install = marks;
      navigator.serviceWorker?.addEventListener('controllerchange', () => {
        marks.controlled ??= performance.now();
      });
      const observer = new MutationObserver(() => {
        if (document.querySelector('form input[type="password"]')) {
          marks.form ??= performance.now();
          observer.disconnect();
        }
      });
      observer.observe(document, { childList: true, subtree: true });
    });
    await page.goto(url);
    const installed = () =>
      (window as unknown as { __install: { controlled: number | null } }).__install.controlled !== null;
    await waitUntilIn(page, installed, null, { timeoutMs: 300_000, pollMs: 100 });
    const marks = await evaluateIn(
      page,
      () => (window as unknown as { __install: { controlled: number; form: number | null } }).__install,
      null,
    );
    await network.detach();
    const { exchanges, floorMs, figures } = await wireAndFloor(context, wire, THREE_G, {
      bench: 'app.install.3g',
      t0: await page.evaluate(() => performance.timeOrigin),
    });
    const byWorker = exchanges.filter((e) => e.byWorker);
    const byPage = exchanges.filter((e) => !e.byWorker);
    // The page and the service worker are throttled apart, each with the whole bandwidth: what the
    // worker received while the page was loading too would have shared one link on a phone.
    const overlapping = byWorker.filter((w) =>
      byPage.some((p) => w.startedAt < p.endedAt && p.startedAt < w.endedAt),
    );
    return {
      ours: marks.controlled,
      floor: floorMs,
      extra: {
        form_ms: marks.form ?? Number.NaN,
        ...figures,
        worker_round_trips: byWorker.length,
        worker_down_bytes: byWorker.reduce((sum, e) => sum + e.downBytes, 0),
        worker_down_bytes_beside_page: overlapping.reduce((sum, e) => sum + e.downBytes, 0),
      },
    };
  } finally {
    await browser.close();
  }
}
