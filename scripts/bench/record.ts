// One record, ours or native git's, timed and checked. Ours is the bundled action started the
// way the runner starts it; native is the least git needs to do the same: hash the track into a
// tree, make a commit on HEAD and push it to a ref the server does not have yet.
import { spawn } from 'node:child_process';
import { copyFile, stat, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { gitEnv, startAction, type GitServer } from '../../test/harness/index.js';
import { watchPeak } from './memory.js';
import { authArgs } from './synthetic.js';

export interface Target {
  server: GitServer;
  repo: string;
  token: string;
}

export interface OursOptions {
  workspace: string;
  track: string;
  /** The version this run must record; anything else aborts the benchmark. */
  expectVersion: number;
  env?: Record<string, string | undefined>;
  /** The action's entry (the benchmark's own build) or a wrapper around it. */
  script?: string;
  actionYml?: string;
}

export interface OursResult {
  ms: number;
  /** Peak RSS of the action's Node process as /proc showed it (KB). */
  peakKb: number;
  commit: string;
  /** Wall-clock spawn and exit (epoch ms), to line the run up with git's trace2 times. */
  spawnAt: number;
  exitAt: number;
  version: number;
  trackBytes: number;
  files: number;
  /** Request bodies of receive-pack POSTs: the pack and the ref update commands. */
  bytesPushed: number;
}

/** Receive-pack request bodies the server got for `repo` since the log was last reset. */
export async function pushedBytes(server: GitServer, repo: string): Promise<number> {
  await server.idle(60_000);
  return server.requests
    .filter((r) => r.repo === repo && r.service === 'receive-pack')
    .reduce((n, r) => n + r.bytesIn, 0);
}

interface TrackResultOutput {
  bytes?: number;
  files?: number;
}

/** Throws unless the action really recorded `expected` (a benchmark of a no-op is worthless). */
function checkRecorded(
  outputs: Record<string, string>,
  expected: number,
  detail: string,
): TrackResultOutput {
  if (outputs.recorded !== 'true' || outputs.version !== String(expected)) {
    throw new Error(
      `the action did not record version ${expected} ` +
        `(recorded=${outputs.recorded ?? '-'}, version=${outputs.version ?? '-'})\n${detail}`,
    );
  }
  const results = JSON.parse(outputs.results ?? '[]') as TrackResultOutput[];
  return results[0] ?? {};
}

export async function recordOurs(target: Target, opts: OursOptions): Promise<OursResult> {
  const { server, repo, token } = target;
  await server.idle(60_000);
  server.resetLog();
  const running = startAction({
    workspace: opts.workspace,
    server,
    repo,
    token,
    inputs: { track: opts.track, paths: '**' },
    timeoutMs: 600_000,
    ...(opts.env ? { env: opts.env } : {}),
    ...(opts.script ? { script: opts.script } : {}),
    ...(opts.actionYml ? { actionYml: opts.actionYml } : {}),
  });
  // startAction has spawned the process when it returns; time from here to its exit.
  const started = performance.now();
  const peak = watchPeak(running.pid);
  const result = await running.done;
  const ms = performance.now() - started;
  const peakKb = peak.stop();
  if (result.code !== 0) {
    throw new Error(`the action failed (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
  }
  const track = checkRecorded(result.outputs, opts.expectVersion, result.stdout);
  const spawnAt = performance.timeOrigin + started;
  return {
    ms,
    spawnAt,
    exitAt: spawnAt + ms,
    commit: result.outputs.commit ?? '',
    peakKb,
    version: opts.expectVersion,
    trackBytes: track.bytes ?? 0,
    files: track.files ?? 0,
    bytesPushed: await pushedBytes(server, repo),
  };
}

export interface TimedGit {
  stdout: string;
  ms: number;
}

/** Runs git (with the harness's clean environment) and times it from spawn to exit. */
export function timedGit(
  cwd: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<TimedGit> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('git', args, {
      cwd,
      env: gitEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      if (code === 0) resolve({ stdout, ms });
      else reject(new Error(`git ${args.join(' ')} failed (${code}) in ${cwd}:\n${stderr}`));
    });
  });
}

/**
 * The plain-git side's temporary index: a copy of the checkout's. git decides which entries it
 * may trust from their stat data by comparing them with the index file's own timestamp: an entry
 * written in the same second as the index is "racily clean" and its file is hashed again. A copy
 * keeps that timestamp, as ours does (src/git/native-git.ts, seedIndex), so both sides apply
 * git's rule to the checkout's index. With `fresh`, the copy is stamped now and git trusts every
 * entry: less work than the checkout's own index would cost, measured for information only.
 */
export async function copyIndex(from: string, to: string, fresh = false): Promise<void> {
  await copyFile(from, to);
  if (fresh) return;
  const st = await stat(from);
  await utimes(to, st.atime, st.mtime);
}

export interface NativeOptions {
  workspace: string;
  /** A path that does not exist yet: git add starts from an empty index, as specified. */
  indexFile: string;
  ref: string;
  message: string;
  /**
   * Copy the checkout's index first (git then re-hashes only files whose stat changed, and the
   * racily clean ones); `fresh` stamps the copy now (see copyIndex).
   */
  seedIndex?: boolean | 'fresh';
  /** Skip the push: time only the local steps. */
  localOnly?: boolean;
  /** Extra environment for every git command (the memory round's shim). */
  env?: Record<string, string>;
  /**
   * Also what a record does to the notes: fetch this notes ref (depth 1), add a note to the new
   * commit, and push the version ref and the notes in one `git push --atomic`.
   */
  notesRef?: string;
}

export interface NativeResult {
  ms: number;
  steps: { add: number; writeTree: number; commitTree: number; notes: number; push: number };
  tree: string;
  commit: string;
  bytesPushed: number;
}

export async function recordNative(target: Target, opts: NativeOptions): Promise<NativeResult> {
  const { server, repo } = target;
  const ws = opts.workspace;
  const env = opts.env ?? {};
  const indexEnv = { ...env, GIT_INDEX_FILE: opts.indexFile };
  await server.idle(60_000);
  server.resetLog();
  const started = performance.now();
  if (opts.seedIndex) {
    await copyIndex(join(ws, '.git', 'index'), opts.indexFile, opts.seedIndex === 'fresh');
  }
  const add = await timedGit(ws, ['add', '-A'], indexEnv);
  const tree = await timedGit(ws, ['write-tree'], indexEnv);
  const commit = await timedGit(
    ws,
    ['commit-tree', tree.stdout.trim(), '-p', 'HEAD', '-m', opts.message],
    env,
  );
  const oid = commit.stdout.trim();
  let push = 0;
  let notes = 0;
  if (!opts.localOnly) {
    const url = server.repoUrl(repo);
    const refspecs = [`${oid}:${opts.ref}`];
    if (opts.notesRef) {
      const fetched = await timedGit(
        ws,
        [
          ...authArgs(server),
          'fetch',
          '-q',
          '--depth=1',
          '--no-tags',
          url,
          `+${opts.notesRef}:${opts.notesRef}`,
        ],
        env,
      );
      const added = await timedGit(
        ws,
        [
          'notes',
          `--ref=${opts.notesRef}`,
          'add',
          '-f',
          '-m',
          `{"event":"recorded","ref":"${opts.ref}"}`,
          oid,
        ],
        env,
      );
      notes = fetched.ms + added.ms;
      refspecs.push(`${opts.notesRef}:${opts.notesRef}`);
    }
    const atomic = opts.notesRef ? ['--atomic'] : [];
    const args = [...authArgs(server), 'push', '-q', ...atomic, url, ...refspecs];
    push = (await timedGit(ws, args, env)).ms;
  }
  const ms = performance.now() - started;
  return {
    ms,
    steps: { add: add.ms, writeTree: tree.ms, commitTree: commit.ms, notes, push },
    tree: tree.stdout.trim(),
    commit: oid,
    bytesPushed: opts.localOnly ? 0 : await pushedBytes(server, repo),
  };
}
