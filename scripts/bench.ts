// `npm run bench`: our record against native git doing the same work, on a 50,000-file,
// ~400 MB repository served by a real git http-backend on 127.0.0.1. Progress goes to stderr,
// the results table to stdout, and everything to BENCHMARKS.md. See the Method section there.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { loadavg } from 'node:os';
import {
  checkout,
  cleanupTempDirs,
  git,
  startGitServer,
  tempDir,
  type GitServer,
} from '../test/harness/index.js';
import { applyChanges, ChangePlanner, type ChangeSet } from './bench/changes.js';
import { bytes, count, megabytes, seconds } from './bench/format.js';
import { compareHashing, comparePush } from './bench/isogit.js';
import { compareDiff, diffCommand, renderComment, type DiffResults } from './bench/diff.js';
import { benchPrune, PRUNE_COUNT, PRUNE_TOTAL, type PruneBench } from './bench/prune.js';
import { describeMachine, type Machine } from './bench/machine.js';
import { bigFilePhase } from './bench/bigfile.js';
import { historyPhase } from './bench/history.js';
import { keyDiffPhase } from './bench/keydiff.js';
import {
  memoryHeadline,
  renderScale,
  scaleMisses,
  type ScaleResults,
} from './bench/scale-report.js';
import { statusManyPhase } from './bench/status-many.js';
import { GNU_TIME, gitPeaks, memoryProbe, nodePeakKb, resetGitPeaks } from './bench/memory.js';
import {
  recordNative,
  recordOurs,
  type NativeResult,
  type OursResult,
  type Target,
} from './bench/record.js';
import { addOtherTracks, OTHER_TRACKS, removeOtherTracks } from './bench/registry.js';
import {
  buildNotes,
  buildRows,
  renderDocument,
  rowsTable,
  type Results,
  type RoundResult,
  type TraceResult,
} from './bench/report.js';
import {
  buildRepository,
  FULL_LAYOUT,
  makeLayout,
  publish,
  type Layout,
} from './bench/synthetic.js';
import {
  childSummary,
  readTrace2,
  stampRequests,
  stepStats,
  timeline,
  type Segment,
} from './bench/trace.js';

const execFileAsync = promisify(execFile);
const PROJECT = fileURLToPath(new URL('..', import.meta.url));
const ACTION_YML = join(PROJECT, 'action.yml');
const OUTPUT = join(PROJECT, 'BENCHMARKS.md');
const TOKEN = 'ghs_benchmark_token';
const REPO = 'bench/big';
const TRACK = 'bench';
/** The notes ref of the plain-git side of record rounds. */
const NATIVE_NOTES = 'refs/notes/native';
/**
 * Rounds per server state (plain, crowded registry): odd, so the median is a real run.
 * BENCH_ROUNDS overrides it for a quick try of the benchmark itself.
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? '') || 5;
/** Rounds of the prune comparison (each side once per round). */
const PRUNE_ROUNDS = 3;
/** Traced records per server state; the breakdown shows each step's median over them. */
const TRACE_RUNS = 3;
/** Files in the isomorphic-git comparisons: every tenth file of the big repository. */
const SUBSET_EVERY = 10;

const benchStart = performance.now();

function progress(message: string): void {
  const s = Math.round((performance.now() - benchStart) / 1000);
  const stamp = `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  process.stderr.write(`[bench ${stamp}] ${message}\n`);
}

/** Everything a round needs: the server, both checkouts and the counters that must advance. */
interface Bench {
  server: GitServer;
  /** index.js of the benchmark's own build of the action. */
  entry: string;
  target: Target;
  layout: Layout;
  planner: ChangePlanner;
  ours: string;
  native: string;
  scratch: string;
  version: number;
  nativeRef: number;
  round: number;
  registry: boolean;
  v1Commit: string;
}

function preflight(): void {
  if (!existsSync(GNU_TIME)) throw new Error(`${GNU_TIME} (GNU time) is needed for peak memory`);
}

/**
 * Builds the action (scripts/build.mjs, as \`npm run build\` does) into a directory of the
 * benchmark's own and returns its entry. dist/ is shared with whoever else works in this
 * checkout; a rebuild there in the middle of a run would mix two versions of the action.
 */
async function buildAction(): Promise<string> {
  const out = join(tempDir('snapback-bench-action'), 'dist');
  await execFileAsync(process.execPath, [join(PROJECT, 'scripts', 'build.mjs'), out], {
    cwd: PROJECT,
  });
  return join(out, 'index.js');
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await fn();
  return [value, performance.now() - started];
}

async function setUp(server: GitServer) {
  const layout = makeLayout();
  progress(
    `building ${count(layout.files.length)} files, ${bytes(layout.totalBytes)}, ${count(layout.folders + 1)} folders`,
  );
  const src = tempDir('snapback-bench-src');
  const [, buildMs] = await timed(() => buildRepository(src, layout.files));
  progress(`built in ${seconds(buildMs)}; pushing to the server`);
  const [, publishMs] = await timed(() => publish(server, REPO, src));
  await rm(src, { recursive: true, force: true });
  progress(`pushed in ${seconds(publishMs)}; two depth-1 checkouts`);
  const [[ours, native], checkoutMs] = await timed(() =>
    Promise.all([
      checkout(server, REPO, { token: TOKEN }),
      checkout(server, REPO, { token: TOKEN }),
    ]),
  );
  progress(`checked out in ${seconds(checkoutMs)}`);
  const setup = {
    files: layout.files.length,
    bytes: layout.totalBytes,
    folders: layout.folders,
    flatEntries: FULL_LAYOUT.flatFiles,
    buildMs,
    publishMs,
    checkoutMs,
  };
  return { layout, ours, native, setup };
}

/** isomorphic-git on a smaller repository of its own (informational rows). */
async function isoPhase(server: GitServer, layout: Layout): Promise<Results['iso']> {
  const subset = layout.files.filter((_, i) => i % SUBSET_EVERY === 0);
  const subsetBytes = subset.reduce((n, f) => n + f.size, 0);
  progress(`isomorphic-git comparisons on ${count(subset.length)} files (${bytes(subsetBytes)})`);
  const src = tempDir('snapback-bench-small');
  await buildRepository(src, subset);
  const repos = { iso: 'bench/small-iso', native: 'bench/small-native' };
  await publish(server, repos.iso, src);
  await publish(server, repos.native, src);
  await rm(src, { recursive: true, force: true });
  const ws = await checkout(server, repos.iso, { token: TOKEN });

  // The checkout holds exactly the subset, so "the work tree" is those files.
  const scratch = tempDir('snapback-bench-iso');
  const hash = await compareHashing(ws, subset.length, subsetBytes, scratch);
  // isomorphic-git's tree must be the one native git wrote, or the comparison is unfair.
  const sameTree = hash.iso.value === hash.native.tree;
  progress(`  hashing: isomorphic-git ${isoText(hash.iso)}, native ${seconds(hash.native.ms)}`);

  await applyChanges(ws, new ChangePlanner(subset, FULL_LAYOUT.meanSize).plan(1));
  await git(ws, ['add', '-A']);
  await git(ws, ['commit', '-q', '-m', '100 changed files']);
  const push = await comparePush(server, ws, repos);
  progress(
    `  push: isomorphic-git ${isoText(push.iso)} (${bytes(push.iso.bytes)}), native ${seconds(push.native.ms)} (${bytes(push.native.bytes)})`,
  );
  // "Whole tree" = it sent at least the subset's bytes although only 100 files changed.
  return { hash, push, sameTree, pushTrees: push.iso.bytes >= subsetBytes * 0.9 };
}

function isoText(t: { ms: number; timedOut?: boolean; error?: string }): string {
  return t.timedOut
    ? `> ${seconds(t.ms)} (gave up)`
    : t.error
      ? `failed (${t.error})`
      : seconds(t.ms);
}

async function recordVersion(
  b: Bench,
  extra: { env?: Record<string, string | undefined>; script?: string } = {},
): Promise<OursResult> {
  const version = b.version + 1;
  const result = await recordOurs(b.target, {
    workspace: b.ours,
    track: TRACK,
    expectVersion: version,
    ...(extra.env ? { env: extra.env } : {}),
    script: extra.script ?? b.entry,
    actionYml: ACTION_YML,
  });
  const onServer = (await b.server.refs(REPO, `refs/versions/${TRACK}/`)).get(
    `refs/versions/${TRACK}/${version}`,
  );
  if (onServer !== result.commit) {
    throw new Error(
      `refs/versions/${TRACK}/${version} is ${onServer ?? 'missing'} on the server, not ${result.commit}`,
    );
  }
  b.version = version;
  return result;
}

async function recordNativeRound(b: Bench, env?: Record<string, string>): Promise<NativeResult> {
  b.nativeRef += 1;
  return recordNative(b.target, {
    workspace: b.native,
    indexFile: join(b.scratch, `native-index-${b.nativeRef}`),
    ref: `refs/native/bench/${b.nativeRef}`,
    message: `native record ${b.nativeRef}`,
    ...(env ? { env } : {}),
  });
}

/**
 * The plain-git equivalent of our record with the same head start: a temporary index seeded from
 * the checkout's index, its timestamp kept (git re-hashes only files whose stat changed and the
 * racily clean ones, as ours does; see copyIndex), add,
 * write-tree, commit-tree, a note on the new commit on top of the fetched notes tip, and one
 * `git push --atomic` of the version ref and the notes. Its notes live on a ref of their own, so
 * the two sides never race for refs/notes/versions.
 */
function recordSeeded(
  b: Bench,
  env?: Record<string, string>,
  seedIndex: true | 'fresh' = true,
): Promise<NativeResult> {
  b.nativeRef += 1;
  return recordNative(b.target, {
    workspace: b.native,
    indexFile: join(b.scratch, `seeded-index-${b.nativeRef}`),
    ref: `refs/native/bench/${b.nativeRef}`,
    message: `seeded ${b.nativeRef}`,
    seedIndex,
    notesRef: NATIVE_NOTES,
    ...(env ? { env } : {}),
  });
}

/** Both snapshots of a round must hold the same tree: proof both sides did the same work. */
async function checkSameTree(b: Bench, ours: OursResult, native: NativeResult): Promise<void> {
  const tree = (await b.server.git(REPO, ['rev-parse', `${ours.commit}^{tree}`])).trim();
  if (tree !== native.tree) {
    throw new Error(
      `round ${b.round}: our snapshot tree ${tree} differs from native's ${native.tree}`,
    );
  }
}

async function setRegistry(b: Bench, on: boolean): Promise<void> {
  if (on === b.registry) return;
  if (on) await addOtherTracks(b.server, REPO, b.v1Commit);
  else await removeOtherTracks(b.server, REPO);
  b.registry = on;
}

async function nextChanges(b: Bench): Promise<ChangeSet> {
  b.round += 1;
  const set = b.planner.plan(b.round);
  await applyChanges(b.ours, set);
  await applyChanges(b.native, set);
  return set;
}

async function firstRecord(b: Bench): Promise<Results['first']> {
  progress(`recording v1 of all ${count(b.layout.files.length)} files (ours, then native)`);
  const ours = await recordVersion(b);
  const native = await recordNativeRound(b);
  await checkSameTree(b, ours, native);
  b.v1Commit = ours.commit;
  // The plain-git side appends its notes to a notes ref that exists, as ours does from v2 on.
  await git(b.server.repoPath(REPO), [
    'notes',
    `--ref=${NATIVE_NOTES}`,
    'add',
    '-m',
    'v1',
    ours.commit,
  ]);
  progress(`  v1: ours ${seconds(ours.ms)}, native ${seconds(native.ms)}`);
  return { ours, native };
}

async function measuredRound(
  b: Bench,
  registry: boolean,
  oursFirst: boolean,
): Promise<RoundResult> {
  await setRegistry(b, registry);
  await nextChanges(b);
  let ours: OursResult;
  let seeded: NativeResult;
  if (oursFirst) {
    ours = await recordVersion(b);
    seeded = await recordSeeded(b);
  } else {
    seeded = await recordSeeded(b);
    ours = await recordVersion(b);
  }
  await checkSameTree(b, ours, seeded);
  // Last and informational: native git hashing every file into an empty index, and the
  // plain-git record again with an index copy stamped now (it trusts racily clean entries).
  const native = await recordNativeRound(b);
  const seededFresh = await recordSeeded(b, undefined, 'fresh');
  return {
    round: b.round,
    registry,
    oursFirst,
    ours,
    native,
    seeded,
    seededFresh,
    load: loadavg()[0] ?? 0,
  };
}

async function measuredRounds(b: Bench): Promise<RoundResult[]> {
  const rounds: RoundResult[] = [];
  for (let i = 0; i < ROUNDS * 2; i++) {
    // Plain and crowded alternate; within each, who goes first alternates too.
    const registry = i % 2 === 1;
    const oursFirst = Math.floor(i / 2) % 2 === 0;
    const r = await measuredRound(b, registry, oursFirst);
    progress(
      `round ${i + 1}/${ROUNDS * 2} (${registry ? `+${count(OTHER_TRACKS)} refs` : 'plain'}): ` +
        `ours v${r.ours.version} ${seconds(r.ours.ms)} (${bytes(r.ours.bytesPushed)}, ${megabytes(r.ours.peakKb)}), ` +
        `plain git with the same head start ${seconds(r.seeded.ms)} (${bytes(r.seeded.bytesPushed)}), native into an empty index ${seconds(r.native.ms)}`,
    );
    rounds.push(r);
  }
  return rounds;
}

async function memoryRound(b: Bench): Promise<Results['memory']> {
  await setRegistry(b, false);
  await nextChanges(b);
  const probe = memoryProbe(join(b.scratch, 'memory'), b.entry);
  await recordVersion(b, { env: probe.env, script: probe.wrapper });
  const ours = gitPeaks(probe);
  resetGitPeaks(probe);
  await recordSeeded(b, probe.env);
  const native = gitPeaks(probe);
  const nodeKb = nodePeakKb(probe);
  progress(
    `memory: node ${megabytes(nodeKb)}, largest git ${megabytes(ours[0]?.kb ?? 0)} (${ours[0]?.command.split(' ')[1] ?? '-'})`,
  );
  return { nodeKb, ours, native };
}

interface TracedRun {
  ours: OursResult;
  segments: Segment[];
  pushChildren: string;
}

/** One record with GIT_TRACE2_EVENT on and the server's requests stamped with their start. */
async function tracedRecord(b: Bench, registry: boolean): Promise<TracedRun> {
  await setRegistry(b, registry);
  await nextChanges(b);
  const file = join(b.scratch, `trace-${b.round}.json`);
  const stamps = stampRequests(b.server);
  let ours: OursResult;
  try {
    ours = await recordVersion(b, { env: { GIT_TRACE2_EVENT: file } });
  } finally {
    stamps.stop();
  }
  await recordSeeded(b); // keeps both sides' servers and workspaces in step
  const processes = await readTrace2(file);
  const push = processes.find((p) => p.argv[1] === 'push');
  return {
    ours,
    segments: timeline(ours.spawnAt, ours.exitAt, processes, stamps.spans()),
    pushChildren: push ? childSummary(push) : '',
  };
}

function summarizeTraces(registry: boolean, runs: TracedRun[]): TraceResult {
  const { steps, runsUsed } = stepStats(runs.map((r) => r.segments));
  return {
    registry,
    totals: runs.map((r) => r.ours.ms),
    versions: runs.map((r) => r.ours.version),
    steps,
    runsUsed,
    pushChildren: runs[0]?.pushChildren ?? '',
  };
}

async function traceRounds(b: Bench): Promise<TraceResult[]> {
  const plain: TracedRun[] = [];
  const crowded: TracedRun[] = [];
  for (let i = 0; i < TRACE_RUNS * 2; i++) {
    const registry = i % 2 === 1;
    const run = await tracedRecord(b, registry);
    (registry ? crowded : plain).push(run);
    progress(
      `traced record ${i + 1}/${TRACE_RUNS * 2} (${registry ? 'crowded' : 'plain'}): ${seconds(run.ours.ms)}`,
    );
  }
  return [summarizeTraces(false, plain), summarizeTraces(true, crowded)];
}

/** Diff of the last two versions (one round of changes apart) and the comment rendering. */
async function diffPhase(b: Bench): Promise<DiffResults> {
  await setRegistry(b, false);
  const [from, to] = [b.version - 1, b.version];
  progress(`diff v${from} → v${to}: ours against git diff --name-status -M, then the command`);
  const ref = (n: number) => `refs/versions/${TRACK}/${n}`;
  const engine = await compareDiff(b.ours, ref(from), ref(to));
  progress(
    `  engine: ours ${engine.oursMs.toFixed(1)} ms, native ${engine.nativeMs.toFixed(1)} ms (${engine.changed} changes)`,
  );
  const command = await diffCommand(b.target, b.ours, b.entry, from, to);
  if (command.changed !== engine.changed) {
    throw new Error(
      `diff command reported ${command.changed} changes, the engine ${engine.changed}`,
    );
  }
  const render = renderComment();
  progress(
    `  command ${seconds(command.ms)}; comment for 10,000 files rendered in ${render.ms.toFixed(1)} ms`,
  );
  return { engine, command, render };
}

/** The 50,000-file repository: record rounds, memory, traces, diff, prune of 1,000 of 5,000. */
async function repoGroup(server: GitServer, entry: string, machine: Machine): Promise<Results> {
  const { layout, ours, native, setup } = await setUp(server);
  const iso = await isoPhase(server, layout);
  const b: Bench = {
    server,
    entry,
    target: { server, repo: REPO, token: TOKEN },
    layout,
    planner: new ChangePlanner(layout.files, FULL_LAYOUT.meanSize),
    ours,
    native,
    scratch: tempDir('snapback-bench-scratch'),
    version: 0,
    nativeRef: 0,
    round: 0,
    registry: false,
    v1Commit: '',
  };
  const first = await firstRecord(b);
  const rounds = await measuredRounds(b);
  const memory = await memoryRound(b);
  const traces = await traceRounds(b);
  const diff = await diffPhase(b);
  const prune = await prunePhase(b);
  await rm(b.scratch, { recursive: true, force: true });
  const totalMs = performance.now() - benchStart;
  return {
    machine,
    setup,
    first,
    rounds,
    otherTracks: OTHER_TRACKS,
    memory,
    traces,
    iso,
    diff,
    prune,
    totalMs,
  };
}

/** Pruning 1,000 of 5,000 versions on a registry of its own: our command vs `git push --atomic`. */
async function prunePhase(b: Bench): Promise<PruneBench> {
  progress(
    `prune ${count(PRUNE_COUNT)} of ${count(PRUNE_TOTAL)} versions: ours vs git push --atomic`,
  );
  return benchPrune(b.server, b.entry, tempDir('snapback-bench-prune'), PRUNE_ROUNDS, progress);
}

const GROUPS = ['repo', 'history', 'status', 'bigfile', 'keydiff'] as const;
type Group = (typeof GROUPS)[number];

/** `--only a,b` runs those groups alone (the file is then left alone: stdout only). */
function selectedGroups(argv: string[]): Group[] {
  const at = argv.indexOf('--only');
  if (at === -1) return [...GROUPS];
  const names = (argv[at + 1] ?? '').split(',').filter(Boolean);
  const bad = names.filter((n) => !(GROUPS as readonly string[]).includes(n));
  if (names.length === 0 || bad.length > 0) {
    throw new Error(`--only takes groups among ${GROUPS.join(', ')} (comma-separated)`);
  }
  return names as Group[];
}

/** Sizes of the history group: 10 and 10,000 repeated (their ratio is a target), 1,000 once. */
const HISTORY_SIZES = (process.env.BENCH_HISTORY_SIZES ?? '10:5,1000:1,10000:3')
  .split(',')
  .map((part) => {
    const [versions, reps] = part.split(':').map(Number);
    return { versions: versions!, reps: reps ?? 1, probe: versions === 10_000 };
  });
/** A command slower than this is stopped and reported as such (then not repeated). */
const COMMAND_LIMIT_MS = 120_000;

async function main(): Promise<void> {
  preflight();
  const groups = selectedGroups(process.argv.slice(2));
  const full = groups.length === GROUPS.length;
  const server = await startGitServer({ token: TOKEN });
  let results: Results | undefined;
  const scale: ScaleResults = {};
  try {
    const machine = describeMachine(PROJECT, ACTION_YML);
    const entry = await buildAction();
    const entries = { action: entry, cli: join(entry, '..', 'cli.js'), actionYml: ACTION_YML };
    progress(`built the action into ${entry}; groups: ${groups.join(', ')}`);
    if (groups.includes('repo')) results = await repoGroup(server, entry, machine);
    // A scale group that fails is reported as failed; the groups after it still run.
    const guarded = async (group: Group, fn: () => Promise<void>) => {
      if (!groups.includes(group)) return;
      try {
        await fn();
      } catch (e) {
        const message = e instanceof Error ? (e.stack ?? e.message) : String(e);
        progress(`group ${group} failed: ${message}`);
        (scale.failures ??= []).push(`${group}: ${message.split('\n')[0] ?? ''}`);
      }
    };
    await guarded('history', async () => {
      scale.history = await historyPhase(server, entries, {
        sizes: HISTORY_SIZES,
        timeoutMs: COMMAND_LIMIT_MS,
        progress,
      });
    });
    await guarded('status', async () => {
      scale.statusMany = await statusManyPhase(
        server,
        entries,
        tempDir('snapback-bench-status'),
        3,
        COMMAND_LIMIT_MS,
        progress,
      );
    });
    await guarded('bigfile', async () => {
      scale.bigFile = await bigFilePhase(server, entries, tempDir('snapback-bench-big'), progress);
    });
    await guarded('keydiff', async () => {
      scale.keyDiff = await keyDiffPhase(tempDir('snapback-bench-keydiff'), 3, progress);
    });
  } finally {
    progress('cleaning up temp dirs');
    await server.close();
    await cleanupTempDirs();
  }
  const totalMs = performance.now() - benchStart;
  const section = renderScale(scale);
  const rows = results ? buildRows(results) : [];
  if (full && results) {
    const notes = [
      ...buildNotes(results),
      ...scaleMisses(scale).map((m) => `Missed target: ${m}.`),
    ];
    await writeFile(
      OUTPUT,
      renderDocument(results, rows, notes, {
        section,
        headline: memoryHeadline(scale),
        totalMs,
      }),
    );
    progress(`wrote ${OUTPUT}; total ${seconds(totalMs)}`);
  } else {
    progress(
      `partial run (${groups.join(', ')}): BENCHMARKS.md left alone; total ${seconds(totalMs)}`,
    );
  }
  if (rows.length > 0) process.stdout.write(`${rowsTable(rows)}\n\n`);
  process.stdout.write(`${section}\n`);
}

main().catch((e: unknown) => {
  progress(`benchmark aborted: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  process.exitCode = 1;
});
