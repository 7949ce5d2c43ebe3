/**
 * `restore`: puts a version's files into the work tree exactly — same content, same modes;
 * files the track has now but the version lacks are deleted; files outside the track are left
 * alone. Every path of the version is checked first (core/restore-safety.ts: never outside the
 * repository, into `.git` or through a symbolic link), then the work tree itself
 * (workspace/restore-files.ts); changes that would lose unsaved work need `force`. Any refusal
 * comes before the first write.
 */
import { InputError, SnapbackError } from '../errors.js';
import type { Git, TreeEntry } from '../git/git.js';
import { trackPrefix, versionRef } from '../core/refs.js';
import { isWorkflowPath, trackMatcher, type PathPatterns } from '../core/globs.js';
import { describeVersions, parseSelector, resolveSelector } from '../core/selectors.js';
import { parseVersionMessage } from '../core/version-meta.js';
import {
  checkRestore,
  checkSymlinkTarget,
  MODE_SYMLINK,
  type Refusal,
} from '../core/restore-safety.js';
import { planRestore, type PathState, type RestoreChange } from '../core/restore-plan.js';
import { printable } from '../core/track-name.js';
import { labelOf, labelReader } from '../registry/labels.js';
import { lazyTrackEvents } from '../registry/track-events.js';
import { lookAtRegistry, trackIndex, versionByCommit } from '../registry/registry.js';
import { listTrackFiles } from '../workspace/track-files.js';
import {
  blobsAt,
  diskRefusals,
  writeRestore,
  type FileToWrite,
} from '../workspace/restore-files.js';

export interface RestoreOptions {
  track: string;
  /** The track's patterns; undefined: the latest version's files are the track's files. */
  patterns: PathPatterns | undefined;
  /** The track opted in to `.github/workflows/`. */
  includeWorkflows: boolean;
  /** Selector of the version to restore (required). */
  version: string;
  dryRun: boolean;
  /** Overwrite or delete files whose content is saved nowhere (not in HEAD, not in the latest version). */
  force: boolean;
}

export interface RestoreDeps {
  git: Git;
  log: (message: string) => void;
}

export interface RestoreResult {
  track: string;
  target: { version: number; label: string | undefined; commit: string };
  /** What the restore changes (dry run: would change) in the work tree, by path. */
  changes: RestoreChange[];
  /** Changed paths whose content on disk was saved nowhere (written only with force). */
  unsaved: string[];
  dryRun: boolean;
}

export async function restore(deps: RestoreDeps, opts: RestoreOptions): Promise<RestoreResult> {
  if (!opts.version.trim()) {
    throw new InputError(
      'version',
      'is required: which version to restore.',
      'Give a version number, an alias (active, production…), production@{1}, latest, previous or a semver range.',
    );
  }
  const sel = parseSelector(opts.version, 'version');
  if (sel.kind === 'worktree') {
    throw new InputError('version', `'worktree' is not a version to restore.`, HINT);
  }
  const { git } = deps;
  const view = await lookAtRegistry(git, [trackPrefix(opts.track)]);
  const index = trackIndex(opts.track, view.refs);
  if (index.versions.size === 0) {
    throw new InputError(
      'track',
      `'${opts.track}' has no versions to restore.`,
      describeVersions(index),
    );
  }
  const active = index.aliases.get('active');
  const resolved = await resolveSelector(sel, index, {
    input: 'version',
    relativeTo: active !== undefined ? versionByCommit(index).get(active) : undefined,
    labels: labelReader(git, view.notes, index),
    aliasEvents: lazyTrackEvents(git, view.notes, index),
  });
  if (resolved.kind !== 'version') {
    throw new InputError(
      'version',
      `'${printable(opts.version)}' is not a version of '${opts.track}'.`,
      describeVersions(index),
    );
  }
  const latest = Math.max(...index.versions.keys());
  const latestOid = index.versions.get(latest)!;
  await fetchMissing(git, opts.track, [
    [resolved.n, resolved.oid],
    [latest, latestOid],
  ]);

  // The track's extent: its patterns, or (without them) what its latest version and this one hold.
  const versionEntries = await git.listTree(resolved.oid);
  const latestEntries = latestOid === resolved.oid ? versionEntries : await git.listTree(latestOid);
  let inTrack: (path: string) => boolean;
  if (opts.patterns) {
    inTrack = trackMatcher({ ...opts.patterns, workflows: opts.includeWorkflows });
  } else {
    const known = new Set([...latestEntries, ...versionEntries].map((e) => e.path));
    inTrack = (path) => known.has(path) && (opts.includeWorkflows || !isWorkflowPath(path));
  }
  await refuseUnsafeVersion(git, opts.track, resolved.n, versionEntries, inTrack, opts);

  // What is on disk now, hashed as git would record it.
  const onDisk = opts.patterns
    ? (await listTrackFiles(git, { ...opts.patterns, workflows: opts.includeWorkflows })).map(
        (f) => f.path,
      )
    : (await git.listWorkTree([])).filter(inTrack);
  const disk = states(onDisk.length > 0 ? await git.listTree(await git.writeTree(onDisk)) : []);
  const head = await headEntries(git, inTrack);
  const plan = planRestore({
    version: states(versionEntries),
    disk,
    saved: [head, states(latestEntries)],
  });
  plan.unsaved = await stillUnsaved(git, index.versions, plan.unsaved, disk);
  const deletes = plan.changes.filter((c) => c.action === 'delete').map((c) => c.path);
  const writes = plan.changes.filter((c) => c.action !== 'delete').map((c) => c.path);
  refuse(
    opts.track,
    resolved.n,
    diskRefusals(git.workdir, writes, new Set(deletes)),
    'the work tree is in the way',
  );

  const meta = parseVersionMessage((await git.readCommit(resolved.oid)).message);
  const label = meta?.label || (await labelOf(git, view.notes, index, resolved.n));
  const result: RestoreResult = {
    track: opts.track,
    target: { version: resolved.n, label, commit: resolved.oid },
    changes: plan.changes,
    unsaved: plan.unsaved,
    dryRun: opts.dryRun,
  };
  if (opts.dryRun || plan.changes.length === 0) return result;
  if (plan.unsaved.length > 0 && !opts.force) {
    const shown = plan.unsaved.slice(0, 10).map((p) => printable(p, 200));
    const more = plan.unsaved.length > 10 ? ` (and ${plan.unsaved.length - 10} more)` : '';
    throw new SnapbackError(
      'unsaved-changes',
      `Restoring v${resolved.n} of '${opts.track}' would overwrite or delete changes saved nowhere (neither committed nor in the latest version): ${shown.join(', ')}${more}. Nothing was written.`,
      'Commit or record them first, or pass --force to restore anyway (see --dry-run for every change).',
    );
  }
  const sizes = await git.blobSizes(resolved.oid);
  const byPath = new Map(versionEntries.map((e) => [e.path, e]));
  const files: FileToWrite[] = writes.map((path) => {
    const e = byPath.get(path)!;
    return { path, mode: e.mode, oid: e.oid, size: sizes.get(path) ?? 0 };
  });
  await writeRestore(git, git.workdir, files, deletes);
  deps.log(
    `${opts.track}: restored v${resolved.n}: ${writes.length} written, ${deletes.length} deleted.`,
  );
  return result;
}

/** Versions looked through for a copy of a file on disk, newest first. */
const SAVED_LOOKBACK = 100;

/**
 * The unsaved paths whose content is in none of the track's newest versions this clone holds
 * either: after restoring v3, the files on disk are v3's, and restoring another version must
 * not need force for them.
 */
async function stillUnsaved(
  git: Git,
  versions: ReadonlyMap<number, string>,
  unsaved: readonly string[],
  disk: ReadonlyMap<string, PathState>,
): Promise<string[]> {
  // Beyond a few thousand edited files, asking is cheaper than looking: force is one flag away.
  if (unsaved.length === 0 || unsaved.length > 2_000) return [...unsaved];
  const commits = [...versions]
    .sort(([a], [b]) => b - a)
    .slice(0, SAVED_LOOKBACK)
    .map(([, oid]) => oid);
  const found = await blobsAt(
    git.workdir,
    commits.flatMap((commit) => unsaved.map((path) => ({ commit, path }))),
  );
  return unsaved.filter(
    (path) => !commits.some((c) => found.get(`${c}:${path}`) === disk.get(path)?.oid),
  );
}

const HINT = 'Give a version number, an alias, production@{1}, latest, previous or a semver range.';

function states(entries: readonly TreeEntry[]): Map<string, PathState> {
  return new Map(entries.map((e) => [e.path, { mode: e.mode, oid: e.oid }]));
}

/** The track's files in the commit checked out; none in a repository without commits yet. */
async function headEntries(
  git: Git,
  inTrack: (path: string) => boolean,
): Promise<Map<string, PathState>> {
  let head: string;
  try {
    head = await git.head();
  } catch {
    return new Map();
  }
  return states(await git.listTree(await git.subTree(head, inTrack)));
}

async function fetchMissing(
  git: Git,
  track: string,
  versions: readonly [number, string][],
): Promise<void> {
  const wanted: { remote: string; local: string }[] = [];
  for (const [n, oid] of versions) {
    const ref = versionRef(track, n);
    if (!(await git.hasObject(oid)) && !wanted.some((w) => w.remote === ref)) {
      wanted.push({ remote: ref, local: ref });
    }
  }
  if (wanted.length > 0) await git.fetchRefs(wanted);
}

async function refuseUnsafeVersion(
  git: Git,
  track: string,
  version: number,
  entries: readonly TreeEntry[],
  inTrack: (path: string) => boolean,
  opts: { includeWorkflows: boolean },
): Promise<void> {
  const refusals = checkRestore(entries, { inTrack, workflows: opts.includeWorkflows });
  const links = entries.filter(
    (e) => e.mode === MODE_SYMLINK && !refusals.some((r) => r.path === e.path),
  );
  const targets = await git.readBlobs(links.map((e) => e.oid));
  for (const e of links) {
    const why = checkSymlinkTarget(e.path, targets.get(e.oid)?.toString('utf8') ?? '');
    if (why) refusals.push({ path: e.path, why });
  }
  refuse(track, version, refusals, 'cannot be restored');
}

function refuse(track: string, version: number, refusals: Refusal[], what: string): void {
  if (refusals.length === 0) return;
  const shown = refusals.slice(0, 10).map((r) => `${printable(r.path, 200)}: ${r.why}`);
  const more = refusals.length > 10 ? ` (and ${refusals.length - 10} more)` : '';
  throw new SnapbackError(
    'unsafe-snapshot',
    `Version ${version} of '${track}' ${what}; nothing was written. ${shown.join('; ')}${more}.`,
    what === 'cannot be restored'
      ? `Version refs can be pushed by anyone with write access: inspect it with \`git ls-tree -r refs/versions/${track}/${version}\`, and restore another version.`
      : 'Move the paths named out of the way, then restore again.',
  );
}
