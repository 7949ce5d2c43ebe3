import { lstat, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import fg from 'fast-glob';
import type { PathPatterns } from '../core/globs.js';

export interface TrackFile {
  path: string;
  size: number;
  kind: 'file' | 'exec' | 'symlink';
}

/** Never part of a snapshot, whatever the patterns say. */
const ALWAYS_EXCLUDED = ['.git', '.git/**', '**/.git', '**/.git/**'];

/**
 * The files on disk now that the patterns select: committed or generated, ignored or not,
 * dotfiles included. Symlinks are listed as links and never followed, so nothing outside the
 * workspace can enter a snapshot through one.
 */
export async function listTrackFiles(root: string, patterns: PathPatterns): Promise<TrackFile[]> {
  // Not onlyFiles: fast-glob leaves unfollowed symlinks out of that mode, and we want them.
  const entries = await fg([...patterns.include], {
    cwd: root,
    ignore: [...patterns.exclude, ...ALWAYS_EXCLUDED],
    dot: true,
    onlyFiles: false,
    followSymbolicLinks: false,
    objectMode: true,
    unique: true,
  });
  const paths = entries.filter((e) => !e.dirent.isDirectory()).map((e) => e.path);
  paths.sort();
  const files: TrackFile[] = [];
  // lstat in bounded batches: fast on 50k files without opening thousands of handles at once.
  const BATCH = 256;
  for (let i = 0; i < paths.length; i += BATCH) {
    const slice = paths.slice(i, i + BATCH);
    const stats = await Promise.all(slice.map((p) => lstat(join(root, p)).catch(() => undefined)));
    for (let j = 0; j < slice.length; j++) {
      const st = stats[j];
      const path = slice[j]!;
      if (!st) continue; // vanished between listing and stat
      if (st.isSymbolicLink()) {
        const target = await readlink(join(root, path));
        files.push({ path, size: Buffer.byteLength(target), kind: 'symlink' });
      } else if (st.isFile()) {
        files.push({ path, size: st.size, kind: st.mode & 0o111 ? 'exec' : 'file' });
      }
    }
  }
  return files;
}
