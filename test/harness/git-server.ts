// A real git smart-HTTP server for tests: Node's http server in front of `git http-backend`
// run as a CGI per request, the way Apache or nginx+fcgiwrap host git. Clients are real git
// (or the product), so tests exercise the actual wire protocol, auth and pack handling.
import type { ChildProcess } from 'node:child_process';
import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { GitError, git as runGit } from './git.js';
import { createGitHandler, type GitServerHook, type RequestLogEntry } from './git-http-handler.js';
import { tempDir } from './temp.js';

export type {
  GitServerHook,
  GitService,
  HookRequest,
  HookResult,
  RequestLogEntry,
} from './git-http-handler.js';

export interface GitServer {
  /** http://127.0.0.1:PORT without trailing slash, like $GITHUB_SERVER_URL. */
  readonly url: string;
  /** Directory holding the repositories as <owner>/<name>.git. */
  readonly root: string;
  readonly token: string | undefined;
  /** Live log of requests, oldest first. */
  readonly requests: RequestLogEntry[];
  repoUrl(repo: string): string;
  repoPath(repo: string): string;
  createBareRepo(repo: string): Promise<string>;
  setHook(hook: GitServerHook | undefined): void;
  /**
   * Installs (or with undefined removes) a real `hooks/pre-receive` shell script in the bare
   * repository. http-backend runs it with the commands on stdin, relays its stdout and stderr on
   * the progress channel (the client prints `remote: …` lines), and declines the push when it
   * exits non-zero, exactly as a server-side hook on GitHub Enterprise or GitHub's own checks do.
   */
  setPreReceive(repo: string, script: string | undefined): Promise<void>;
  resetLog(): void;
  /**
   * Resolves once every logged request is done. A client can have its answer (and exit) a moment
   * before http-backend has exited and the entry is final; await this before asserting on `done`
   * or `cgiStderr`. Status, byte counts and command are already current when the client has its answer.
   */
  idle(timeoutMs?: number): Promise<void>;
  fsck(repo: string): Promise<{ ok: boolean; output: string }>;
  refs(repo: string, prefix?: string): Promise<Map<string, string>>;
  git(repo: string, args: string[]): Promise<string>;
  close(): Promise<void>;
}

/** `basic base64(user:token)`, the Authorization value actions/checkout puts in extraheader. */
export function basicAuth(token: string, user = 'x-access-token'): string {
  return `basic ${Buffer.from(`${user}:${token}`).toString('base64')}`;
}

const REPO_NAME = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

function checkRepoName(repo: string): void {
  if (!REPO_NAME.test(repo) || repo.split('/').some((p) => p === '.' || p === '..')) {
    throw new Error(`invalid repository name '${repo}' (want owner/name)`);
  }
}

export interface GitServerOptions {
  /** When set, every request needs HTTP Basic auth with this password (any user name). */
  token?: string;
}

export async function startGitServer(opts: GitServerOptions = {}): Promise<GitServer> {
  const token = opts.token;
  const root = tempDir('snapback-git-server');
  const requests: RequestLogEntry[] = [];
  const children = new Set<ChildProcess>();
  const closing = new AbortController();
  let hook: GitServerHook | undefined;

  const repoPath = (repo: string) => {
    checkRepoName(repo);
    return join(root, `${repo}.git`);
  };

  const handler = createGitHandler({
    root,
    token,
    requests,
    children,
    closing: closing.signal,
    hook: () => hook,
  });
  const server = createServer(handler);
  server.on('clientError', (_err, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    root,
    token,
    requests,
    repoUrl: (repo) => {
      checkRepoName(repo);
      return `${url}/${repo}.git`;
    },
    repoPath,
    async createBareRepo(repo) {
      const path = repoPath(repo);
      await mkdir(path, { recursive: true });
      await runGit(path, ['init', '-q', '--bare', '-b', 'main']);
      for (const [key, value] of [
        ['http.receivepack', 'true'], // anonymous push is refused by default
        ['receive.fsckObjects', 'true'], // reject malformed objects like GitHub does
        ['uploadpack.allowFilter', 'true'], // partial clone (--filter=blob:none)
        ['uploadpack.allowAnySHA1InWant', 'true'], // fetch by object id
      ] as const) {
        await runGit(path, ['config', key, value]);
      }
      return path;
    },
    setHook: (h) => {
      hook = h;
    },
    async setPreReceive(repo, script) {
      const file = join(repoPath(repo), 'hooks', 'pre-receive');
      if (script === undefined) return rm(file, { force: true });
      await mkdir(join(repoPath(repo), 'hooks'), { recursive: true });
      await writeFile(file, script.startsWith('#!') ? script : `#!/bin/sh\n${script}`);
      await chmod(file, 0o755);
    },
    resetLog: () => {
      requests.length = 0;
    },
    async idle(timeoutMs = 120_000) {
      const until = Date.now() + timeoutMs;
      while (requests.some((e) => !e.done)) {
        if (Date.now() > until) throw new Error('git server requests still running');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    async fsck(repo) {
      try {
        const out = await runGit(repoPath(repo), [
          'fsck',
          '--strict',
          '--no-dangling',
          '--no-progress',
        ]);
        return { ok: true, output: out };
      } catch (err) {
        if (!(err instanceof GitError)) throw err;
        // fsck names broken and missing objects on stdout, other trouble on stderr.
        return { ok: false, output: `${err.stdout}${err.stderr}` };
      }
    },
    async refs(repo, prefix) {
      const args = ['for-each-ref', '--format=%(objectname) %(refname)'];
      if (prefix) args.push(prefix);
      const out = await runGit(repoPath(repo), args);
      const map = new Map<string, string>();
      for (const line of out.split('\n')) {
        const space = line.indexOf(' ');
        if (space > 0) map.set(line.slice(space + 1), line.slice(0, space));
      }
      return map;
    },
    git: (repo, args) => runGit(repoPath(repo), args),
    async close() {
      if (closing.signal.aborted) return;
      closing.abort();
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      const exits = [...children].map(
        (c) =>
          new Promise<void>((resolve) =>
            c.exitCode !== null || c.signalCode !== null
              ? resolve()
              : c.once('close', () => resolve()),
          ),
      );
      for (const c of children) c.kill('SIGKILL');
      await Promise.all([stopped, ...exits]);
      await rm(root, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}
