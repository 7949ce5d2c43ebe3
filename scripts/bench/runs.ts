// One command through the product, timed from spawn to exit: the action (dist/index.js, as the
// runner starts it) or the CLI (dist/cli.js in a clone). With a memory probe, the same run
// reports the Node process's VmHWM at exit and every git process's peak (PATH shim).
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gitEnv, startAction, type GitServer } from '../../test/harness/index.js';
import { nodeBinary } from '../../test/harness/node-bins.js';
import { gitPeaks, memoryProbe, nodePeakKb, resetGitPeaks, watchPeak } from './memory.js';
import type { ProcessPeak } from './memory.js';
import { authArgs } from './synthetic.js';
import { copyIndex, timedGit } from './record.js';

export interface Entries {
  action: string;
  cli: string;
  actionYml: string;
}

export interface CommandRun {
  ms: number;
  /** VmHWM of the Node process: read at exit with a probe, else sampled from /proc. */
  nodeKb: number;
  /** Peaks of the git processes (probe runs only), largest first. */
  git: ProcessPeak[];
  outputs: Record<string, string>;
  stdout: string;
  timedOut: boolean;
  /** With allowFailure: the action's error annotation when it failed. */
  error?: string;
}

export interface Probe {
  dir: string;
}

/** Probes for the action and the CLI, in `dir`. */
export function probes(dir: string, entries: Entries) {
  return {
    action: memoryProbe(join(dir, 'action'), entries.action),
    cli: memoryProbe(join(dir, 'cli'), entries.cli),
  };
}
export type Probes = ReturnType<typeof probes>;

export interface ActionCall {
  server: GitServer;
  repo: string;
  workspace: string;
  inputs: Record<string, string>;
  timeoutMs: number;
  probe?: Probes['action'] | undefined;
  /** Report a failure in the result (peaks included) instead of throwing. */
  allowFailure?: boolean;
}

export async function runActionTimed(entries: Entries, call: ActionCall): Promise<CommandRun> {
  const { server, probe } = call;
  await server.idle(60_000);
  if (probe) resetGitPeaks(probe);
  const running = startAction({
    workspace: call.workspace,
    server,
    repo: call.repo,
    token: server.token!,
    inputs: call.inputs,
    timeoutMs: call.timeoutMs,
    script: probe ? probe.wrapper : entries.action,
    actionYml: entries.actionYml,
    ...(probe ? { env: probe.env } : {}),
  });
  const started = performance.now();
  const peak = watchPeak(running.pid);
  const r = await running.done;
  const ms = performance.now() - started;
  const sampled = peak.stop();
  if (r.timedOut) {
    return { ms, nodeKb: sampled, git: [], outputs: {}, stdout: '', timedOut: true };
  }
  if (r.code !== 0 && call.allowFailure) {
    const error = /::error::(.*)/.exec(r.stdout)?.[1]?.replace(/%0A.*/, '') ?? `exit ${r.code}`;
    return {
      ms,
      nodeKb: probe ? nodePeakKb(probe) : sampled,
      git: probe ? gitPeaks(probe) : [],
      outputs: r.outputs,
      stdout: r.stdout,
      timedOut: false,
      error,
    };
  }
  if (r.code !== 0) {
    throw new Error(
      `action ${JSON.stringify(call.inputs)} failed (exit ${r.code}):\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-3000)}`,
    );
  }
  return {
    ms,
    nodeKb: probe ? nodePeakKb(probe) : sampled,
    git: probe ? gitPeaks(probe) : [],
    outputs: r.outputs,
    stdout: r.stdout,
    timedOut: false,
  };
}

export interface CliCall {
  workspace: string;
  args: string[];
  timeoutMs: number;
  probe?: Probes['cli'] | undefined;
}

/** The CLI in a clone, as a user runs it: credentials from the clone's own git config. */
export async function runCliTimed(entries: Entries, call: CliCall): Promise<CommandRun> {
  const { probe } = call;
  if (probe) resetGitPeaks(probe);
  const env = gitEnv({ ...(probe ? probe.env : {}), NO_COLOR: '1' });
  const child = spawn(nodeBinary('node24'), [probe ? probe.wrapper : entries.cli, ...call.args], {
    cwd: call.workspace,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const started = performance.now();
  const peak = watchPeak(child.pid!);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // Gone already.
    }
  }, call.timeoutMs);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (c) => resolve(c));
  });
  clearTimeout(timer);
  const ms = performance.now() - started;
  const sampled = peak.stop();
  try {
    process.kill(-child.pid!, 'SIGKILL'); // nothing it left running outlives it
  } catch {
    // Gone.
  }
  if (timedOut) return { ms, nodeKb: sampled, git: [], outputs: {}, stdout, timedOut: true };
  if (code !== 0) {
    throw new Error(`snapback ${call.args.join(' ')} failed (exit ${code}):\n${stdout}\n${stderr}`);
  }
  return {
    ms,
    nodeKb: probe ? nodePeakKb(probe) : sampled,
    git: probe ? gitPeaks(probe) : [],
    outputs: {},
    stdout,
    timedOut: false,
  };
}

export interface NativeRecord {
  ms: number;
  commit: string;
}

/**
 * The plain-git equivalent of a record given the same head start as ours: a temporary index
 * seeded from the checkout's index (its timestamp kept: see copyIndex), `git add` of the track, write-tree, commit-tree on HEAD,
 * the notes tip fetched (depth 1) and a note added to it, then one `git push --atomic` of the
 * version ref and the notes.
 */
export async function recordPlainGit(
  server: GitServer,
  repo: string,
  workspace: string,
  opts: { pathspec: string[]; ref: string; note: string; indexFile: string },
): Promise<NativeRecord> {
  const started = performance.now();
  await copyIndex(join(workspace, '.git', 'index'), opts.indexFile);
  const indexEnv = { GIT_INDEX_FILE: opts.indexFile };
  await timedGit(workspace, ['add', '-A', '--', ...opts.pathspec], indexEnv);
  const tree = (await timedGit(workspace, ['write-tree'], indexEnv)).stdout.trim();
  const commit = (
    await timedGit(workspace, ['commit-tree', tree, '-p', 'HEAD', '-m', `record ${opts.ref}`])
  ).stdout.trim();
  const url = server.repoUrl(repo);
  const auth = authArgs(server);
  await timedGit(workspace, [
    ...auth,
    'fetch',
    '-q',
    '--depth=1',
    '--no-tags',
    url,
    '+refs/notes/versions:refs/notes/versions',
  ]);
  await timedGit(workspace, ['notes', '--ref=versions', 'add', '-f', '-m', opts.note, commit]);
  await timedGit(workspace, [
    ...auth,
    'push',
    '-q',
    '--atomic',
    url,
    `${commit}:${opts.ref}`,
    'refs/notes/versions:refs/notes/versions',
  ]);
  return { ms: performance.now() - started, commit };
}

/** `git fetch --depth=1` of two refs into a fresh checkout, then `git diff --name-status -M`. */
export async function diffPlainGit(
  server: GitServer,
  repo: string,
  workspace: string,
  from: string,
  to: string,
): Promise<{ ms: number; changed: number }> {
  const started = performance.now();
  await timedGit(workspace, [
    ...authArgs(server),
    'fetch',
    '-q',
    '--depth=1',
    '--no-tags',
    server.repoUrl(repo),
    `+${from}:refs/bench/from`,
    `+${to}:refs/bench/to`,
  ]);
  const out = await timedGit(workspace, [
    'diff',
    '--name-status',
    '-M',
    'refs/bench/from',
    'refs/bench/to',
  ]);
  return {
    ms: performance.now() - started,
    changed: out.stdout.split('\n').filter(Boolean).length,
  };
}

/** `git push --atomic` deleting `refs` (one refspec each), from a clone. */
export async function deletePlainGit(
  server: GitServer,
  repo: string,
  workspace: string,
  refs: string[],
  timeoutMs: number,
): Promise<{ ms: number; timedOut: boolean }> {
  const started = performance.now();
  const child = spawn(
    'git',
    [
      ...authArgs(server),
      'push',
      '--atomic',
      '-q',
      server.repoUrl(repo),
      ...refs.map((r) => `:${r}`),
    ],
    { cwd: workspace, env: gitEnv(), stdio: ['ignore', 'ignore', 'pipe'], detached: true },
  );
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // Gone.
    }
  }, timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  if (!timedOut && code !== 0) throw new Error(`git push --atomic failed: ${stderr}`);
  return { ms: performance.now() - started, timedOut };
}

/** New content for one file, so the next record has exactly one changed file. */
export async function touch(workspace: string, path: string, stamp: string): Promise<void> {
  await writeFile(join(workspace, path), `${JSON.stringify({ stamp }, null, 2)}\n`);
}
