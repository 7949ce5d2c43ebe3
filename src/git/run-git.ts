import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { isRetryableStatus, SnapbackError, StallError, TransientError } from '../errors.js';
import { redact } from '../secrets.js';
import { RateLimited } from './rate-limit.js';

export interface RunOptions {
  cwd: string;
  input?: string | Buffer;
  env?: Record<string, string>;
  /** Exit codes that are answers rather than failures (e.g. 1 from `cat-file -e`). */
  okCodes?: number[];
  /**
   * For git that talks to a server: how long its HTTP may go without progress, and a signal
   * that stops it (the step's budget, the run's cancellation). git then runs in a process group
   * of its own, so stopping it also stops the helpers it started (remote-https, index-pack).
   */
  network?: { stallMs: number; signal: AbortSignal; runsIn?: RunsIn | undefined };
}

/**
 * Where snapback runs, for what a refusal's hint advises: the Action's job gets its credentials
 * from the workflow (`permissions:`, the `token` input), the command line from git's own.
 */
export type RunsIn = 'action' | 'cli';

const HINTS: Record<RunsIn, { auth: string; notFound: string }> = {
  action: {
    auth: "Give the job 'permissions: contents: write' (or pass a token with write access to the 'token' input).",
    notFound:
      'Check GITHUB_SERVER_URL and GITHUB_REPOSITORY, and that the token can read the repository.',
  },
  cli: {
    auth: 'Give git credentials for the remote that may write to the repository, through a credential helper (git help credentials; for GitHub: gh auth login, then gh auth setup-git), and run the command again.',
    notFound:
      "Check the remote's URL (git remote -v, or --remote), and that git's credentials for it can read the repository.",
  },
};

export interface RunResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

/** Files over this size go straight into a pack when hashed, and are never deltified. */
export const BIG_FILE_BYTES = 32 * 1024 * 1024;

/**
 * Settings for every git we start: never prompt, never run hooks, never start maintenance, and
 * give up on an HTTP transfer that moves less than a byte a second for a minute (curl's own
 * default is to wait forever). Network steps set the time from `network-timeout`.
 */
const FIXED_CONFIG: [string, string][] = [
  // Blobs over this size are streamed (hashed into a pack, copied out of one) rather than
  // loaded whole, and never searched for deltas: a 95 MB model file re-recorded with 1 KB
  // appended took pack-objects to 455 MB with git's 512 MiB default, 98 MB with this.
  ['core.bigFileThreshold', `${BIG_FILE_BYTES / 1024 / 1024}m`],
  // Files under that size are written as loose objects, which only wait to be packed for the
  // push, where pack-objects deflates them again. Written stored, 81 incompressible files of
  // 5 MB were hashed in 2.1-2.4 s instead of 9.6-10.3 s, and the pack sent is the same. They
  // stay uncompressed in the clone until git packs them.
  ['core.looseCompression', '0'],
  ['http.lowSpeedLimit', '1'],
  ['http.lowSpeedTime', '60'],
  ['core.hooksPath', '/dev/null'],
  ['gc.auto', '0'],
  ['maintenance.auto', 'false'],
  ['fetch.writeCommitGraph', 'false'],
  ['core.fsmonitor', 'false'],
  ['core.autocrlf', 'false'],
  ['advice.detachedHead', 'false'],
];

/**
 * Memory bounds for `pack-objects`: one delta thread with a bounded window and cache (each
 * thread has its own window). Blobs over core.bigFileThreshold (FIXED_CONFIG) are not
 * deltified at all, which is what keeps a big model file from being held twice for a search.
 */
export const BOUNDED_PACKING: readonly string[] = [
  // pack-objects copies packed objects through mapped windows of the pack files; git's
  // defaults (1 GiB windows, 8 GiB in all) let a first push of a 500 MB track map all of it
  // (488 MB resident); 16 MiB windows, 64 MiB in all, kept it at 70-100 MB.
  '-c',
  'core.packedGitWindowSize=16m',
  '-c',
  'core.packedGitLimit=64m',
  '-c',
  'pack.threads=1',
  // The window is also pack-objects' delta search: every object is compared with each one
  // in it. With 32 MiB it held six 5 MB blobs, and a first record of 81 such files of noise
  // spent 13 of its 22 s in comparisons that found nothing; with 8 MiB it held one (15 s).
  // Small files still see ten neighbours, and a changed file still finds its previous
  // version, which sorts next to it.
  '-c',
  'pack.windowMemory=8m',
  '-c',
  'pack.deltaCacheSize=16m',
];

/**
 * Config the environment of this process already passes to git (GIT_CONFIG_COUNT and its
 * GIT_CONFIG_KEY_<n>/GIT_CONFIG_VALUE_<n>): the user's, kept ahead of ours.
 */
export function inheritedConfig(env: NodeJS.ProcessEnv = process.env): [string, string][] {
  const count = Number(env.GIT_CONFIG_COUNT ?? '0');
  if (!Number.isInteger(count) || count <= 0) return [];
  const out: [string, string][] = [];
  for (let i = 0; i < count; i++) {
    const key = env[`GIT_CONFIG_KEY_${i}`];
    // git itself refuses to run with a missing key; leave such a broken count to git's message.
    if (key === undefined) return [];
    out.push([key, env[`GIT_CONFIG_VALUE_${i}`] ?? '']);
  }
  return out;
}

/**
 * Passes config through GIT_CONFIG_* variables, so secrets never appear in a process list. The
 * variables replace the ones this process was given, so those come first (ours win where a
 * key takes one value; for a list such as http.extraHeader, theirs stay in it, as git would
 * have them).
 */
export function configEnv(entries: readonly [string, string][]): Record<string, string> {
  return asConfigEnv([...inheritedConfig(), ...FIXED_CONFIG, ...entries]);
}

/** The user's own GIT_CONFIG_* entries without ours: for asking what their setup says. */
export function userConfigEnv(): Record<string, string> {
  return asConfigEnv(inheritedConfig());
}

function asConfigEnv(all: readonly [string, string][]): Record<string, string> {
  const env: Record<string, string> = { GIT_CONFIG_COUNT: String(all.length) };
  all.forEach(([key, value], i) => {
    env[`GIT_CONFIG_KEY_${i}`] = key;
    env[`GIT_CONFIG_VALUE_${i}`] = value;
  });
  return env;
}

/** `env` with more config entries after the ones it already passes (the last value wins). */
export function withConfig(
  env: NodeJS.ProcessEnv,
  entries: readonly [string, string][],
): NodeJS.ProcessEnv {
  const out = { ...env };
  let n = Number(env.GIT_CONFIG_COUNT ?? '0') || 0;
  for (const [key, value] of entries) {
    out[`GIT_CONFIG_KEY_${n}`] = key;
    out[`GIT_CONFIG_VALUE_${n}`] = value;
    n++;
  }
  out.GIT_CONFIG_COUNT = String(n);
  return out;
}

/** The environment every git we start runs with, plus `extra`. */
export function gitProcessEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GIT_TERMINAL_PROMPT: '0',
    GIT_OPTIONAL_LOCKS: '0',
    LC_ALL: 'C',
    ...configEnv([]),
    ...extra,
  };
}

export function runGit(args: readonly string[], opts: RunOptions): Promise<RunResult> {
  const started = startGit(args, opts);
  started.send(opts.input ?? '');
  return started.result;
}

export interface StartedGit {
  /** Writes the whole input and closes stdin. */
  send(input: string | Buffer): void;
  result: Promise<RunResult>;
}

/**
 * Starts git now and takes its input later, so the start-up cost of one git overlaps the work
 * of another (e.g. a `cat-file` waiting for the oids a `diff-tree` is still computing).
 */
export function startGit(args: readonly string[], opts: Omit<RunOptions, 'input'>): StartedGit {
  const network = opts.network;
  let env = gitProcessEnv(opts.env);
  if (network) {
    env = withConfig(env, [['http.lowSpeedTime', String(Math.ceil(network.stallMs / 1000))]]);
  }
  const child = spawn('git', args, {
    cwd: opts.cwd,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: network !== undefined,
  });
  const stopped = network ? stopOnAbort(child, network.signal) : undefined;
  const result = new Promise<RunResult>((resolve, reject) => {
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => {
      // Keep the tail only: a failing fetch can print a lot of progress.
      err = (err + d.toString('utf8')).slice(-16_384);
    });
    child.on('error', (e) =>
      reject(
        new SnapbackError(
          'git-failed',
          `Could not start git: ${e.message}`,
          'Install git 2.31 or newer and put it on PATH.',
        ),
      ),
    );
    child.on('close', (code) => {
      stopped?.dispose();
      if (network?.signal.aborted) return reject(network.signal.reason);
      const r = { code: code ?? 128, stdout: Buffer.concat(out), stderr: err };
      if (r.code === 0 || opts.okCodes?.includes(r.code)) resolve(r);
      else reject(classifyFailure(args, r, network?.runsIn));
    });
  });
  child.stdin.on('error', () => {
    // git may exit before reading all input (e.g. on a fatal error); its exit code tells.
  });
  return { send: (input) => child.stdin.end(input), result };
}

/** A git whose output is read as it comes, never collected: a pack on its way to a server. */
export interface StreamingGit {
  stdin: Writable;
  stdout: Readable;
  /** How it ended (stdout is not collected); rejects as `runGit` does on a failing exit. */
  result: Promise<RunResult>;
  /** Ends it early (the reader stopped wanting its output); `result` then rejects. */
  stop(): void;
}

export function streamGit(
  args: readonly string[],
  opts: Omit<RunOptions, 'input' | 'network'>,
): StreamingGit {
  const child = spawn('git', args, {
    cwd: opts.cwd,
    env: gitProcessEnv(opts.env),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const result = new Promise<RunResult>((resolve, reject) => {
    let err = '';
    child.stderr.on('data', (d: Buffer) => {
      err = (err + d.toString('utf8')).slice(-16_384);
    });
    child.on('error', (e) =>
      reject(
        new SnapbackError(
          'git-failed',
          `Could not start git: ${e.message}`,
          'Install git 2.31 or newer and put it on PATH.',
        ),
      ),
    );
    child.on('close', (code, signal) => {
      const r = { code: code ?? 128, stdout: Buffer.alloc(0), stderr: err };
      if (r.code === 0 || opts.okCodes?.includes(r.code)) resolve(r);
      else reject(classifyFailure(args, { ...r, stderr: err || `killed by ${signal ?? '?'}` }));
    });
  });
  result.catch(() => undefined); // the caller awaits it when it cares; never an unhandled rejection
  child.stdin.on('error', () => undefined);
  child.stdout.on('error', () => undefined);
  // Node drains the output of an exited child nobody listens to yet (the pack would be thrown
  // away when pack-objects finishes before the request starts reading); a listener keeps it.
  child.stdout.on('readable', () => undefined);
  return {
    stdin: child.stdin,
    stdout: child.stdout,
    result,
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/**
 * Stops git and everything it started when `signal` aborts: SIGTERM first, which git answers by
 * removing its lock and temporary pack files, then SIGKILL for whatever is still there.
 */
function stopOnAbort(child: ChildProcess, signal: AbortSignal): { dispose(): void } {
  let force: NodeJS.Timeout | undefined;
  const group = (sig: NodeJS.Signals) => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, sig);
    } catch {
      // Already gone.
    }
  };
  const onAbort = () => {
    group('SIGTERM');
    force = setTimeout(() => group('SIGKILL'), 2_000);
  };
  if (signal.aborted) onAbort();
  else signal.addEventListener('abort', onAbort, { once: true });
  return {
    dispose: () => {
      signal.removeEventListener('abort', onAbort);
      // git itself has exited; a helper that outlived it (stuck in a transfer) goes too.
      if (force) {
        clearTimeout(force);
        group('SIGKILL');
      }
    },
  };
}

/** curl gave up on a transfer that stopped moving (http.lowSpeedTime) or never connected. */
const STALLED = [/Operation too slow/i, /Operation timed out/i, /curl 28/, /timed out/i];

/** How git (through curl) reports an HTTP status: "RPC failed; HTTP 413" / "returned error: 413". */
const HTTP_STATUS = /RPC failed; HTTP (\d{3})|returned error: (\d{3})/;

/** Lost connections and timeouts, when no HTTP status was received. */
const TRANSIENT = [
  /RPC failed/,
  /Connection reset/i,
  /Empty reply from server/i,
  /Recv failure|Send failure/i,
  /was not closed cleanly/i,
  /Connection refused/i,
  /Failed to connect/i,
  /Could not resolve host/i,
  /early EOF/,
  /unexpected disconnect/,
  /remote end hung up/,
  /transfer closed/,
];

/**
 * Turns git's stderr into an error a user can act on; network blips become retryable. Its hints
 * are for where the caller runs (default the Action).
 */
export function classifyFailure(
  args: readonly string[],
  r: RunResult,
  runsIn: RunsIn = 'action',
): Error {
  const what = `git ${args[0] ?? ''}`.trim();
  const hints = HINTS[runsIn];
  const stderr = redact(r.stderr.trim());
  if (
    /returned error: (401|403)|Authentication failed|could not read Username|terminal prompts disabled/i.test(
      stderr,
    )
  ) {
    return new SnapbackError(
      'auth-failed',
      `${what} was refused by the server: ${lastLine(stderr)}`,
      hints.auth,
    );
  }
  if (/returned error: 404|repository .* not found/i.test(stderr)) {
    return new SnapbackError(
      'git-failed',
      `${what}: repository not found: ${lastLine(stderr)}`,
      hints.notFound,
    );
  }
  // git's HTTP does not show the Retry-After header; the caller waits a growing guess.
  if (/returned error: 429/.test(stderr)) return new RateLimited(429, undefined);
  if (STALLED.some((re) => re.test(stderr)))
    return new StallError(`${what} stopped: ${lastLine(stderr)}`);

  // An HTTP status decides on its own: git follows a 4xx answer to a POST with "RPC failed" and
  // "the remote end hung up", which would otherwise read as a lost connection.
  const status = HTTP_STATUS.exec(stderr)
    ?.slice(1)
    .find((s) => s !== undefined);
  if (status !== undefined) {
    if (isRetryableStatus(Number(status)))
      return new TransientError(`${what} failed: ${lastLine(stderr)}`);
    return new SnapbackError(
      'git-failed',
      `${what} failed: the server answered HTTP ${status}: ${lastLine(stderr)}`,
    );
  }
  if (TRANSIENT.some((re) => re.test(stderr)))
    return new TransientError(`${what} failed: ${lastLine(stderr)}`);
  return new SnapbackError(
    'git-failed',
    `${what} failed (exit ${r.code}): ${lastLine(stderr) || '(no message)'}`,
  );
}

function lastLine(text: string): string {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  return lines.slice(-3).join(' / ');
}
