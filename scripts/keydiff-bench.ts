// Key-level diff at scale: time and peak memory of diffContent on two large generated versions
// of one file, each case in a fresh Node process so that the peak belongs to that diff alone.
//
// `npx tsx scripts/keydiff-bench.ts` prints a table; `measureKeyDiff()` returns the rows for the
// main benchmark. The content-diff module is bundled with esbuild into a plain .mjs first, so the
// child is `node` with nothing else loaded (a TypeScript loader would add its own memory).
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';

const execFileAsync = promisify(execFile);
const PROJECT = fileURLToPath(new URL('..', import.meta.url));

export interface KeyDiffCase {
  name: string;
  /** File name given to diffContent; its extension picks the parser. */
  file: string;
  before: string;
  after: string;
  /** Scalars in the old version: the "keys" a reader counts. */
  keys: number;
  /** Targets from the scale issue, when the case is one of its rows. */
  targetSeconds?: number;
  targetMegabytes?: number;
}

export interface KeyDiffRow {
  name: string;
  bytes: number;
  keys: number;
  changes: number;
  /** Median wall time of diffContent over the runs, in seconds. */
  seconds: number;
  /**
   * Median CPU time (all threads, the garbage collector's included) of the same runs: on a busy
   * machine it shows what the diff itself costs, where wall time also counts waiting.
   */
  cpuSeconds: number;
  /** Highest peak RSS (VmHWM) of the child processes, file contents included, in MB. */
  megabytes: number;
  targetSeconds?: number;
  targetMegabytes?: number;
}

/** Deterministic pseudo-random numbers, so every run diffs the same files. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * A mapping of `sections` × `perSection` leaves, the old and the new version: 1% of values
 * changed, 0.2% of keys removed and as many added.
 */
function nestedMaps(sections: number, perSection: number, seed: number) {
  const rand = random(seed);
  const before: Record<string, Record<string, string | number>> = {};
  const after: Record<string, Record<string, string | number>> = {};
  for (let s = 0; s < sections; s++) {
    const name = `section-${String(s).padStart(4, '0')}`;
    const old: Record<string, string | number> = {};
    const current: Record<string, string | number> = {};
    for (let k = 0; k < perSection; k++) {
      const key = `k${String(k).padStart(2, '0')}`;
      const value = k % 3 === 0 ? Math.floor(rand() * 100_000) : `value-${s}-${k}`;
      old[key] = value;
      const roll = rand();
      if (roll < 0.002) continue; // removed
      current[key] = roll < 0.012 ? `changed-${s}-${k}` : value;
      if (roll > 0.998) current[`${key}-new`] = `added-${s}-${k}`;
    }
    before[name] = old;
    after[name] = current;
  }
  return { before, after };
}

function yamlOfNested(doc: Record<string, Record<string, string | number>>): string {
  const lines: string[] = [];
  for (const [section, entries] of Object.entries(doc)) {
    lines.push(`${section}:`);
    for (const [key, value] of Object.entries(entries)) lines.push(`  ${key}: ${value}`);
  }
  return `${lines.join('\n')}\n`;
}

/** `items` mappings of five keys with a unique `name`, a few changed, one inserted in front. */
function yamlSequence(items: number, seed: number): { before: string; after: string } {
  const rand = random(seed);
  const old: string[] = ['items:'];
  const current: string[] = ['items:', '  - name: inserted', '    port: 1', '    host: h'];
  for (let i = 0; i < items; i++) {
    const port = 1000 + (i % 5000);
    const item = (p: number) => [
      `  - name: item-${i}`,
      `    port: ${p}`,
      `    host: host-${i % 97}.example`,
      `    weight: ${i % 10}`,
      `    enabled: ${i % 2 === 0}`,
    ];
    old.push(...item(port));
    current.push(...item(rand() < 0.01 ? port + 1 : port));
  }
  return { before: `${old.join('\n')}\n`, after: `${current.join('\n')}\n` };
}

/** About `bytes` of JSON: nested records, arrays of records without identity, number arrays. */
function jsonLarge(bytes: number, seed: number) {
  const rand = random(seed);
  const old: Record<string, unknown> = {};
  const current: Record<string, unknown> = {};
  let size = 0;
  for (let g = 0; size < bytes; g++) {
    const group: Record<string, unknown> = {};
    const changed: Record<string, unknown> = {};
    for (let k = 0; k < 40; k++) {
      const value = { id: `${g}-${k}`, label: `label ${g} ${k}`, score: k * 1.5, on: k % 2 === 0 };
      group[`entry${k}`] = value;
      changed[`entry${k}`] = rand() < 0.01 ? { ...value, score: -1 } : value;
    }
    const series = Array.from({ length: 50 }, (_, i) => (g * 31 + i) % 1000);
    const nextSeries = rand() < 0.05 ? [...series.slice(0, 10), 7, ...series.slice(10)] : series;
    const rows = Array.from({ length: 10 }, (_, i) => ({ x: i, y: `row ${g} ${i}` }));
    const name = `group${g}`;
    old[name] = { ...group, series, rows };
    current[name] = { ...changed, series: nextSeries, rows };
    // Counted as written below: indented by two more spaces inside the root object.
    const written = JSON.stringify(old[name], null, 2);
    size += written.length + 2 * written.split('\n').length + name.length + 6;
  }
  const keys = countLeaves(old);
  return { before: JSON.stringify(old, null, 2), after: JSON.stringify(current, null, 2), keys };
}

/** `keys` entries of one mapping, `key-N: text N`: 1% changed, one removed, one added. */
function flatMap(keys: number): { before: string; after: string } {
  const old: string[] = [];
  const current: string[] = [];
  for (let i = 0; i < keys; i++) {
    const key = `key-${String(i).padStart(6, '0')}`;
    old.push(`${key}: value ${i}\n`);
    current.push(`${key}: value ${i % 100 === 50 ? 'changed' : i}\n`);
  }
  return { before: `${old.join('')}gone: 1\n`, after: `${current.join('')}fresh: 2\n` };
}

const thousands = (n: number): string => n.toLocaleString('en-US');

/**
 * The scale targets' two rows (50,000 keys of YAML in about 1 MB, 5 MB of JSON), other shapes
 * of YAML, and a YAML file that has to be parsed whole (a merge key rules out parsing it in
 * pieces): its memory is what the content limit must allow for. `scale` multiplies every size.
 */
export function keyDiffCases(scale = 1): KeyDiffCase[] {
  const flat = flatMap(Math.round(50_000 * scale));
  const nested = nestedMaps(Math.round(1_000 * scale), 50, 1);
  const sequenceItems = Math.round(10_000 * scale);
  const json = jsonLarge(5 * 1024 * 1024 * scale, 3);
  const nestedBefore = yamlOfNested(nested.before);
  const nestedAfter = yamlOfNested(nested.after);
  const merge = 'defaults: &defaults\n  retries: 3\nservice:\n  <<: *defaults\n';
  const target = scale === 1;
  return [
    {
      name: `YAML, ${thousands(50_000 * scale)} keys in one mapping`,
      file: 'flat.yaml',
      ...flat,
      keys: Math.round(50_000 * scale),
      ...(target && { targetSeconds: 2, targetMegabytes: 150 }),
    },
    {
      name: `YAML, ${thousands(50_000 * scale)} keys in nested mappings`,
      file: 'values.yaml',
      before: nestedBefore,
      after: nestedAfter,
      keys: countLeaves(nested.before),
      ...(target && { targetSeconds: 2, targetMegabytes: 150 }),
    },
    {
      name: `YAML, ${thousands(sequenceItems)} named mappings in a list`,
      file: 'items.yaml',
      ...yamlSequence(sequenceItems, 2),
      keys: sequenceItems * 5,
    },
    {
      name: 'YAML parsed whole (merge key), nested mappings',
      file: 'merged.yaml',
      before: merge + nestedBefore,
      after: merge + nestedAfter,
      keys: countLeaves(nested.before) + 2,
    },
    {
      name: `JSON, ${5 * scale} MB (mappings, lists)`,
      file: 'data.json',
      ...json,
      ...(target && { targetSeconds: 1 }),
    },
  ];
}

/** Leaves (scalars) of a JSON-like value: the "keys" a reader would count. */
function countLeaves(value: unknown): number {
  if (Array.isArray(value)) return value.reduce<number>((n, v) => n + countLeaves(v), 0);
  if (typeof value === 'object' && value !== null) {
    return Object.values(value).reduce<number>((n, v) => n + countLeaves(v), 0);
  }
  return 1;
}

const CHILD = `
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
const [moduleUrl, file, beforePath, afterPath] = process.argv.slice(2);
const { diffContent } = await import(moduleUrl);
const before = readFileSync(beforePath);
const after = readFileSync(afterPath);
const start = performance.now();
const cpuStart = process.cpuUsage();
const result = diffContent(file, before, after);
const seconds = (performance.now() - start) / 1000;
const cpu = process.cpuUsage(cpuStart);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const hwm = /^VmHWM:\\s+(\\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? '0';
const changes = result.keys?.length ?? -1;
process.stdout.write(JSON.stringify({ seconds, cpuSeconds, kb: Number(hwm), changes, kind: result.kind, note: result.note }));
`;

interface ChildResult {
  seconds: number;
  cpuSeconds: number;
  kb: number;
  changes: number;
  kind: string;
  note?: string;
}

/**
 * Runs every case `runs` times, each in a fresh process. `entry` is the content-diff module to
 * measure (another checkout's, to compare before and after a change).
 */
export async function measureKeyDiff(
  cases: KeyDiffCase[] = keyDiffCases(),
  runs = 3,
  entry = join(PROJECT, 'src/core/content-diff/index.ts'),
): Promise<KeyDiffRow[]> {
  const dir = await mkdtemp(join(tmpdir(), 'snapback-keydiff-'));
  try {
    const bundle = join(dir, 'content-diff.mjs');
    await build({
      entryPoints: [entry],
      outfile: bundle,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      logLevel: 'warning',
      // yaml is CommonJS and calls require(); give the ESM bundle one, as scripts/build.mjs does.
      banner: {
        js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
      },
    });
    const child = join(dir, 'child.mjs');
    await writeFile(child, CHILD);
    const rows: KeyDiffRow[] = [];
    for (const [i, c] of cases.entries()) {
      const beforePath = join(dir, `${i}-before`);
      const afterPath = join(dir, `${i}-after`);
      await writeFile(beforePath, c.before);
      await writeFile(afterPath, c.after);
      const results: ChildResult[] = [];
      for (let r = 0; r < runs; r++) {
        const args = [child, pathToFileURL(bundle).href, c.file, beforePath, afterPath];
        const { stdout } = await execFileAsync(process.execPath, args, {
          maxBuffer: 1 << 20,
        });
        results.push(JSON.parse(stdout) as ChildResult);
      }
      const first = results[0]!;
      if (first.kind !== 'structured') {
        throw new Error(`${c.name}: compared as ${first.kind} (${first.note ?? 'no note'})`);
      }
      const median = (values: number[]) =>
        values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
      const row: KeyDiffRow = {
        name: c.name,
        bytes: Math.max(Buffer.byteLength(c.before), Buffer.byteLength(c.after)),
        keys: c.keys,
        changes: first.changes,
        seconds: median(results.map((r) => r.seconds)),
        cpuSeconds: median(results.map((r) => r.cpuSeconds)),
        megabytes: Math.max(...results.map((r) => r.kb)) / 1024,
      };
      if (c.targetSeconds !== undefined) row.targetSeconds = c.targetSeconds;
      if (c.targetMegabytes !== undefined) row.targetMegabytes = c.targetMegabytes;
      rows.push(row);
    }
    return rows;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function keyDiffTable(rows: KeyDiffRow[]): string {
  const lines = [
    '| case | size | keys | changes | time | CPU | target | peak RSS | target |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const r of rows) {
    const target = (value: number | undefined, unit: string) =>
      value === undefined ? '' : `≤ ${value} ${unit}`;
    lines.push(
      `| ${r.name} | ${(r.bytes / 1e6).toFixed(2)} MB | ${r.keys} | ${r.changes} | ${r.seconds.toFixed(2)} s | ${r.cpuSeconds.toFixed(2)} s | ${target(r.targetSeconds, 's')} | ${r.megabytes.toFixed(0)} MB | ${target(r.targetMegabytes, 'MB')} |`,
    );
  }
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // `npx tsx scripts/keydiff-bench.ts [scale]`: scale 4 diffs files four times as large.
  const rows = await measureKeyDiff(keyDiffCases(Number(process.argv[2] ?? 1)));
  process.stdout.write(`${keyDiffTable(rows)}\n`);
}
