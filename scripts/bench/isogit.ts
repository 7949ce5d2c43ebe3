// Informational measurements behind two design choices in src/git/native-git.ts: hashing the
// work tree and pushing go through the git CLI rather than isomorphic-git. Both run on a
// 5,000-file subset (isomorphic-git on all 50,000 would take minutes), in a repository of
// their own, so the main measurements are not disturbed.
import * as fs from 'node:fs';
import { join } from 'node:path';
import * as isogit from 'isomorphic-git';
import http from 'isomorphic-git/http/web';
import { basicAuth, git, type GitServer } from '../../test/harness/index.js';
import { pushedBytes, timedGit } from './record.js';
import { authArgs } from './synthetic.js';

export const ISO_TIME_LIMIT_MS = 60_000;

const AUTHOR = { name: 'Bench', email: 'bench@example.invalid', timestamp: 1704067200 };

export interface Timed<T> {
  ms: number;
  value?: T;
  /** Set when the operation did not finish within the limit (it is left running). */
  timedOut?: boolean;
  error?: string;
}

/** Times `fn`, giving up (not cancelling: isomorphic-git cannot be) after `limitMs`. */
export async function within<T>(limitMs: number, fn: () => Promise<T>): Promise<Timed<T>> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), limitMs);
  });
  try {
    const outcome = await Promise.race([fn(), limit]);
    const ms = performance.now() - started;
    return outcome === 'timeout' ? { ms, timedOut: true } : { ms, value: outcome };
  } catch (e) {
    return { ms: performance.now() - started, error: (e as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

export interface HashComparison {
  files: number;
  bytes: number;
  iso: Timed<string>;
  native: { ms: number; tree: string };
}

/**
 * Hashing and storing the whole work tree of `workspace` from nothing, as a first record does:
 * isomorphic-git \`add\` + \`commit\` (index to tree to commit) vs \`git add -A\` +
 * \`git write-tree\` + \`git commit-tree\`. Each writes into a fresh object store (and index)
 * of its own, so neither finds objects the other, or the checkout, already has.
 */
export async function compareHashing(
  workspace: string,
  files: number,
  bytes: number,
  scratch: string,
): Promise<HashComparison> {
  const isoDir = join(scratch, 'iso-hash.git');
  await isogit.init({ fs, dir: workspace, gitdir: isoDir, bare: true });
  const iso = await within(ISO_TIME_LIMIT_MS, async () => {
    await isogit.add({ fs, dir: workspace, gitdir: isoDir, filepath: '.' });
    const oid = await isogit.commit({
      fs,
      dir: workspace,
      gitdir: isoDir,
      message: 'bench',
      author: AUTHOR,
    });
    return (await isogit.readCommit({ fs, gitdir: isoDir, oid })).commit.tree;
  });

  const nativeDir = join(scratch, 'native-hash.git');
  await git(scratch, ['init', '-q', '--bare', nativeDir]);
  const env = { GIT_DIR: nativeDir, GIT_WORK_TREE: workspace };
  const started = performance.now();
  await git(workspace, ['add', '-A'], { env });
  const tree = (await git(workspace, ['write-tree'], { env })).trim();
  await git(workspace, ['commit-tree', tree, '-m', 'bench'], { env });
  const ms = performance.now() - started;
  return { files, bytes, iso, native: { ms, tree } };
}

export interface PushComparison {
  iso: Timed<unknown> & { bytes: number };
  native: { ms: number; bytes: number };
}

/**
 * Pushing one new commit (100 changed files on top of the checkout) to a ref the server does
 * not have, into two identical server repositories: isomorphic-git into `isoRepo`, native git
 * into `nativeRepo`. Same commit, same starting server state, so bytes are comparable.
 */
export async function comparePush(
  server: GitServer,
  workspace: string,
  repos: { iso: string; native: string },
): Promise<PushComparison> {
  await server.idle(60_000);
  server.resetLog();
  const iso = await within(ISO_TIME_LIMIT_MS, () =>
    isogit.push({
      fs,
      http,
      dir: workspace,
      url: server.repoUrl(repos.iso),
      ref: 'main',
      remoteRef: 'refs/iso/bench/1',
      headers: server.token ? { Authorization: basicAuth(server.token) } : {},
    }),
  );
  const isoBytes = iso.timedOut ? 0 : await pushedBytes(server, repos.iso);

  server.resetLog();
  const args = [...authArgs(server), 'push', '-q', server.repoUrl(repos.native)];
  const native = await timedGit(workspace, [...args, 'HEAD:refs/native/bench/1']);
  return {
    iso: { ...iso, bytes: isoBytes },
    native: { ms: native.ms, bytes: await pushedBytes(server, repos.native) },
  };
}
