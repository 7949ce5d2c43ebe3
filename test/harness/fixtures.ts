// Remote repositories and working copies for tests, built with native git.
// Fixture commits use a fixed identity and clock so their ids are the same on every run.
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { basicAuth, type GitServer } from './git-server.js';
import { git } from './git.js';
import { tempDir } from './temp.js';
import { writeTree, type Tree } from './write-tree.js';

export { git, gitEnv, gitHome, GitError, type GitOptions } from './git.js';
export { cleanupTempDirs, tempDir } from './temp.js';
export { writeTree, type FileSpec, type Tree } from './write-tree.js';

export interface CommitOptions {
  branch?: string;
  message?: string;
  /** Make the branch's tree exactly `tree` (files not listed are deleted). */
  replace?: boolean;
  /** Lightweight tags to create on the new commit and push. */
  tags?: string[];
}

const EPOCH = Date.parse('2024-01-01T00:00:00Z') / 1000;

/** Fixed author and committer; the clock advances one minute per commit already on the branch. */
function fixtureEnv(commitsBefore: number): Record<string, string> {
  const date = `${EPOCH + commitsBefore * 60} +0000`;
  return {
    GIT_AUTHOR_NAME: 'Fixture Author',
    GIT_AUTHOR_EMAIL: 'fixture@example.invalid',
    GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_NAME: 'Fixture Author',
    GIT_COMMITTER_EMAIL: 'fixture@example.invalid',
    GIT_COMMITTER_DATE: date,
  };
}

async function tryGit(cwd: string, args: string[]): Promise<string | undefined> {
  return git(cwd, args).then(
    (out) => out.trim(),
    () => undefined,
  );
}

/**
 * Adds one commit to `branch` of the server's bare repository and pushes it there directly
 * (by path, not over HTTP, so fixtures neither need the token nor show up in the request log).
 * A branch that does not exist yet starts from the repository's HEAD, or as a root commit.
 */
export async function pushCommit(
  server: GitServer,
  repo: string,
  tree: Tree,
  opts: CommitOptions = {},
): Promise<{ commit: string }> {
  const branch = opts.branch ?? 'main';
  const work = tempDir('snapback-fixture');
  try {
    await git(work, ['clone', '-q', '--no-checkout', server.repoPath(repo), '.']);
    if (await tryGit(work, ['rev-parse', '-q', '--verify', `refs/remotes/origin/${branch}`])) {
      await git(work, ['checkout', '-q', '-B', branch, `refs/remotes/origin/${branch}`]);
    } else if (await tryGit(work, ['rev-parse', '-q', '--verify', 'HEAD'])) {
      await git(work, ['checkout', '-q', '-b', branch]);
    } else {
      await git(work, ['checkout', '-q', '--orphan', branch]);
    }
    if (opts.replace) {
      for (const name of await readdir(work)) {
        if (name !== '.git') await rm(join(work, name), { recursive: true, force: true });
      }
    }
    await writeTree(work, tree);
    await git(work, ['add', '-A']);
    const count = Number((await tryGit(work, ['rev-list', '--count', 'HEAD'])) ?? '0');
    const message = opts.message ?? `fixture commit ${count + 1}`;
    await git(work, ['commit', '-q', '--allow-empty', '--no-verify', '-m', message], {
      env: fixtureEnv(count),
    });
    const commit = (await git(work, ['rev-parse', 'HEAD'])).trim();
    const refspecs = [`HEAD:refs/heads/${branch}`];
    for (const tag of opts.tags ?? []) {
      await git(work, ['tag', tag]);
      refspecs.push(`refs/tags/${tag}:refs/tags/${tag}`);
    }
    await git(work, ['push', '-q', 'origin', ...refspecs]);
    return { commit };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Creates owner/name on the server with a single commit holding exactly `tree`. */
export async function createRemoteRepo(
  server: GitServer,
  repo: string,
  tree: Tree,
  opts: Omit<CommitOptions, 'replace'> = {},
): Promise<{ commit: string; path: string; url: string }> {
  const path = await server.createBareRepo(repo);
  const branch = opts.branch ?? 'main';
  // Clones (and actions/checkout without a ref) follow the remote HEAD.
  if (branch !== 'main') await git(path, ['symbolic-ref', 'HEAD', `refs/heads/${branch}`]);
  const { commit } = await pushCommit(server, repo, tree, { ...opts, branch, replace: true });
  return { commit, path, url: server.repoUrl(repo) };
}

export interface CheckoutOptions {
  /** Branch to check out. */
  ref?: string;
  /** Sent as actions/checkout does: an Authorization extraheader in the local config. */
  token?: string;
  /** Directory to use (created if missing); a fresh temp dir by default. */
  dir?: string;
  /**
   * Set user.name/user.email in the local config so tests can commit in the workspace. Pass
   * false to reproduce a runner, which has no identity configured, and prove the action sets
   * its own.
   */
  identity?: boolean;
}

/** A working copy made with the same git commands actions/checkout@v5 runs for a push event. */
export async function checkout(
  server: GitServer,
  repo: string,
  opts: CheckoutOptions = {},
): Promise<string> {
  const ref = opts.ref ?? 'main';
  const dir = opts.dir ?? tempDir('snapback-workspace');
  await mkdir(dir, { recursive: true });
  await git(dir, ['init', '-q']);
  await git(dir, ['remote', 'add', 'origin', server.repoUrl(repo)]);
  await git(dir, ['config', '--local', 'gc.auto', '0']);
  if (opts.token !== undefined) {
    await git(dir, [
      'config',
      '--local',
      `http.${server.url}/.extraheader`,
      `AUTHORIZATION: ${basicAuth(opts.token)}`,
    ]);
  }
  await git(dir, [
    '-c',
    'protocol.version=2',
    'fetch',
    '--no-tags',
    '--prune',
    '--no-recurse-submodules',
    '--depth=1',
    'origin',
    `+refs/heads/${ref}:refs/remotes/origin/${ref}`,
  ]);
  await git(dir, ['checkout', '--progress', '--force', '-B', ref, `refs/remotes/origin/${ref}`]);
  if (opts.identity !== false) {
    await git(dir, ['config', '--local', 'user.name', 'Workspace User']);
    await git(dir, ['config', '--local', 'user.email', 'workspace@example.invalid']);
  }
  return dir;
}

/**
 * The objects a clone holds, id → type. `--batch-all-objects` reads only what is here: unlike
 * asking about an id, it never has git fetch a missing object from a promisor remote.
 */
export async function objectsHere(dir: string): Promise<Map<string, string>> {
  const out = await git(dir, [
    'cat-file',
    '--batch-all-objects',
    '--batch-check=%(objectname) %(objecttype)',
    '--unordered',
  ]);
  const objects = new Map<string, string>();
  for (const line of out.split('\n')) {
    const [oid, type] = line.split(' ');
    if (oid && type) objects.set(oid, type);
  }
  return objects;
}
