/**
 * `diff`: what changed between two states of a track — versions, aliases, semver ranges,
 * commits or the work tree — file by file (renames included, as git's `-M` finds them) and,
 * for JSON, YAML and TOML files, key by key.
 */
import { debug, type Progress } from '../progress.js';
import { InputError } from '../errors.js';
import { EMPTY_TREE, type Git, type TreeChange } from '../git/git.js';
import { NOTES_REF, aliasesOf, trackPrefix, versionRef, versionsOf } from '../core/refs.js';
import {
  parseSelector,
  resolveSelector,
  type ResolveContext,
  type Resolved,
  type Selector,
  type TrackIndex,
} from '../core/selectors.js';
import { labelReader } from '../registry/labels.js';
import { lazyTrackEvents } from '../registry/track-events.js';
import { trackMatcher, type PathPatterns } from '../core/globs.js';
import type { ContentDiff } from '../core/content-diff/index.js';
import { listTrackFiles } from '../workspace/track-files.js';

export interface DiffTrack {
  name: string;
  /** Needed only when a side is the work tree or a commit (versions hold exactly the track). */
  patterns: PathPatterns | undefined;
  /** Which input defined the patterns, for error messages. */
  source: string;
}

export interface DiffOptions {
  tracks: DiffTrack[];
  /** Empty: on a pull request the active version (else the latest), elsewhere `previous`. */
  from: string;
  /** Empty: on a pull request the work tree, elsewhere `latest`. */
  to: string;
  pullRequest: boolean;
  /** Limits on reading file contents, so a 10,000-file diff stays fast. */
  maxContentFiles?: number;
  maxContentBytes?: number;
}

export interface SideInfo {
  /** `v3 (active)`, `work tree`, `commit abc1234`, `nothing`. */
  describe: string;
  version: number | null;
  commit: string | null;
}

export interface FileDiff extends TreeChange {
  content: ContentDiff | null;
}

export interface TrackDiff {
  track: string;
  from: SideInfo;
  to: SideInfo;
  files: FileDiff[];
  /** Files whose contents were not compared because of the limits. */
  contentSkipped: number;
  /**
   * Set when the default sides find nothing to compare (a track with one version, or none):
   * why. The track is reported as such and the other tracks are compared as usual.
   */
  nothingToCompare?: string | undefined;
}

export interface DiffResult {
  tracks: TrackDiff[];
}

export interface DiffDeps {
  git: Git;
  log: (message: string) => void;
  /** Decisions, for step debugging. */
  progress?: Progress | undefined;
}

const DEFAULT_MAX_CONTENT_FILES = 1_000;

export async function diff(deps: DiffDeps, opts: DiffOptions): Promise<DiffResult> {
  const { git } = deps;
  const toSel = parseSelector(opts.to || (opts.pullRequest ? 'worktree' : 'latest'), 'to');
  const refs = await git.listRemoteRefs([
    ...opts.tracks.map((t) => trackPrefix(t.name)),
    NOTES_REF,
  ]);

  const tracks: TrackDiff[] = [];
  for (const track of opts.tracks) {
    const index: TrackIndex = {
      track: track.name,
      versions: versionsOf(track.name, refs),
      aliases: aliasesOf(track.name, refs),
    };
    const labels = labelReader(git, refs.get(NOTES_REF), index);
    const isCommit = async (rev: string) => (await git.resolveCommit(rev)) !== undefined;
    const aliasEvents = lazyTrackEvents(git, refs.get(NOTES_REF), index);
    const fromText =
      opts.from ||
      (opts.pullRequest ? (index.aliases.has('active') ? 'active' : 'latest') : 'previous');
    // The default sides (latest against the one before) ask nothing specific of a track: one
    // without two versions yet has nothing to compare, which is no reason to fail the others.
    const nothing = !opts.from && !opts.to && !opts.pullRequest ? notEnoughVersions(index) : null;
    if (nothing) {
      tracks.push(nothingToCompare(track.name, index, nothing));
      continue;
    }
    const to = await resolveSelector(toSel, index, {
      input: 'to',
      labels,
      isCommit,
      aliasEvents,
    });
    const fromSel = parseSelector(fromText, 'from');
    const from = await resolveFrom(fromSel, index, to, { labels, isCommit, aliasEvents });
    debug(
      deps.progress,
      `${track.name}: from '${fromText}' is ${describe(from).describe}, to '${opts.to || 'default'}' is ${describe(to).describe}.`,
    );
    await fetchVersions(git, track.name, [from, to]);
    const [fromTree, toTree] = [await treeOf(git, track, from), await treeOf(git, track, to)];
    const changes =
      fromTree === toTree
        ? []
        : await git.diffTrees(fromTree, toTree ?? EMPTY_TREE, { renames: true });
    const { files, skipped } = await withContent(git, changes, opts);
    tracks.push({
      track: track.name,
      from: describe(from),
      to: describe(to),
      files,
      contentSkipped: skipped,
    });
  }
  return { tracks };
}

/** Why the default sides have nothing to compare in this track; null when they do. */
function notEnoughVersions(index: TrackIndex): string | null {
  const count = index.versions.size;
  if (count >= 2) return null;
  if (count === 0) return `'${index.track}' has no versions yet`;
  return `v${[...index.versions.keys()][0]} is the only version of '${index.track}'`;
}

function nothingToCompare(track: string, index: TrackIndex, why: string): TrackDiff {
  const only = [...index.versions][0];
  return {
    track,
    from: { describe: 'nothing to compare against', version: null, commit: null },
    to: only
      ? { describe: `v${only[0]}`, version: only[0], commit: only[1] }
      : { describe: 'no version yet', version: null, commit: null },
    files: [],
    contentSkipped: 0,
    nothingToCompare: why,
  };
}

/** A PR's base may predate the track's first version: comparing with nothing is then right. */
async function resolveFrom(
  sel: Selector,
  index: TrackIndex,
  to: Resolved,
  ctx: Omit<ResolveContext, 'input' | 'relativeTo'>,
): Promise<Resolved> {
  if (index.versions.size === 0 && (sel.kind === 'latest' || sel.kind === 'previous')) {
    return { kind: 'empty', why: `no version of '${index.track}' yet` };
  }
  const relativeTo = to.kind === 'version' ? to.n : null;
  return resolveSelector(sel, index, { ...ctx, input: 'from', relativeTo });
}

function describe(side: Resolved): SideInfo {
  switch (side.kind) {
    case 'version':
      return {
        describe: side.via === `v${side.n}` ? `v${side.n}` : `v${side.n} (${side.via})`,
        version: side.n,
        commit: side.oid,
      };
    case 'worktree':
      return { describe: 'work tree', version: null, commit: null };
    case 'commit':
      return { describe: `commit ${side.rev}`, version: null, commit: null };
    case 'empty':
      return { describe: `nothing (${side.why})`, version: null, commit: null };
  }
}

async function fetchVersions(git: Git, track: string, sides: Resolved[]): Promise<void> {
  const wanted: { remote: string; local: string }[] = [];
  for (const side of sides) {
    if (side.kind === 'version' && !(await git.hasObject(side.oid))) {
      const ref = versionRef(track, side.n);
      if (!wanted.some((w) => w.remote === ref)) wanted.push({ remote: ref, local: ref });
    }
  }
  if (wanted.length > 0) await git.fetchRefs(wanted);
}

async function treeOf(git: Git, track: DiffTrack, side: Resolved): Promise<string | null> {
  switch (side.kind) {
    case 'empty':
      return null;
    case 'version':
      return side.oid; // a commit is a tree-ish: diff-tree reads its tree itself
    case 'worktree': {
      const patterns = needPatterns(track, 'the work tree');
      return git.writeTree((await listTrackFiles(git, patterns)).map((f) => f.path));
    }
    case 'commit': {
      const patterns = needPatterns(track, `commit ${side.rev}`);
      const commit = (await git.resolveCommit(side.rev))!;
      return git.subTree(commit, trackMatcher(patterns));
    }
  }
}

function needPatterns(track: DiffTrack, what: string): PathPatterns {
  if (!track.patterns) {
    throw new InputError(
      'paths',
      `is needed to compare track '${track.name}' with ${what}.`,
      'Set paths (or declare the track in .github/snapback.yml) so snapback knows which files belong to it.',
    );
  }
  return track.patterns;
}

/** Adds key-level (config) and line-level (text) comparisons, within the limits. */
/** File changes with their key- or line-level diffs, within the limits on what is read. */
export async function withContent(
  git: Git,
  changes: TreeChange[],
  opts: { maxContentFiles?: number | undefined; maxContentBytes?: number | undefined },
): Promise<{ files: FileDiff[]; skipped: number }> {
  const maxFiles = opts.maxContentFiles ?? DEFAULT_MAX_CONTENT_FILES;
  // Loaded here, not at start-up: its parsers (yaml, TOML) are a large part of the bundle, and
  // only a diff of changed contents needs them.
  const { contentLimit, diffContent } = await import('../core/content-diff/index.js');
  // By default the limit depends on the format: what a comparison costs in memory differs.
  const maxBytes = (c: TreeChange) => opts.maxContentBytes ?? contentLimit(c.path);
  const chosen: TreeChange[] = [];
  let skipped = 0;
  for (const c of changes) {
    const contentChanged = c.oldOid !== c.newOid;
    const regular = (m: string | null) => m === null || m.startsWith('100');
    if (!contentChanged || !regular(c.oldMode) || !regular(c.newMode)) continue;
    const tooLarge = Math.max(c.oldSize, c.newSize) > maxBytes(c);
    if (chosen.length >= maxFiles || tooLarge) skipped++;
    else chosen.push(c);
  }
  const blobs = await git.readBlobs(
    chosen.flatMap((c) => [c.oldOid, c.newOid]).filter((o): o is string => o !== null),
  );
  const picked = new Set(chosen);
  const files = changes.map((c) => ({
    ...c,
    content: picked.has(c)
      ? diffContent(
          c.path,
          c.oldOid ? (blobs.get(c.oldOid) ?? null) : null,
          c.newOid ? (blobs.get(c.newOid) ?? null) : null,
        )
      : null,
  }));
  return { files, skipped };
}
