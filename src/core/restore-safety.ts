/**
 * What a restore may write. A version's tree comes from a ref anyone with push access could have
 * written, so every entry is checked before anything is built from it. Pure.
 *
 * Refused, naming the path: anything that would leave the repository (`..`, absolute paths,
 * backslashes), anything inside `.git` (in any letter case, and the 8.3 short name `git~1`),
 * submodules (gitlinks), symbolic links that point outside the repository or that another
 * restored path would go through, paths outside the track's patterns, and `.github/workflows/`
 * unless the track opts in (the Actions token may not write there, so a pull request with such a
 * change cannot be pushed with it). The caller leaves out workflow files the base already holds
 * unchanged: restoring those changes nothing.
 */
import type { TreeEntry } from '../git/git.js';

export interface Refusal {
  path: string;
  why: string;
}

export const MODE_SYMLINK = '120000';
export const MODE_GITLINK = '160000';
const WORKFLOWS = '.github/workflows/';

function isGitDir(component: string): boolean {
  const c = component.toLowerCase().replace(/[. ]+$/, ''); // Windows ignores trailing dots/spaces
  return c === '.git' || c === 'git~1';
}

/** `a/b/../c` → `a/c`; null when it climbs above the root. */
function normalize(parts: string[]): string[] | null {
  const out: string[] = [];
  for (const p of parts) {
    if (p === '' || p === '.') continue;
    if (p === '..') {
      if (out.length === 0) return null;
      out.pop();
    } else out.push(p);
  }
  return out;
}

export function checkRestore(
  entries: readonly TreeEntry[],
  opts: {
    /** Whether a path belongs to the track (its patterns). */
    inTrack: (path: string) => boolean;
    /** Symbolic links of the result outside the restored paths (e.g. the base's other files). */
    otherSymlinks?: ReadonlySet<string>;
    /** The track opted in to `.github/workflows/` (a token allowed to change workflows). */
    workflows?: boolean;
  },
): Refusal[] {
  const refusals: Refusal[] = [];
  const symlinks = new Set(opts.otherSymlinks ?? []);
  for (const e of entries) if (e.mode === MODE_SYMLINK) symlinks.add(e.path);
  for (const e of entries) {
    const why = refusalFor(e, opts.inTrack, symlinks, opts.workflows ?? false);
    if (why) refusals.push({ path: e.path, why });
  }
  return refusals;
}

function refusalFor(
  e: TreeEntry,
  inTrack: (path: string) => boolean,
  symlinks: ReadonlySet<string>,
  workflows: boolean,
): string | undefined {
  const parts = e.path.split('/');
  if (e.path === '' || e.path.startsWith('/') || /^[A-Za-z]:/.test(e.path)) {
    return 'an absolute path would be written outside the repository';
  }
  if (e.path.includes('\\'))
    return 'a backslash in a path can climb out of the repository on Windows';
  if (/[\u0000-\u001f\u007f]/.test(e.path)) return 'control characters in a path';
  if (parts.some((p) => p === '..' || p === '.' || p === '')) {
    return 'a `..` or empty path component would be written outside the repository';
  }
  if (parts.some(isGitDir)) return 'paths inside `.git` are never written';
  if (e.mode === MODE_GITLINK || e.type === 'commit') {
    return 'submodules (gitlinks) are not restored';
  }
  if (!workflows && e.path.toLowerCase().startsWith(WORKFLOWS)) {
    return 'the version changes a file under `.github/workflows/`, which the Actions token may not do: set include-workflows: true and pass a token allowed to change workflows, or restore it by hand';
  }
  if (!inTrack(e.path)) return "the path is not part of the track's patterns";
  for (let i = 1; i < parts.length; i++) {
    const prefix = parts.slice(0, i).join('/');
    if (symlinks.has(prefix)) return `the path goes through the symbolic link \`${prefix}\``;
  }
  // A link's target is its blob's content: checkSymlinkTarget() judges it once it is read.
  if (e.mode !== MODE_SYMLINK && e.mode !== '100644' && e.mode !== '100755') {
    return `unexpected file mode ${e.mode}`;
  }
  return undefined;
}

/**
 * Where a symbolic link at `path` would point, relative to the repository root; a refusal
 * reason when that is outside the repository or inside `.git`.
 */
export function checkSymlinkTarget(path: string, target: string): string | undefined {
  if (target.startsWith('/') || /^[A-Za-z]:/.test(target) || target.includes('\\')) {
    return `the symbolic link points outside the repository (${JSON.stringify(target)})`;
  }
  const dir = path.split('/').slice(0, -1);
  const resolved = normalize([...dir, ...target.split('/')]);
  if (resolved === null) {
    return `the symbolic link points outside the repository (${JSON.stringify(target)})`;
  }
  if (resolved.some(isGitDir)) return 'the symbolic link points into `.git`';
  return undefined;
}
