/**
 * The receive-pack request of receive-pack.ts over a pipe, for remotes git reaches by starting a
 * program: `git receive-pack <folder>` for a folder or file:// remote, ssh for an SSH remote.
 * One request whatever the number of refs, every command sent (a check whose value does not
 * change included, so the server compares it inside the atomic update), where `git push` takes
 * a refspec and a lease per ref on its command line.
 *
 * The conversation: the server advertises its refs and capabilities, we send our commands and
 * the pack, it answers with its report. Only the capabilities of the advertisement are read.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SnapbackError } from '../errors.js';
import type { PushOutcome, RefUpdate } from './git.js';
import { commandLines, judge, NeedsFullPush, type PackSource } from './receive-pack.js';
import { classifyFailure, type RunsIn } from './run-git.js';

/** A program that speaks receive-pack on its stdin and stdout. */
export interface ReceivePackProgram {
  file: string;
  args: string[];
  /** Run through the shell (GIT_SSH_COMMAND and core.sshCommand are shell text). */
  shell?: boolean;
  env: NodeJS.ProcessEnv;
}

/**
 * Variables that point a git at a repository or its configuration. git clears them before it
 * starts the other side of a local push (`git rev-parse --local-env-vars`), so the folder's own
 * configuration and hooks apply there, not ours.
 */
const LOCAL_REPO_ENV = [
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_CONFIG',
  'GIT_CONFIG_PARAMETERS',
  'GIT_CONFIG_COUNT',
  'GIT_OBJECT_DIRECTORY',
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_IMPLICIT_WORK_TREE',
  'GIT_GRAFT_FILE',
  'GIT_INDEX_FILE',
  'GIT_NO_REPLACE_OBJECTS',
  'GIT_REPLACE_REF_BASE',
  'GIT_PREFIX',
  'GIT_SHALLOW_FILE',
  'GIT_COMMON_DIR',
];

function localEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(env)) {
    if (LOCAL_REPO_ENV.includes(key) || /^GIT_CONFIG_(KEY|VALUE)_\d+$/.test(key)) continue;
    out[key] = value;
  }
  return out;
}

/** A path quoted for the remote shell, as git quotes it: `'it'\''s'`. */
function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * How to reach receive-pack for `url`, or undefined for a remote only `git push` knows how to
 * reach (HTTP, git://, a remote helper, an ssh variant with its own options).
 *
 * `sshCommand` is core.sshCommand of the clone, when set.
 */
export function receivePackProgram(
  url: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
  sshCommand: string | undefined,
): ReceivePackProgram | undefined {
  // A remote helper (`foo::address`) is git's.
  if (url.includes('::')) return undefined;
  if (/^file:\/\//i.test(url)) {
    return { file: 'git', args: ['receive-pack', fileURLToPath(url)], env: localEnv(env) };
  }
  const ssh = sshTarget(url);
  if (ssh) {
    const remote = `git-receive-pack ${shellQuote(ssh.path)}`;
    const target = [...(ssh.port ? ['-p', ssh.port] : []), ssh.host, remote];
    const command = env.GIT_SSH_COMMAND || sshCommand;
    if (command) {
      if (!/^\s*ssh(\s|$)/.test(command)) return undefined;
      return { file: [command, ...target.map(shellQuote)].join(' '), args: [], shell: true, env };
    }
    const program = env.GIT_SSH || 'ssh';
    // plink and friends take their options differently; git knows them, we leave them to it.
    if (!/(^|\/)ssh$/.test(program)) return undefined;
    return { file: program, args: target, env };
  }
  // Any other scheme (http, git) is git's.
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) return undefined;
  const path = isAbsolute(url) ? url : resolve(cwd, url);
  return { file: 'git', args: ['receive-pack', path], env: localEnv(env) };
}

/** The host, port and path of an SSH remote (`ssh://[user@]host[:port]/path`, `[user@]host:path`). */
function sshTarget(url: string): { host: string; port?: string; path: string } | undefined {
  const full = /^(?:git\+)?ssh:\/\/([^/]+?)(?::(\d+))?(\/.*)$/i.exec(url);
  if (full) {
    const path = full[3]!.startsWith('/~') ? full[3]!.slice(1) : full[3]!;
    return { host: full[1]!, ...(full[2] ? { port: full[2] } : {}), path };
  }
  // scp-like: a colon before any slash (a local path with a colon has a slash first).
  const scp = /^([^/:]+):(.+)$/.exec(url);
  if (scp && !url.includes('://')) return { host: scp[1]!, path: scp[2]! };
  return undefined;
}

/** Reads pkt-lines from a stream, one at a time. */
class PktReader {
  private buf = Buffer.alloc(0);
  private ended = false;
  private readonly chunks: AsyncIterator<Buffer>;

  constructor(stream: AsyncIterable<Buffer>) {
    this.chunks = stream[Symbol.asyncIterator]();
  }

  private async fill(n: number): Promise<boolean> {
    while (this.buf.length < n && !this.ended) {
      const next = await this.chunks.next();
      if (next.done) this.ended = true;
      else this.buf = Buffer.concat([this.buf, next.value]);
    }
    return this.buf.length >= n;
  }

  /** The next pkt-line's payload; null for a flush; undefined at the end of the stream. */
  async next(): Promise<Buffer | null | undefined> {
    if (!(await this.fill(4))) return undefined;
    const len = parseInt(this.buf.subarray(0, 4).toString('latin1'), 16);
    if (Number.isNaN(len) || (len > 0 && len < 4)) return undefined;
    if (len === 0) {
      this.buf = this.buf.subarray(4);
      return null;
    }
    if (!(await this.fill(len))) return undefined;
    const payload = this.buf.subarray(4, len);
    this.buf = this.buf.subarray(len);
    return payload;
  }

  /** Everything left, unparsed. */
  async rest(): Promise<Buffer> {
    const parts: Buffer[] = [this.buf];
    for (;;) {
      const next = await this.chunks.next();
      if (next.done) break;
      parts.push(next.value);
    }
    this.buf = Buffer.alloc(0);
    return Buffer.concat(parts);
  }
}

const WANTED_CAPS = ['report-status', 'side-band-64k', 'atomic', 'quiet', 'delete-refs'];

export interface StdioPushRequest {
  program: ReceivePackProgram;
  cwd: string;
  updates: readonly RefUpdate[];
  /** Starts the pack of new objects, or null when every update is a deletion. */
  pack: (() => PackSource) | null;
  /** Stops the push (the step's budget, the run's cancellation). */
  signal: AbortSignal;
  /** Where this runs, for what a refusal's hint advises. */
  runsIn?: RunsIn | undefined;
}

export async function pushOverStdio(req: StdioPushRequest): Promise<PushOutcome> {
  const { program } = req;
  const child = spawn(program.file, program.args, {
    cwd: req.cwd,
    env: program.env,
    shell: program.shell ?? false,
    stdio: ['pipe', 'pipe', 'pipe'],
    // Its own process group, so stopping it also stops what it started (ssh's helpers).
    detached: true,
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString('utf8')).slice(-16_384);
  });
  child.stdin.on('error', () => undefined);
  const exited = new Promise<number>((done) => {
    child.on('close', (code) => done(code ?? 128));
    child.on('error', () => done(127));
  });
  const kill = () => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
  if (req.signal.aborted) kill();
  req.signal.addEventListener('abort', kill, { once: true });
  let pack: PackSource | null = null;
  try {
    const reader = new PktReader(child.stdout);
    const first = await reader.next();
    if (!first) return await failed(exited, () => stderr, req);
    const advertised = first.toString('utf8');
    if (advertised.startsWith('ERR ')) return await failed(exited, () => advertised, req);
    const caps = new Set((advertised.split('\0')[1] ?? '').trim().split(/\s+/));
    // The rest of the advertisement: the server's refs, which we do not need.
    for (let line: Buffer | null | undefined = first; line; line = await reader.next()) {
      // until the flush (or the end)
    }
    if (!caps.has('atomic')) {
      throw new SnapbackError(
        'git-failed',
        'The git server does not support atomic pushes.',
        'Snapback needs a server with the "atomic" capability (GitHub and git 2.4+ servers have it).',
      );
    }
    // A server this old speaks a report we do not parse; `git push` still can.
    if (!caps.has('report-status') || !caps.has('side-band-64k')) {
      throw new NeedsFullPush('no report-status or side-band-64k');
    }
    const ask = [...WANTED_CAPS.filter((c) => caps.has(c)), 'agent=snapback'].join(' ');
    let open = await write(child.stdin, commandLines(req.updates, ask), exited);
    pack = req.pack ? req.pack() : null;
    if (pack && open) {
      for await (const chunk of pack.bytes) {
        open = await write(child.stdin, chunk, exited);
        if (!open) break;
      }
      // A server that stopped reading has said why in its report; a failed writer is ours.
      if (open) {
        await pack.done.catch((e: unknown) => {
          throw new NeedsFullPush((e as Error).message);
        });
      }
    }
    child.stdin.end();
    const body = await reader.rest();
    const code = await exited;
    if (req.signal.aborted) throw req.signal.reason;
    if (body.length === 0) return await failed(Promise.resolve(code), () => stderr, req);
    return judge(req, { status: 200, headers: new Headers(), body });
  } finally {
    req.signal.removeEventListener('abort', kill);
    pack?.stop();
    if (child.exitCode === null) kill();
  }
}

/**
 * Writes, waiting while the pipe is full: the pack never piles up here. False once the other
 * side has exited (nobody will read the rest).
 */
async function write(
  stream: NodeJS.WritableStream,
  chunk: Uint8Array,
  exited: Promise<number>,
): Promise<boolean> {
  if (stream.write(chunk)) return true;
  return Promise.race([once(stream, 'drain').then(() => true), exited.then(() => false)]);
}

/** The program ended without a report: why, in git's words. */
async function failed(
  exited: Promise<number>,
  said: () => string,
  req: Pick<StdioPushRequest, 'program' | 'runsIn'>,
): Promise<never> {
  const code = await exited;
  throw classifyFailure(
    ['push'],
    { code, stdout: Buffer.alloc(0), stderr: said() || req.program.file },
    req.runsIn,
  );
}
