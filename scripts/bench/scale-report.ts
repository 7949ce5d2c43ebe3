// The scale section of BENCHMARKS.md: long histories, many tracks, big files, large structured
// files. Every row names what both sides do; a target missed says MISS; the memory headline
// is the worst peak of every probed run.
import { count, markdownTable, median, megabytes, seconds } from './format.js';
import type { ProcessPeak } from './memory.js';
import type { BigFileResult } from './bigfile.js';
import type { KeyDiffResult } from './keydiff.js';
import { COMMANDS, KEEP, type CommandId, type SizeResult, type Timing } from './history.js';
import type { CommandRun } from './runs.js';

export const SCALE_TARGETS = {
  growth: 1.25,
  pruneRatio: 0.5,
  peakMB: 150,
  recordRatio: 1.5,
  diffRatio: 2,
  yamlMs: 2_000,
  jsonMs: 1_000,
} as const;

export interface StatusManyResult {
  tracks: number;
  versions: number;
  buildMs: number;
  action: Timing;
  cli: Timing;
  memory: { action?: ProbeRun; cli?: ProbeRun };
}

export interface ProbeRun {
  nodeKb: number;
  git: ProcessPeak[];
  timedOut: boolean;
}

export interface ScaleResults {
  history?: SizeResult[];
  statusMany?: StatusManyResult;
  bigFile?: BigFileResult;
  keyDiff?: KeyDiffResult;
  /** Groups that failed as a whole: "<group>: <first line>". */
  failures?: string[];
}

/** Memory targets in decimal MB; /proc and GNU time report KiB. */
const LIMIT_KB = (SCALE_TARGETS.peakMB * 1e6) / 1024;

const runs = (n: number) => (n > 1 ? ` (${n} runs)` : '');

const pass = (ok: boolean, miss: string) => (ok ? 'PASS' : `MISS: ${miss}`);

function timeText(t: Timing | undefined): string {
  if (t?.error) return `failed: ${t.error}`;
  if (!t || t.ms.length === 0) return '—';
  if (t.timedOut) return `> ${seconds(Math.max(...t.ms))} (stopped)`;
  const m = median(t.ms);
  return t.ms.length > 1 ? `${seconds(m)} (${t.ms.length} runs)` : seconds(m);
}

function shortCommand(command: string): string {
  return command
    .replace(/ -c \S+/g, '')
    .split(' ')
    .filter((w) => !/^[0-9a-f]{40}$/.test(w))
    .slice(0, 4)
    .join(' ');
}

function gitText(peaks: ProcessPeak[]): string {
  const top = peaks[0];
  return top ? `${megabytes(top.kb)} (\`${shortCommand(top.command)}\`)` : '—';
}

function bySize(h: SizeResult[], versions: number): SizeResult | undefined {
  return h.find((s) => s.versions === versions);
}

function historyRows(h: SizeResult[]): string[][] {
  const small = bySize(h, 10);
  const mid = bySize(h, 1_000);
  const large = bySize(h, 10_000);
  return COMMANDS.map((spec) => {
    const a = small?.commands[spec.id];
    const b = large?.commands[spec.id];
    const isPrune = spec.id === 'prune' || spec.id === 'cli-prune';
    let ratioText = '—';
    let result = '—';
    if (a?.error || b?.error) result = 'MISS: failed';
    else if (a && b && a.ms.length && b.ms.length) {
      const r = (b.timedOut ? Math.max(...b.ms) : median(b.ms)) / median(a.ms);
      ratioText = `${b.timedOut ? '> ' : ''}${r.toFixed(2)}×`;
      result = isPrune
        ? 'info (deletes 9,990 at 10,000; see the prune rows)'
        : pass(!b.timedOut && r <= SCALE_TARGETS.growth, `${ratioText}`);
    }
    return [
      spec.what,
      timeText(a),
      timeText(mid?.commands[spec.id]),
      timeText(b),
      ratioText,
      isPrune ? 'see below' : `≤ ${SCALE_TARGETS.growth}×`,
      result,
    ];
  });
}

function pruneRows(h: SizeResult[]): string[][] {
  const rows: string[][] = [];
  for (const size of h) {
    const native = size.nativePrune;
    if (!native || size.versions < 1_000) continue;
    const nativeMs = median(native.ms);
    for (const id of ['prune', 'cli-prune'] as CommandId[]) {
      const ours = size.commands[id];
      if (ours?.error) {
        rows.push([
          `${id === 'prune' ? 'Action' : 'CLI'} prune of ${count(native.count)} of ${count(size.versions)} versions`,
          timeText(ours),
          seconds(nativeMs),
          '—',
          'info',
          size.versions === 10_000 ? 'MISS: failed' : 'info',
        ]);
        continue;
      }
      if (!ours || ours.ms.length === 0) continue;
      const oursMs = ours.timedOut ? Math.max(...ours.ms) : median(ours.ms);
      const r = oursMs / nativeMs;
      const big = size.versions === 10_000;
      // A side stopped at the limit gives a bound, not a figure: say which way it bounds.
      const ratioText =
        ours.timedOut && native.timedOut
          ? 'both stopped'
          : ours.timedOut
            ? `> ${r.toFixed(2)}×`
            : native.timedOut
              ? `< ${r.toFixed(2)}×`
              : `${r.toFixed(2)}×`;
      rows.push([
        `${id === 'prune' ? 'Action' : 'CLI'} prune of ${count(native.count)} of ${count(size.versions)} versions (keep the last ${KEEP}; the aliased one stays): the whole command (list, plan, a \`pruned\` note per version, the deletions) vs \`git push --atomic <url> :ref …\` of the same ${count(native.count)} refs from a fresh checkout`,
        timeText(ours),
        `${native.timedOut ? '> ' : ''}${seconds(nativeMs)}${runs(native.ms.length)}`,
        ratioText,
        big ? `≤ ${SCALE_TARGETS.pruneRatio}×` : 'info',
        big ? pass(!ours.timedOut && r <= SCALE_TARGETS.pruneRatio, ratioText) : 'info',
      ]);
    }
  }
  return rows;
}

function vsPlainRows(h: SizeResult[]): string[][] {
  const rows: string[][] = [];
  for (const size of h) {
    const rec = size.commands.record;
    if (rec && rec.ms.length && size.nativeRecord.length) {
      const r = median(rec.ms) / median(size.nativeRecord);
      const target = size.versions === 10;
      rows.push([
        `Record of a 10-file track (1 file changed) at ${count(size.versions)} versions vs plain git with the same head start: temporary index seeded from the checkout's index (its timestamp kept), \`git add\` of the track, write-tree, commit-tree, \`git fetch --depth=1\` of the notes tip, \`git notes add\`, one \`git push --atomic\` of the version ref and the notes`,
        timeText(rec),
        `${seconds(median(size.nativeRecord))}${runs(size.nativeRecord.length)}`,
        `${r.toFixed(2)}×`,
        target ? `≤ ${SCALE_TARGETS.recordRatio}×` : 'info',
        target ? pass(r <= SCALE_TARGETS.recordRatio, `${r.toFixed(2)}×`) : 'info',
      ]);
    }
    const diff = size.commands['diff-previous'];
    if (diff && diff.ms.length && size.nativeDiff.length) {
      const r = median(diff.ms) / median(size.nativeDiff);
      rows.push([
        `Diff command end to end (previous → latest at ${count(size.versions)} versions: both versions fetched, compared key by key, rendered, outputs) vs \`git fetch --depth=1\` of the two version refs + \`git diff --name-status -M\`, each in a fresh checkout`,
        timeText(diff),
        `${seconds(median(size.nativeDiff))}${runs(size.nativeDiff.length)}`,
        `${r.toFixed(2)}×`,
        `≤ ${SCALE_TARGETS.diffRatio}×`,
        pass(r <= SCALE_TARGETS.diffRatio, `${r.toFixed(2)}×`),
      ]);
    }
  }
  return rows;
}

interface MemoryLine {
  what: string;
  nodeKb: number;
  git: ProcessPeak[];
  timedOut: boolean;
  failed?: boolean;
}

function memoryLines(s: ScaleResults): MemoryLine[] {
  const lines: MemoryLine[] = [];
  const large = s.history ? bySize(s.history, 10_000) : undefined;
  if (large) {
    for (const spec of COMMANDS) {
      const m = large.memory[spec.id];
      const timed = large.commands[spec.id];
      if (m) lines.push({ what: `${spec.what}, 10,000 versions`, ...m });
      else if (timed?.timedOut) {
        // Stopped at the time limit, so never probed: what /proc showed until then.
        lines.push({
          what: `${spec.what}, 10,000 versions (stopped at the time limit; Node sampled from /proc until then, git not probed)`,
          nodeKb: Math.max(...timed.nodeKb),
          git: [],
          timedOut: true,
        });
      }
    }
  }
  const st = s.statusMany;
  if (st?.memory.action) {
    lines.push({
      what: `status, ${st.tracks} tracks × ${st.versions} versions`,
      ...st.memory.action,
    });
  }
  if (st?.memory.cli) {
    lines.push({
      what: `CLI status, ${st.tracks} tracks × ${st.versions} versions`,
      ...st.memory.cli,
    });
  }
  const big = s.bigFile;
  if (big) {
    const line = (what: string, r: CommandRun) => ({
      what: r.error ? `${what} (FAILED: ${r.error}; peaks up to the failure)` : what,
      nodeKb: r.nodeKb,
      git: r.git,
      timedOut: r.timedOut,
      failed: Boolean(r.error),
    });
    lines.push(
      line(
        `first record of a generated ${(big.trackBytes / 1e6).toFixed(0)} MB track holding a 95 MB file`,
        big.first,
      ),
    );
    if (big.appended) {
      lines.push(
        line('record of the same track with 1 KB appended to the 95 MB file', big.appended),
      );
    }
  }
  return lines;
}

function memoryRows(lines: MemoryLine[]): string[][] {
  return lines.map((l) => {
    const worst = Math.max(l.nodeKb, l.git[0]?.kb ?? 0);
    return [
      l.what,
      l.timedOut ? `≥ ${megabytes(l.nodeKb)} (stopped)` : megabytes(l.nodeKb),
      gitText(l.git),
      `≤ ${SCALE_TARGETS.peakMB} MB each`,
      l.failed
        ? `MISS: failed${worst > LIMIT_KB ? `, ${megabytes(worst)}` : ''}`
        : l.timedOut && worst <= LIMIT_KB
          ? 'unknown: stopped before the end'
          : pass(worst <= LIMIT_KB, `${megabytes(worst)}`),
    ];
  });
}

function keyDiffRows(k: KeyDiffResult): string[][] {
  const y = median(k.yaml.map((r) => r.ms));
  const yKb = Math.max(...k.yaml.map((r) => r.peakKb));
  const j = median(k.json.map((r) => r.ms));
  const jKb = Math.max(...k.json.map((r) => r.peakKb));
  return [
    [
      `Key-level diff of two ${(k.yamlBytes / 1e6).toFixed(2)} MB YAML files of ${count(k.yamlKeys)} keys (1% of values changed): read, parse, compare in a fresh Node process with the product's V8 settings (median of ${k.yaml.length}; peak = worst)`,
      `${seconds(y)}, ${megabytes(yKb)}`,
      `≤ ${SCALE_TARGETS.yamlMs / 1000} s, ≤ ${SCALE_TARGETS.peakMB} MB`,
      pass(y <= SCALE_TARGETS.yamlMs && yKb <= LIMIT_KB, `${seconds(y)}, ${megabytes(yKb)}`),
    ],
    [
      `Key-level diff of two ${(k.jsonBytes / 1e6).toFixed(2)} MB JSON files of ${count(k.jsonKeys)} keys (1% of values changed), as above`,
      `${seconds(j)}, ${megabytes(jKb)}`,
      `≤ ${SCALE_TARGETS.jsonMs / 1000} s`,
      pass(j <= SCALE_TARGETS.jsonMs, `${seconds(j)}`),
    ],
  ];
}

function statusManyRows(st: StatusManyResult): string[][] {
  return [
    [
      `status over ${st.tracks} tracks × ${st.versions} versions (Action)`,
      timeText(st.action),
      'info',
    ],
    [`CLI status over ${st.tracks} tracks × ${st.versions} versions`, timeText(st.cli), 'info'],
  ];
}

/** The worst peak of every probed run: the memory headline. */
export function memoryHeadline(s: ScaleResults): string | undefined {
  const lines = memoryLines(s);
  if (lines.length === 0) return undefined;
  let worst = { kb: 0, what: '' };
  for (const l of lines) {
    if (l.nodeKb > worst.kb) worst = { kb: l.nodeKb, what: `the Node process, ${l.what}` };
    const g = l.git[0];
    if (g && g.kb > worst.kb)
      worst = { kb: g.kb, what: `\`${shortCommand(g.command)}\`, ${l.what}` };
  }
  return `Peak memory, worst of all probed runs: **${megabytes(worst.kb)}** (${worst.what}); target ≤ ${SCALE_TARGETS.peakMB} MB: ${pass(worst.kb <= LIMIT_KB, 'over the target')}.`;
}

export function scaleMisses(s: ScaleResults): string[] {
  const all = [
    ...(s.history ? historyRows(s.history).map((r) => [r[0]!, r.at(-1)!]) : []),
    ...(s.history ? pruneRows(s.history).map((r) => [r[0]!, r.at(-1)!]) : []),
    ...(s.history ? vsPlainRows(s.history).map((r) => [r[0]!, r.at(-1)!]) : []),
    ...memoryRows(memoryLines(s)).map((r) => [r[0]!, r.at(-1)!]),
    ...(s.keyDiff ? keyDiffRows(s.keyDiff).map((r) => [r[0]!, r.at(-1)!]) : []),
  ];
  for (const f of s.failures ?? []) all.push([`group ${f}`, 'MISS: failed']);
  return all.filter(([, v]) => (v ?? '').startsWith('MISS')).map(([w, v]) => `${w}: ${v}`);
}

export function renderScale(s: ScaleResults): string {
  const parts: string[] = ['## Scale'];
  const headline = memoryHeadline(s);
  if (headline) parts.push(headline);
  for (const f of s.failures ?? []) parts.push(`**MISS: a whole group failed:** ${f}`);
  if (s.history) {
    const sizes = s.history.map(
      (x) =>
        `${count(x.versions)} versions: ${count(x.refs)} refs, ${count(x.notes)} notes, built in ${seconds(x.buildMs)}`,
    );
    parts.push(
      `### One track, 10 / 1,000 / 10,000 versions\n\nEach time is a median of the runs in brackets, spawn to exit, each run from a fresh depth-1 checkout with the server's refs put back first (${sizes.join('; ')}).\n\n` +
        markdownTable(
          ['Command', '10 versions', '1,000', '10,000', '10,000 vs 10', 'Target', 'Result'],
          historyRows(s.history),
        ),
    );
    const prune = pruneRows(s.history);
    if (prune.length) {
      parts.push(
        '### Prune against `git push --atomic`\n\n' +
          markdownTable(
            ['Measurement', 'Ours', 'git push --atomic', 'Ratio', 'Target', 'Result'],
            prune,
          ),
      );
    }
    parts.push(
      '### Against plain git doing the same work\n\n' +
        markdownTable(
          ['Measurement', 'Ours', 'Plain git', 'Ratio', 'Target', 'Result'],
          vsPlainRows(s.history),
        ),
    );
  }
  const mem = memoryRows(memoryLines(s));
  if (mem.length) {
    parts.push(
      "### Peak memory\n\nOne extra probed run per command: the Node process reports its VmHWM at exit (a wrapper around the entry), every git process runs under GNU `time -f %M` through a `git` shim on PATH (a git process's figure includes the children it waited for). Largest git process shown.\n\n" +
        markdownTable(['Run', 'Node process', 'Largest git process', 'Target', 'Result'], mem),
    );
  }
  if (s.statusMany) {
    parts.push(
      `### Many tracks\n\n${s.statusMany.tracks} tracks × ${s.statusMany.versions} versions (built in ${seconds(s.statusMany.buildMs)}); memory in the table above.\n\n` +
        markdownTable(['Command', 'Time', 'Target'], statusManyRows(s.statusMany)),
    );
  }
  if (s.bigFile) {
    const b = s.bigFile;
    parts.push(
      `### Big files\n\nA track of ${b.files} generated files, ${(b.trackBytes / 1e6).toFixed(0)} MB of incompressible bytes (one file 95 MB), none committed: the first record uploads all of it. First record ${b.first.error ? `FAILED after ${seconds(b.first.ms)}: ${b.first.error}` : seconds(b.first.ms)}${b.appended ? `; the record after appending 1 KB to the 95 MB file ${b.appended.error ? `FAILED after ${seconds(b.appended.ms)}: ${b.appended.error}` : seconds(b.appended.ms)}` : ''} (probed runs, so a few ms per git process slower than unprobed).`,
    );
  }
  if (s.keyDiff) {
    parts.push(
      '### Key-level diff\n\n' +
        markdownTable(
          ['Measurement', 'Time, peak RSS', 'Target', 'Result'],
          keyDiffRows(s.keyDiff),
        ),
    );
  }
  parts.push(SCALE_METHOD);
  return parts.join('\n\n');
}

const SCALE_METHOD = `### How the scale rows are measured

- **Histories.** Built in seconds with \`git fast-import\` straight into the server's bare
  repository, in the layout snapback writes: per version a source commit on main changing one
  of the track's 10 JSON files, the snapshot commit \`refs/versions/<track>/<n>\` (parent: that
  source commit; message from snapback's own \`formatCommitMessage\`, every trailer set, a
  semver label \`1.<n>.0\`), and in \`refs/notes/versions\` one notes commit per recording (a
  \`recorded\` event with tree and changes on the snapshot, the short one on the source
  commit, from snapback's own notes-format functions) and per promotion (every version ending
  in 5 was promoted to \`active\`, which points at the newest of them). fast-import picks the
  notes fan-out as snapback's own notes writer gets it (2/38 from a few hundred notes on).
  Refs are packed, as a long-lived server keeps them.
- **Runs.** Every run starts from a fresh depth-1 checkout of main made like actions/checkout,
  after the server's refs (versions, alias, notes tip) are put back as built, so each command
  sees the same registry. The action runs as the runner runs \`dist/index.js\`; the CLI runs
  \`dist/cli.js\` in the checkout with the credentials in the remote URL, as a developer's
  clone keeps them. Time is spawn to exit. Each run is checked: record landed version n+1,
  diff reported the expected number of changed files, promote moved the alias, prune left
  the newest 10 plus the aliased version. A command slower than the time limit is stopped,
  reported as "> limit (stopped)" and not repeated; a ratio against a stopped side is a bound.
- **Baselines.** Record: plain git with the same head start (seeded temporary index, add,
  write-tree, commit-tree, \`git fetch --depth=1\` of the notes tip, \`git notes add\`, one
  \`git push --atomic\`). Diff: \`git fetch --depth=1\` of the two version refs, then
  \`git diff --name-status -M\`, in a fresh checkout. Prune: \`git push --atomic\` with one
  \`:ref\` refspec per deleted version, in a fresh checkout.
- **Memory.** One more run per command with a probe: a wrapper around the entry writes the
  Node process's VmHWM at exit, and a \`git\` shim on PATH runs every git under GNU
  \`time -f %M\`. The timed runs only sample the Node process's VmHWM from /proc.
- **Key-level diff.** The content-diff module, bundled alone, in a fresh Node process per
  comparison that first applies the V8 settings both entry points apply (\`src/heap.ts\`):
  read both files, \`diffContent\`, VmHWM at the end.`;
