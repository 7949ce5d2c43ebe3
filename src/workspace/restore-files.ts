/**
 * Writing a version's files into the work tree, after core/restore-safety.ts has judged the
 * version's paths. What the tree cannot show is judged here, on disk: a folder on the way that
 * is a symbolic link (writing through it would land outside the repository), or a file where a
 * folder is needed. Nothing is written until every path has passed.
 *
 * Each file is written to a temporary name beside it and renamed over the old one, so a
 * symbolic link at the path itself is replaced, never followed, and a reader never sees half a
 * file. Large blobs stream from git to disk: memory stays bounded whatever the file size.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, lstatSync, mkdirSync, readdirSync, rmdirSync } from 'node:fs';
import { chmod, rename, symlink, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { SnapbackError } from '../errors.js';
import type { Git } from '../git/git.js';
import { gitProcessEnv, runGit } from '../git/run-git.js';
import type { Refusal } from '../core/restore-safety.js';
import { MODE_SYMLINK } from '../core/restore-safety.js';
import { tempName } from '../git/temp-names.js';

function lstat(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

/** Refusals for paths whose way on disk is not a plain folder, or that a folder occupies. */
export function diskRefusals(
  root: string,
  writes: readonly string[],
  deletes: ReadonlySet<string>,
): Refusal[] {
  const refusals: Refusal[] = [];
  const check = (path: string, writing: boolean) => {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const prefix = parts.slice(0, i).join('/');
      const st = lstat(join(root, prefix));
      if (!st || st.isDirectory()) continue;
      if (st.isSymbolicLink()) {
        return refusals.push({
          path,
          why: `the path goes through the symbolic link \`${prefix}\` in the work tree`,
        });
      }
      if (writing && !deletes.has(prefix)) {
        return refusals.push({ path, why: `\`${prefix}\` is a file in the work tree` });
      }
    }
    if (writing && lstat(join(root, path))?.isDirectory()) {
      refusals.push({ path, why: 'a folder in the work tree has this name' });
    }
  };
  for (const path of writes) check(path, true);
  for (const path of deletes) check(path, false);
  return refusals;
}

export interface FileToWrite {
  path: string;
  mode: string;
  oid: string;
  size: number;
}

/** Blobs at most this large are read in batches; larger ones stream to disk one by one. */
const BATCH_BYTES = 16 * 1024 * 1024;

/** Deletes, then writes; empty folders left by the deletions are removed. */
export async function writeRestore(
  git: Git,
  root: string,
  writes: readonly FileToWrite[],
  deletes: readonly string[],
): Promise<void> {
  for (const path of deletes) await unlink(join(root, path));
  for (const path of deletes) removeEmptyFolders(root, dirname(path));
  let batch: FileToWrite[] = [];
  let bytes = 0;
  const flush = async () => {
    const blobs = await git.readBlobs(batch.map((f) => f.oid));
    for (const f of batch) {
      const content = blobs.get(f.oid);
      if (!content) throw missing(f);
      await place(root, f, (tmp) =>
        f.mode === MODE_SYMLINK ? symlink(content.toString('utf8'), tmp) : writeFile(tmp, content),
      );
    }
    batch = [];
    bytes = 0;
  };
  for (const f of writes) {
    if (f.mode !== MODE_SYMLINK && f.size > BATCH_BYTES) {
      await place(root, f, (tmp) => streamBlob(git.workdir, f.oid, tmp));
      continue;
    }
    if (bytes + f.size > BATCH_BYTES) await flush();
    batch.push(f);
    bytes += f.size;
  }
  if (batch.length > 0) await flush();
}

async function place(
  root: string,
  f: FileToWrite,
  make: (tmp: string) => Promise<void>,
): Promise<void> {
  const target = join(root, f.path);
  makeFolders(root, dirname(f.path));
  const tmp = join(dirname(target), `.snapback-restore-${tempName()}`);
  try {
    await make(tmp);
    if (f.mode !== MODE_SYMLINK) await chmod(tmp, f.mode === '100755' ? 0o755 : 0o644);
    await rename(tmp, target);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
}

/** Creates the folders of `dir` one by one, refusing any component that is not a folder. */
function makeFolders(root: string, dir: string): void {
  if (dir === '.' || dir === '') return;
  let at = root;
  for (const part of dir.split('/')) {
    at = join(at, part);
    const st = lstat(at);
    if (!st) mkdirSync(at);
    else if (!st.isDirectory()) {
      // Checked before anything was written; only a change made meanwhile gets here.
      throw new SnapbackError(
        'unsafe-snapshot',
        `'${at.slice(root.length + 1)}' stopped being a folder during the restore; the restore stopped.`,
        'Check the work tree, then restore again.',
      );
    }
  }
}

function removeEmptyFolders(root: string, dir: string): void {
  while (dir !== '.' && dir !== '') {
    const at = join(root, dir);
    const st = lstat(at);
    if (!st?.isDirectory() || readdirSync(at).length > 0) return;
    rmdirSync(at);
    dir = dirname(dir);
  }
}

async function streamBlob(cwd: string, oid: string, file: string): Promise<void> {
  const child = spawn('git', ['cat-file', 'blob', oid], {
    cwd,
    env: gitProcessEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err = (err + d.toString('utf8')).slice(-4_096)));
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  await pipeline(child.stdout, createWriteStream(file, { flags: 'wx' }));
  const code = await exited;
  if (code !== 0) {
    throw new SnapbackError('git-failed', `git cat-file blob ${oid} failed: ${err.trim()}`);
  }
}

function missing(f: FileToWrite): SnapbackError {
  return new SnapbackError(
    'git-failed',
    `The content of '${f.path}' (${f.oid}) is missing from the local repository.`,
    'Fetch the version again (git fetch origin "refs/versions/*:refs/versions/*"), then restore.',
  );
}

/**
 * Which `path` blobs of which commits this clone holds: for each `<commit>:<path>` asked, the
 * blob's oid, from one `git cat-file --batch-check`. Commits or paths missing here are left out.
 */
export async function blobsAt(
  cwd: string,
  queries: readonly { commit: string; path: string }[],
): Promise<Map<string, string>> {
  const asked = queries.filter((q) => !/[\n\r]/.test(q.path));
  const out = new Map<string, string>();
  if (asked.length === 0) return out;
  const r = await runGit(['cat-file', '--batch-check=%(objectname) %(objecttype)'], {
    cwd,
    input: asked.map((q) => `${q.commit}:${q.path}\n`).join(''),
  });
  const lines = r.stdout.toString('utf8').split('\n');
  asked.forEach((q, i) => {
    const [oid, type] = (lines[i] ?? '').split(' ');
    if (type === 'blob' && oid) out.set(`${q.commit}:${q.path}`, oid);
  });
  return out;
}
