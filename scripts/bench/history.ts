// One track at 10, 1,000 and 10,000 versions: every command through the action and the CLI,
// the plain-git baselines beside them, and one probed run per command at the largest size for
// peak memory. Every run starts from the state the builder left (refs put back on the server)
// in a fresh depth-1 checkout, as every runner job starts.
import { join } from 'node:path';
import { checkout, git, tempDir, type GitServer } from '../../test/harness/index.js';
import {
  activeOf,
  ALIAS,
  buildHistory,
  labelOf,
  restoreHistory,
  trackPath,
  type BuiltHistory,
} from './history-build.js';
import {
  deletePlainGit,
  diffPlainGit,
  probes,
  recordPlainGit,
  runActionTimed,
  runCliTimed,
  touch,
  type CommandRun,
  type Entries,
  type Probes,
} from './runs.js';
import type { ProcessPeak } from './memory.js';

export const TRACK = 'hist';
export const KEEP = 10;

export type CommandId =
  | 'record'
  | 'diff-previous'
  | 'diff-alias'
  | 'diff-range'
  | 'promote'
  | 'status'
  | 'prune'
  | 'cli-record'
  | 'cli-status'
  | 'cli-prune';

export interface CommandSpec {
  id: CommandId;
  host: 'action' | 'cli';
  /** What the row says the command does. */
  what: string;
}

export const COMMANDS: CommandSpec[] = [
  { id: 'record', host: 'action', what: 'record (1 file of 10 changed)' },
  { id: 'diff-previous', host: 'action', what: 'diff previous → latest' },
  { id: 'diff-alias', host: 'action', what: `diff ${ALIAS} (alias) → latest` },
  { id: 'diff-range', host: 'action', what: 'diff semver range `~1.<n-1>.0` → latest' },
  { id: 'promote', host: 'action', what: `promote latest to ${ALIAS}` },
  { id: 'status', host: 'action', what: 'status' },
  { id: 'prune', host: 'action', what: `prune, keep the last ${KEEP}` },
  { id: 'cli-record', host: 'cli', what: 'CLI record (1 file of 10 changed)' },
  { id: 'cli-status', host: 'cli', what: 'CLI status' },
  { id: 'cli-prune', host: 'cli', what: `CLI prune, keep the last ${KEEP}` },
];

export interface Timing {
  ms: number[];
  /** Sampled VmHWM of the Node process in the timed runs (KB). */
  nodeKb: number[];
  /** The command was stopped at the time limit (then it ran once). */
  timedOut: boolean;
  /** The command failed (then it ran no more): the first line of what it said. */
  error?: string;
}

export interface ProbeResult {
  nodeKb: number;
  git: ProcessPeak[];
  timedOut: boolean;
}

export interface SizeResult {
  versions: number;
  buildMs: number;
  notes: number;
  refs: number;
  commands: Partial<Record<CommandId, Timing>>;
  memory: Partial<Record<CommandId, ProbeResult>>;
  nativeRecord: number[];
  nativeDiff: number[];
  /** `git push --atomic` of the versions prune deletes. */
  nativePrune?: { ms: number[]; count: number; timedOut: boolean };
  pruned: number;
}

export interface HistoryOptions {
  sizes: { versions: number; reps: number; probe: boolean }[];
  timeoutMs: number;
  progress: (m: string) => void;
}

export function firstLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  const error = /::error::(.*)/.exec(text)?.[1];
  return (error ?? text.split('\n')[0] ?? '').replace(/%0A.*/, '').slice(0, 300);
}

function secs(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

interface Ctx {
  server: GitServer;
  entries: Entries;
  h: BuiltHistory;
  probes: Probes;
  timeoutMs: number;
  scratch: string;
  stamp: number;
}

async function fresh(ctx: Ctx): Promise<string> {
  await restoreHistory(ctx.server, ctx.h);
  return checkout(ctx.server, ctx.h.repo, { token: ctx.server.token! });
}

function expect(ok: boolean, what: string, run: CommandRun): void {
  if (!ok)
    throw new Error(`${what}\noutputs: ${JSON.stringify(run.outputs)}\n${run.stdout.slice(-2000)}`);
}

/** Runs one command once (probed or not) and checks it did the work. */
async function runCommand(ctx: Ctx, id: CommandId, probe: boolean): Promise<CommandRun> {
  const { server, h, entries, timeoutMs } = ctx;
  const ws = await fresh(ctx);
  const n = h.versions;
  const action = (inputs: Record<string, string>) =>
    runActionTimed(entries, {
      server,
      repo: h.repo,
      workspace: ws,
      inputs,
      timeoutMs,
      probe: probe ? ctx.probes.action : undefined,
    });
  const cli = async (args: string[]) => {
    // A developer's clone: the credentials in the remote URL, as git keeps them for `git push`,
    // and not the Authorization header a workflow's checkout leaves in the clone's config (an
    // extra header is a setting the CLI's own requests leave to `git push`).
    const url = new URL(server.repoUrl(h.repo));
    url.username = 'x-access-token';
    url.password = server.token!;
    await git(ws, ['remote', 'set-url', 'origin', url.href]);
    await git(ws, ['config', '--local', '--remove-section', `http.${server.url}/`]);
    return runCliTimed(entries, {
      workspace: ws,
      args,
      timeoutMs,
      probe: probe ? ctx.probes.cli : undefined,
    });
  };
  const track = { track: TRACK, paths: `${TRACK}/**` };
  let run: CommandRun;
  switch (id) {
    case 'record':
    case 'cli-record': {
      await touch(ws, trackPath(TRACK, 0), `round ${++ctx.stamp}`);
      run =
        id === 'record'
          ? await action(track)
          : await cli(['record', '--track', TRACK, '--paths', `${TRACK}/**`]);
      if (run.timedOut) return run;
      const refs = await server.refs(h.repo, `refs/versions/${TRACK}/${n + 1}`);
      expect(refs.size === 1, `${id} did not land version ${n + 1}`, run);
      return run;
    }
    case 'diff-previous':
    case 'diff-alias':
    case 'diff-range': {
      const from =
        id === 'diff-previous'
          ? 'previous'
          : id === 'diff-alias'
            ? ALIAS
            : `~${labelOf(n - 1).slice(0, -2)}.0`;
      run = await action({ command: 'diff', ...track, from, to: 'latest' });
      if (run.timedOut) return run;
      const changed = Number(run.outputs['changed-count'] ?? '-1');
      const want = id === 'diff-alias' ? Math.min(n - activeOf(n), 10) : 1;
      expect(changed === want, `${id}: ${changed} changed files, expected ${want}`, run);
      return run;
    }
    case 'promote':
      run = await action({ command: 'promote', track: TRACK, alias: ALIAS, version: 'latest' });
      if (run.timedOut) return run;
      expect(
        (await server.refs(h.repo, `refs/versions/${TRACK}/aliases/${ALIAS}`)).get(
          `refs/versions/${TRACK}/aliases/${ALIAS}`,
        ) === h.refs.get(`refs/versions/${TRACK}/${n}`),
        `promote did not move ${ALIAS} to v${n}`,
        run,
      );
      return run;
    case 'status':
      run = await action({ command: 'status', track: TRACK });
      return run;
    case 'cli-status':
      return cli(['status', '--track', TRACK]);
    case 'prune':
    case 'cli-prune': {
      run =
        id === 'prune'
          ? await action({ command: 'prune', track: TRACK, 'keep-last': String(KEEP) })
          : await cli(['prune', '--track', TRACK, '--keep-last', String(KEEP)]);
      if (run.timedOut) return run;
      const left = await server.refs(h.repo, `refs/versions/${TRACK}/`);
      const versionsLeft = [...left.keys()].filter((r) => /\/\d+$/.test(r)).length;
      const want = Math.min(n, KEEP + (activeOf(n) <= n - KEEP ? 1 : 0));
      expect(versionsLeft === want, `${id} left ${versionsLeft} versions, expected ${want}`, run);
      return run;
    }
  }
}

/** The version refs prune deletes: all but the newest KEEP and the aliased one. */
function doomed(h: BuiltHistory): string[] {
  const active = activeOf(h.versions);
  const out: string[] = [];
  for (let v = 1; v <= h.versions - KEEP; v++) {
    if (v !== active) out.push(`refs/versions/${TRACK}/${v}`);
  }
  return out;
}

export async function historyPhase(
  server: GitServer,
  entries: Entries,
  opts: HistoryOptions,
): Promise<SizeResult[]> {
  const results: SizeResult[] = [];
  const scratch = tempDir('snapback-bench-history');
  const probeSet = probes(join(scratch, 'probes'), entries);
  for (const size of opts.sizes) {
    const repo = `bench/history-${size.versions}`;
    opts.progress(`history: building one track of ${size.versions} versions`);
    const h = await buildHistory(
      server,
      repo,
      { tracks: [TRACK], versions: size.versions },
      scratch,
    );
    opts.progress(
      `  built in ${secs(h.buildMs)} (${h.refs.size} refs, ${h.notes} notes); ${size.reps} run(s) per command`,
    );
    const ctx: Ctx = {
      server,
      entries,
      h,
      probes: probeSet,
      timeoutMs: opts.timeoutMs,
      scratch,
      stamp: 0,
    };
    const result: SizeResult = {
      versions: size.versions,
      buildMs: h.buildMs,
      notes: h.notes,
      refs: h.refs.size,
      commands: {},
      memory: {},
      nativeRecord: [],
      nativeDiff: [],
      pruned: doomed(h).length,
    };
    const gaveUp = new Set<CommandId>();
    for (let rep = 0; rep < size.reps; rep++) {
      // Natives first in odd repetitions, last in even ones, so drift is shared.
      const natives = async () => {
        const ws = await fresh(ctx);
        await touch(ws, trackPath(TRACK, 0), `native ${++ctx.stamp}`);
        const rec = await recordPlainGit(server, repo, ws, {
          pathspec: [`${TRACK}/`],
          ref: `refs/versions/${TRACK}/${size.versions + 1}`,
          note: '{"schema":1,"event":"recorded"}',
          indexFile: join(scratch, `native-index-${ctx.stamp}`),
        });
        result.nativeRecord.push(rec.ms);
        const ws2 = await fresh(ctx);
        const d = await diffPlainGit(
          server,
          repo,
          ws2,
          `refs/versions/${TRACK}/${size.versions - 1}`,
          `refs/versions/${TRACK}/${size.versions}`,
        );
        if (d.changed !== 1) throw new Error(`native diff saw ${d.changed} changes, expected 1`);
        result.nativeDiff.push(d.ms);
        const refs = doomed(h);
        if (refs.length > 0 && !result.nativePrune?.timedOut) {
          const ws3 = await fresh(ctx);
          const p = await deletePlainGit(server, repo, ws3, refs, opts.timeoutMs);
          result.nativePrune ??= { ms: [], count: refs.length, timedOut: false };
          result.nativePrune.ms.push(p.ms);
          result.nativePrune.timedOut ||= p.timedOut;
        }
        opts.progress(
          `  plain git: record ${secs(rec.ms)}, fetch+diff ${secs(d.ms)}` +
            (result.nativePrune
              ? `, push --atomic of ${refs.length} deletions ${secs(result.nativePrune.ms.at(-1)!)}`
              : ''),
        );
      };
      if (rep % 2 === 1) await natives();
      for (const spec of COMMANDS) {
        if (gaveUp.has(spec.id)) continue;
        const t = (result.commands[spec.id] ??= { ms: [], nodeKb: [], timedOut: false });
        let run: CommandRun;
        try {
          run = await runCommand(ctx, spec.id, false);
        } catch (e) {
          // A failing command is a result too (the row says so); the others still run.
          t.error = firstLine(e);
          gaveUp.add(spec.id);
          opts.progress(`  ${size.versions} versions: ${spec.what} FAILED: ${t.error}`);
          continue;
        }
        t.ms.push(run.ms);
        t.nodeKb.push(run.nodeKb);
        if (run.timedOut) {
          t.timedOut = true;
          gaveUp.add(spec.id);
        }
        opts.progress(
          `  ${size.versions} versions, run ${rep + 1}/${size.reps}: ${spec.what} ${run.timedOut ? `stopped after ${secs(run.ms)}` : secs(run.ms)}`,
        );
      }
      if (rep % 2 === 0) await natives();
    }
    if (size.probe) {
      for (const spec of COMMANDS) {
        if (gaveUp.has(spec.id)) continue;
        let run: CommandRun;
        try {
          run = await runCommand(ctx, spec.id, true);
        } catch (e) {
          opts.progress(`  memory, ${spec.what} FAILED: ${firstLine(e)}`);
          continue;
        }
        result.memory[spec.id] = { nodeKb: run.nodeKb, git: run.git, timedOut: run.timedOut };
        opts.progress(
          `  memory, ${spec.what}: node ${(run.nodeKb / 1024).toFixed(1)} MB, largest git ${((run.git[0]?.kb ?? 0) / 1024).toFixed(1)} MB (${run.git[0]?.command.split(' ').slice(0, 2).join(' ') ?? '-'})`,
        );
      }
    }
    await restoreHistory(server, h);
    results.push(result);
  }
  return results;
}
