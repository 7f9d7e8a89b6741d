// Where the time goes: summarizes a .cpuprofile (CDP Profiler from the benchmarks' BENCH_PROFILE runs,
// or `node --cpu-prof`) by function and by source file, self and total time. Minified browser code is
// mapped back to its sources with the build's source maps (BENCH_PROFILE keeps them in DIR/maps).
//   tsx bench/profile-summary.ts FILE.cpuprofile [--maps DIR] [--top N] [--filter TEXT]
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

// --- source maps (VLQ) ---------------------------------------------------------------------------

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
type Segment = [number, number, number, number];

function decodeMappings(mappings: string): Segment[][] {
  const lines: Segment[][] = [];
  let src = 0;
  let srcLine = 0;
  let srcCol = 0;
  for (const line of mappings.split(';')) {
    const segments: Segment[] = [];
    let genCol = 0;
    for (const part of line.split(',')) {
      if (part === '') continue;
      const values: number[] = [];
      let value = 0;
      let shift = 0;
      for (const ch of part) {
        const digit = B64.indexOf(ch);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          values.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      genCol += values[0] ?? 0;
      if (values.length >= 4) {
        src += values[1] ?? 0;
        srcLine += values[2] ?? 0;
        srcCol += values[3] ?? 0;
        segments.push([genCol, src, srcLine, srcCol]);
      }
    }
    lines.push(segments);
  }
  return lines;
}

class SourceMaps {
  readonly #maps = new Map<string, { sources: string[]; lines: Segment[][] } | null>();
  constructor(private readonly dir: string | undefined) {}

  /** "src/app/ui/Today.tsx:42" for a position in a built file, or undefined. */
  lookup(url: string, line: number, column: number): string | undefined {
    if (this.dir === undefined || !url.endsWith('.js')) return undefined;
    const file = basename(new URL(url, 'http://x/').pathname);
    let map = this.#maps.get(file);
    if (map === undefined) {
      const path = join(this.dir, `${file}.map`);
      if (existsSync(path)) {
        const raw = JSON.parse(readFileSync(path, 'utf8')) as { sources: string[]; mappings: string };
        map = { sources: raw.sources, lines: decodeMappings(raw.mappings) };
      } else map = null;
      this.#maps.set(file, map);
    }
    const segments = map?.lines[line];
    if (!map || !segments) return undefined;
    let found: Segment | undefined;
    for (const segment of segments) {
      if (segment[0] > column) break;
      found = segment;
    }
    if (!found) return undefined;
    const raw = map.sources[found[1]] ?? '?';
    const source = raw.includes('node_modules/')
      ? raw.replace(/^.*node_modules\//, 'node_modules/')
      : raw.replace(/^.*?\/?(src|seeds|bench)\//, '$1/');
    return `${source}:${found[2] + 1}`;
  }
}

// --- summary -------------------------------------------------------------------------------------

function main(): void {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { maps: { type: 'string' }, top: { type: 'string', default: '25' }, filter: { type: 'string' } },
  });
  const file = positionals[0];
  if (!file) {
    process.stderr.write('usage: tsx bench/profile-summary.ts FILE.cpuprofile [--maps DIR] [--top N]\n');
    process.exit(2);
  }
  const top = Number(values.top);
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const maps = new SourceMaps(values.maps);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const totalUs = [...self.values()].reduce((a, b) => a + b, 0);

  const label = (node: ProfileNode) => {
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    const where =
      maps.lookup(url, lineNumber, columnNumber) ??
      (url ? `${url.replace(/^.*\/(src|node_modules|assets)\//, '$1/')}:${lineNumber + 1}` : '');
    return `${functionName || '(anonymous)'} ${where}`.trim();
  };
  const fileOf = (node: ProfileNode) => {
    const { url, lineNumber, columnNumber } = node.callFrame;
    const mapped = maps.lookup(url, lineNumber, columnNumber);
    if (mapped) return mapped.replace(/:\d+$/, '').replace(/^(node_modules\/(@[^/]+\/)?[^/]+)\/.*$/, '$1');
    if (!url) return node.callFrame.functionName || '(native)';
    return url
      .replace(/^.*\/node_modules\/((@[^/]+\/)?[^/]+)\/.*$/, 'node_modules/$1')
      .replace(/^file:\/\/.*\/(src|bench|seeds)\//, '$1/');
  };

  const selfBy = new Map<string, number>();
  const fileSelf = new Map<string, number>();
  const totalBy = new Map<string, number>();
  for (const [id, us] of self) {
    const node = byId.get(id);
    if (!node) continue;
    const name = label(node);
    selfBy.set(name, (selfBy.get(name) ?? 0) + us);
    const f = fileOf(node);
    fileSelf.set(f, (fileSelf.get(f) ?? 0) + us);
    // Total: every distinct frame on the stack gets the sample once.
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const frame = byId.get(cur);
      if (!frame) break;
      const key = label(frame);
      if (seen.has(key)) continue;
      seen.add(key);
      totalBy.set(key, (totalBy.get(key) ?? 0) + us);
    }
  }

  const print = (title: string, entries: Map<string, number>) => {
    process.stdout.write(`\n${title}\n`);
    const rows = [...entries]
      .filter(([k]) => !values.filter || k.includes(values.filter))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top);
    for (const [key, us] of rows) {
      process.stdout.write(
        `${(us / 1000).toFixed(0).padStart(8)} ms ${((100 * us) / totalUs).toFixed(1).padStart(5)}%  ${key}\n`,
      );
    }
  };
  process.stdout.write(`${file}: ${(totalUs / 1000).toFixed(0)} ms sampled\n`);
  print('self time by file / package', fileSelf);
  print('self time by function', selfBy);
  print('total time by function (inclusive)', totalBy);
}

main();
