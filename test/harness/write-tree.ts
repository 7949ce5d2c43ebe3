// Declarative file trees: a test states the files it wants and writeTree makes them real,
// including executable bits and symlinks, which are easy to get wrong by hand.
import { chmod, lstat, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, normalize } from 'node:path';

export type FileSpec =
  string | Buffer | { content: string | Buffer; mode?: 'file' | 'exec' } | { symlink: string };

/** Paths (always with '/') relative to the tree root, mapped to their content. */
export type Tree = Record<string, FileSpec>;

function safeJoin(dir: string, rel: string): string {
  const norm = normalize(rel);
  if (
    isAbsolute(rel) ||
    norm === '..' ||
    norm.startsWith('../') ||
    rel.split('/').includes('.git')
  ) {
    throw new Error(`tree path '${rel}' must stay inside the directory and out of .git`);
  }
  return join(dir, norm);
}

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}

/** Writes (or overwrites) every entry of tree under dir, creating folders as needed. */
export async function writeTree(dir: string, tree: Tree): Promise<void> {
  for (const [rel, spec] of Object.entries(tree)) {
    const path = safeJoin(dir, rel);
    await mkdir(dirname(path), { recursive: true });
    // Replace whatever is there: a file may become a symlink or the other way round.
    if (await exists(path)) await rm(path, { recursive: true, force: true });
    if (typeof spec === 'object' && 'symlink' in spec) {
      await symlink(spec.symlink, path);
      continue;
    }
    const isPlain = typeof spec === 'string' || Buffer.isBuffer(spec);
    const content = isPlain ? spec : spec.content;
    const exec = !isPlain && spec.mode === 'exec';
    await writeFile(path, content);
    // Set the mode explicitly so the umask cannot change what git records (100644 vs 100755).
    await chmod(path, exec ? 0o755 : 0o644);
  }
}
