// Native git for the harness, run with an environment that does not depend on the machine:
// no system config, a private HOME with a small global config, English messages, no prompts.
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './temp.js';

export interface GitOptions {
  /** Extra variables; an undefined value removes the variable. */
  env?: Record<string, string | undefined>;
  /** Written to git's stdin (otherwise stdin is empty). */
  input?: string | Buffer;
}

const GLOBAL_CONFIG = `[init]
\tdefaultBranch = main
[user]
\tname = Snapback Harness
\temail = harness@example.invalid
[protocol]
\tversion = 2
[gc]
\t# Background auto-gc would outlive the command and hold files in temp dirs being removed.
\tauto = 0
[maintenance]
\tauto = false
[commit]
\tgpgSign = false
[tag]
\tgpgSign = false
[advice]
\tdetachedHead = false
[core]
\tautocrlf = false
`;

let home: string | undefined;

/** The private HOME used by harness git. Recreated if cleanupTempDirs removed it. */
export function gitHome(): string {
  if (home === undefined || !existsSync(home)) {
    home = tempDir('snapback-git-home');
    writeFileSync(join(home, '.gitconfig'), GLOBAL_CONFIG);
  }
  return home;
}

/** Drops undefined values so they never reach a child as the string "undefined". */
export function definedEnv(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  return out;
}

/**
 * The environment harness git runs with. Built from scratch rather than from process.env so a
 * developer's GIT_DIR, GIT_ASKPASS, credential helpers or system config cannot leak in.
 */
export function gitEnv(extra: Record<string, string | undefined> = {}): Record<string, string> {
  return definedEnv({
    PATH: process.env.PATH,
    TMPDIR: process.env.TMPDIR,
    HOME: gitHome(),
    XDG_CONFIG_HOME: undefined,
    LC_ALL: 'C',
    TZ: 'UTC',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_TERMINAL_PROMPT: '0',
    ...extra,
  });
}

/** A failed git command; the message carries stderr, and stdout is kept (fsck reports there). */
export class GitError extends Error {
  constructor(
    message: string,
    readonly code: number | null,
    readonly stdout: string,
    readonly stderr: string,
  ) {
    super(message);
    this.name = 'GitError';
  }
}

/** Runs `git <args>` in cwd and returns stdout (untrimmed); rejects with stderr on failure. */
export function git(cwd: string, args: string[], opts: GitOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, {
      cwd,
      env: gitEnv(opts.env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    // git may exit before reading everything; its exit code tells what happened.
    child.stdin.on('error', () => {});
    child.stdin.end(opts.input);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) return resolve(Buffer.concat(out).toString('utf8'));
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = Buffer.concat(err).toString('utf8');
      const how = signal ? `signal ${signal}` : `exit code ${code}`;
      const msg = `git ${args.join(' ')} (in ${cwd}) failed with ${how}\n${stderr.trim()}`;
      reject(new GitError(msg, code, stdout, stderr));
    });
  });
}
