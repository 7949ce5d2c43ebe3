/**
 * `export <selector> --to DIR|FILE.tar`: a version's files, exactly as recorded, into a new
 * folder or a tarball (`.tar`, `.tar.gz`, `.tgz`), for use where there is no clone. The
 * version's tree is checked first with the same rules as a restore (nothing outside the
 * target, nothing into `.git`, no link pointing outside or walked through); a refused tree
 * writes nothing. Blobs are read in batches of bounded size, so a large version does not have
 * to fit in memory.
 */
import { createWriteStream } from 'node:fs';
import { chmod, mkdir, readdir, stat, symlink, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { once } from 'node:events';
import { createGzip } from 'node:zlib';
import type { Writable } from 'node:stream';
import { InputError, SnapbackError } from '../errors.js';
import type { Git, TreeEntry } from '../git/git.js';
import { versionRef } from '../core/refs.js';
import {
  checkRestore,
  checkSymlinkTarget,
  MODE_SYMLINK,
  type Refusal,
} from '../core/restore-safety.js';
import { archiveEnd, entryHeader, padding } from '../core/tar.js';
import { printable } from '../core/track-name.js';
import { fetchCommits, oneTrack, readRegistry, resolveVersion } from './read-versions.js';

export interface ExportOptions {
  track?: string | undefined;
  selector: string;
  /** A folder (new or empty), or a file ending in .tar, .tar.gz or .tgz. */
  to: string;
  /** Resolve and check everything, write nothing. */
  dryRun: boolean;
  /** Relative `to` paths are taken from here. */
  cwd: string;
}

export interface ExportResult {
  track: string;
  version: number;
  commit: string;
  /** Where the files went (absolute). */
  to: string;
  format: 'folder' | 'tar' | 'tar.gz';
  files: number;
  bytes: number;
  dryRun: boolean;
}

export interface ExportDeps {
  git: Git;
}

/** Blob bytes read at once; a single larger file is read alone. */
const BATCH_BYTES = 32 * 1024 * 1024;

export function exportFormat(to: string): ExportResult['format'] {
  if (/\.(tar\.gz|tgz)$/i.test(to)) return 'tar.gz';
  return /\.tar$/i.test(to) ? 'tar' : 'folder';
}

export async function exportVersion(deps: ExportDeps, opts: ExportOptions): Promise<ExportResult> {
  const { git } = deps;
  if (opts.to.trim() === '') {
    throw new InputError('to', 'is required.', 'Give a new folder or a file name ending in .tar.');
  }
  const to = resolve(opts.cwd, opts.to);
  const format = exportFormat(to);
  if (format === 'folder') await checkFolder(to, opts.to);
  else await checkArchivePath(to, opts.to);

  const read = await readRegistry(git, opts.track === undefined ? undefined : [opts.track], {
    events: false,
  });
  const track = oneTrack(read);
  const { n, oid } = await resolveVersion(git, read, track, opts.selector, 'version');
  await fetchCommits(git, [{ ref: versionRef(track, n), oid }]);
  const entries = await git.listTree(oid);
  const sizes = await git.blobSizes(oid);
  const links = await git.readBlobs(
    entries.filter((e) => e.mode === MODE_SYMLINK).map((e) => e.oid),
  );
  const refusals: Refusal[] = checkRestore(entries, { inTrack: () => true, workflows: true });
  for (const e of entries) {
    if (e.mode !== MODE_SYMLINK) continue;
    const why = checkSymlinkTarget(e.path, links.get(e.oid)?.toString('utf8') ?? '');
    if (why) refusals.push({ path: e.path, why });
  }
  if (refusals.length > 0) {
    const list = refusals
      .slice(0, 10)
      .map((r) => `${printable(r.path, 200)}: ${r.why}`)
      .join('; ');
    throw new SnapbackError(
      'unsafe-snapshot',
      `Version ${n} of '${track}' holds ${refusals.length} path${refusals.length === 1 ? '' : 's'} that cannot be exported safely (${list}). Nothing was written.`,
      'Someone wrote this version by hand; inspect it with git (git ls-tree -r refs/versions/…) and export another version.',
    );
  }
  const bytes = [...sizes.values()].reduce((a, b) => a + b, 0);
  const result: ExportResult = {
    track,
    version: n,
    commit: oid,
    to,
    format,
    files: entries.length,
    bytes,
    dryRun: opts.dryRun,
  };
  if (opts.dryRun) return result;
  const mtime = Math.floor(Date.parse((await git.readCommit(oid)).committedAt ?? '0') / 1000) || 0;
  if (format === 'folder') await writeFolder(git, to, entries, sizes, links);
  else await writeArchive(git, to, format === 'tar.gz', entries, sizes, links, mtime);
  return result;
}

async function checkFolder(to: string, given: string): Promise<void> {
  const st = await stat(to).catch(() => undefined);
  if (!st) return;
  if (!st.isDirectory() || (await readdir(to)).length > 0) {
    throw new InputError(
      'to',
      `'${printable(given, 200)}' exists and is not an empty folder; export writes only into a new or empty folder.`,
      'Name a new folder, or a file ending in .tar, .tar.gz or .tgz for a tarball.',
    );
  }
}

async function checkArchivePath(to: string, given: string): Promise<void> {
  const parent = await stat(dirname(to)).catch(() => undefined);
  const self = await stat(to).catch(() => undefined);
  if (!parent?.isDirectory() || self?.isDirectory()) {
    throw new InputError(
      'to',
      self?.isDirectory()
        ? `'${printable(given, 200)}' is a folder, not a tarball name.`
        : `the folder for '${printable(given, 200)}' does not exist.`,
      'Name a tarball in an existing folder (versions/config-3.tar).',
    );
  }
}

/** Entries in batches whose blobs add up to at most BATCH_BYTES (a larger one alone). */
function* batches(entries: readonly TreeEntry[], sizes: ReadonlyMap<string, number>) {
  let batch: TreeEntry[] = [];
  let bytes = 0;
  for (const e of entries) {
    const size = sizes.get(e.path) ?? 0;
    if (batch.length > 0 && bytes + size > BATCH_BYTES) {
      yield batch;
      batch = [];
      bytes = 0;
    }
    batch.push(e);
    bytes += size;
  }
  if (batch.length > 0) yield batch;
}

async function writeFolder(
  git: Git,
  to: string,
  entries: readonly TreeEntry[],
  sizes: ReadonlyMap<string, number>,
  links: ReadonlyMap<string, Buffer>,
): Promise<void> {
  await mkdir(to, { recursive: true });
  const files = entries.filter((e) => e.mode !== MODE_SYMLINK);
  for (const batch of batches(files, sizes)) {
    const blobs = await git.readBlobs(batch.map((e) => e.oid));
    for (const e of batch) {
      const path = join(to, e.path);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, blobs.get(e.oid) ?? Buffer.alloc(0), { flag: 'wx' });
      if (e.mode === '100755') await chmod(path, 0o755);
    }
  }
  // Links last: the safety check guarantees no file above went through one.
  for (const e of entries.filter((x) => x.mode === MODE_SYMLINK)) {
    const path = join(to, e.path);
    await mkdir(dirname(path), { recursive: true });
    await symlink(links.get(e.oid)?.toString('utf8') ?? '', path);
  }
}

async function writeArchive(
  git: Git,
  to: string,
  gzip: boolean,
  entries: readonly TreeEntry[],
  sizes: ReadonlyMap<string, number>,
  links: ReadonlyMap<string, Buffer>,
  mtime: number,
): Promise<void> {
  const file = createWriteStream(to);
  const zip = gzip ? createGzip() : undefined;
  zip?.pipe(file);
  const out: Writable = zip ?? file;
  const failed = new Promise<never>((_, reject) => {
    file.once('error', reject);
    zip?.once('error', reject);
  });
  failed.catch(() => undefined);
  const write = async (chunk: Buffer) => {
    if (!out.write(chunk)) await Promise.race([once(out, 'drain'), failed]);
  };
  for (const batch of batches(entries, sizes)) {
    const files = batch.filter((e) => e.mode !== MODE_SYMLINK);
    const blobs = files.length > 0 ? await git.readBlobs(files.map((e) => e.oid)) : new Map();
    for (const e of batch) {
      if (e.mode === MODE_SYMLINK) {
        const target = links.get(e.oid)?.toString('utf8') ?? '';
        await write(entryHeader({ path: e.path, mode: 0o777, size: 0, mtime, linkTarget: target }));
        continue;
      }
      const data = (blobs.get(e.oid) as Buffer | undefined) ?? Buffer.alloc(0);
      const mode = e.mode === '100755' ? 0o755 : 0o644;
      await write(entryHeader({ path: e.path, mode, size: data.length, mtime }));
      await write(data);
      await write(padding(data.length));
    }
  }
  await write(archiveEnd());
  out.end();
  await Promise.race([once(file, 'close'), failed]);
}
