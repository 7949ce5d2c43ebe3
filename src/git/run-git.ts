import { spawn } from 'node:child_process';
import { isRetryableStatus, SnapbackError, TransientError } from '../errors.js';
import { redact } from '../secrets.js';
import { RateLimited } from './rate-limit.js';

export interface RunOptions {
  cwd: string;
  input?: string | Buffer;
  env?: Record<string, string>;
  /** Exit codes that are answers rather than failures (e.g. 1 from `cat-file -e`). */
  okCodes?: number[];
}

export interface RunResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

/** Settings for every git we start: never prompt, never run hooks, never start maintenance. */
const FIXED_CONFIG: [string, string][] = [
  ['core.hooksPath', '/dev/null'],
  ['gc.auto', '0'],
  ['maintenance.auto', 'false'],
  ['fetch.writeCommitGraph', 'false'],
  ['core.fsmonitor', 'false'],
  ['core.autocrlf', 'false'],
  ['advice.detachedHead', 'false'],
];

/** Passes config through GIT_CONFIG_* variables, so secrets never appear in a process list. */
export function configEnv(entries: readonly [string, string][]): Record<string, string> {
  const all = [...FIXED_CONFIG, ...entries];
  const env: Record<string, string> = { GIT_CONFIG_COUNT: String(all.length) };
  all.forEach(([key, value], i) => {
    env[`GIT_CONFIG_KEY_${i}`] = key;
    env[`GIT_CONFIG_VALUE_${i}`] = value;
  });
  return env;
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
  const child = spawn('git', args, {
    cwd: opts.cwd,
    env: gitProcessEnv(opts.env),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
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
      const r = { code: code ?? 128, stdout: Buffer.concat(out), stderr: err };
      if (r.code === 0 || opts.okCodes?.includes(r.code)) resolve(r);
      else reject(classifyFailure(args, r));
    });
  });
  child.stdin.on('error', () => {
    // git may exit before reading all input (e.g. on a fatal error); its exit code tells.
  });
  return { send: (input) => child.stdin.end(input), result };
}

/** How git (through curl) reports an HTTP status: "RPC failed; HTTP 413" / "returned error: 413". */
const HTTP_STATUS = /RPC failed; HTTP (\d{3})|returned error: (\d{3})/;

/** Lost connections and timeouts, when no HTTP status was received. */
const TRANSIENT = [
  /RPC failed/,
  /timed out/i,
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

/** Turns git's stderr into an error a user can act on; network blips become retryable. */
export function classifyFailure(args: readonly string[], r: RunResult): Error {
  const what = `git ${args[0] ?? ''}`.trim();
  const stderr = redact(r.stderr.trim());
  if (
    /returned error: (401|403)|Authentication failed|could not read Username|terminal prompts disabled/i.test(
      stderr,
    )
  ) {
    return new SnapbackError(
      'auth-failed',
      `${what} was refused by the server: ${lastLine(stderr)}`,
      "Give the job 'permissions: contents: write' (or pass a token with write access to the 'token' input).",
    );
  }
  if (/returned error: 404|repository .* not found/i.test(stderr)) {
    return new SnapbackError(
      'git-failed',
      `${what}: repository not found: ${lastLine(stderr)}`,
      'Check GITHUB_SERVER_URL and GITHUB_REPOSITORY, and that the token can read the repository.',
    );
  }
  // git's HTTP does not show the Retry-After header; the caller waits a growing guess.
  if (/returned error: 429/.test(stderr)) return new RateLimited(429, undefined);
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
