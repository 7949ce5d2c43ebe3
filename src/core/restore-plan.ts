/**
 * What restoring a version into the work tree changes, and which of those changes would lose
 * work nobody saved. Pure: the caller hashes the files on disk and lists the trees.
 *
 * A file on disk counts as saved when git could give it back: it matches the commit checked
 * out (HEAD) or the track's latest version. Generated files that were never committed are
 * often only in the versions, so matching the latest version is enough.
 */

export interface PathState {
  mode: string;
  oid: string;
}

export type RestoreAction = 'add' | 'modify' | 'delete';

export interface RestoreChange {
  path: string;
  action: RestoreAction;
}

export interface RestorePlan {
  /** Sorted by path. */
  changes: RestoreChange[];
  /** Paths a change would overwrite or delete whose content on disk is saved nowhere. */
  unsaved: string[];
}

const same = (a: PathState | undefined, b: PathState | undefined) =>
  a !== undefined && b !== undefined && a.mode === b.mode && a.oid === b.oid;

export function planRestore(input: {
  /** The version's files. */
  version: ReadonlyMap<string, PathState>;
  /** The track's files on disk now. */
  disk: ReadonlyMap<string, PathState>;
  /** Where a file on disk counts as saved (HEAD's files, the latest version's files). */
  saved: readonly ReadonlyMap<string, PathState>[];
}): RestorePlan {
  const changes: RestoreChange[] = [];
  for (const [path, want] of input.version) {
    const now = input.disk.get(path);
    if (!now) changes.push({ path, action: 'add' });
    else if (!same(now, want)) changes.push({ path, action: 'modify' });
  }
  for (const path of input.disk.keys()) {
    if (!input.version.has(path)) changes.push({ path, action: 'delete' });
  }
  changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const unsaved = changes
    .filter((c) => c.action !== 'add')
    .map((c) => c.path)
    .filter((path) => {
      const now = input.disk.get(path);
      return !input.saved.some((where) => same(where.get(path), now));
    });
  return { changes, unsaved };
}
