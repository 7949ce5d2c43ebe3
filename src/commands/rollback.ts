/**
 * `rollback`: a pull request whose branch puts a version's files back. The branch's one commit
 * sits on the base branch; its tree is the base's with the track's files replaced by exactly the
 * version's (files the version lacked are deleted, everything outside the track is kept). It is
 * built from git objects in a temporary index, never by writing the work tree, after every entry
 * of the version has been checked (see core/restore-safety.ts): a version ref is only as
 * trustworthy as whoever could push it.
 */
import { ACTIONS_BOT, formatPerson } from '../core/people.js';
import { InputError, SnapbackError } from '../errors.js';
import type { Git, TreeEdit, TreeEntry } from '../git/git.js';
import { trackPrefix, versionRef } from '../core/refs.js';
import { isWorkflowPath, trackMatcher, type PathPatterns } from '../core/globs.js';
import type { Actor } from '../core/notes-format.js';
import { describeVersions, parseSelector, resolveSelector } from '../core/selectors.js';
import { parseTrailers, parseVersionMessage } from '../core/version-meta.js';
import {
  checkRestore,
  checkSymlinkTarget,
  MODE_SYMLINK,
  type Refusal,
} from '../core/restore-safety.js';
import {
  closedComment,
  rollbackBody,
  rollbackCommitMessage,
  rollbackTitle,
  ROLLBACK_TRAILERS,
  type RollbackFacts,
} from '../report/render-rollback.js';
import { printable } from '../core/track-name.js';
import { labelOf, labelReader } from '../registry/labels.js';
import { lazyTrackEvents } from '../registry/track-events.js';
import {
  RaceLost,
  lookAtRegistry,
  retryRaces,
  trackIndex,
  versionByCommit,
} from '../registry/registry.js';
import { withContent, type DiffResult, type TrackDiff } from './diff.js';
import {
  closePull,
  openOrUpdatePull,
  type PullsApi,
  type PullRequest,
} from '../github/rollback-pull.js';

export interface RollbackOptions {
  track: string;
  /** The track's patterns; undefined: the latest version's files are the track's files. */
  patterns: PathPatterns | undefined;
  /**
   * The track opted in to `.github/workflows/`. Otherwise workflow files stay as the base has
   * them, and a version whose workflow file differs from the base's is refused.
   */
  includeWorkflows: boolean;
  /** Selector; empty: `previous` (before the active version, else before the latest). */
  version: string;
  /** Base branch; empty: the repository's default branch. */
  base: string;
  dryRun: boolean;
  by: Actor;
  labels: readonly string[];
  assignees: readonly string[];
  reviewers: readonly string[];
  draft: boolean;
  /** Budget for the pull request body (GitHub's limit minus room). */
  bodyLimit: number;
}

export interface RollbackDeps {
  git: Git;
  /** The GitHub pull request calls; needed unless it is a dry run. */
  pulls: () => PullsApi;
  log: (message: string) => void;
  warn: (message: string) => void;
}

export type PullOperation = 'created' | 'updated' | 'unchanged' | 'closed' | 'none';

export interface RollbackResult {
  track: string;
  target: { version: number; label: string | undefined; commit: string };
  replaces: number | null;
  base: string;
  branch: string;
  /** The rollback commit pushed (null: dry run, or nothing to roll back). */
  commit: string | null;
  /** What merging would change on the base branch. */
  diff: DiffResult;
  operation: PullOperation;
  pull: PullRequest | undefined;
  /** True when the base already has the version's files. */
  alreadyThere: boolean;
}

const BRANCH_PREFIX = 'snapback/rollback/';
const BASE_NAME = /^(?!-)(?!.*\.\.)(?!.*\/\/)(?!.*@\{)[A-Za-z0-9._/-]{1,200}(?<![./])(?<!\.lock)$/;

export function rollbackBranch(track: string): string {
  return `${BRANCH_PREFIX}${track}`;
}

export async function rollback(deps: RollbackDeps, opts: RollbackOptions): Promise<RollbackResult> {
  const sel = parseSelector(opts.version || 'previous', 'version');
  if (sel.kind === 'worktree') {
    throw new InputError(
      'version',
      `'worktree' is not a version to roll back to.`,
      'Give a version number, an alias, previous or a semver range.',
    );
  }
  if (opts.base && !BASE_NAME.test(opts.base)) {
    throw new InputError(
      'base',
      `'${printable(opts.base)}' is not a branch name.`,
      'Give the name of the branch the pull request should merge into, like main.',
    );
  }
  const { git } = deps;
  const branch = rollbackBranch(opts.track);
  const branchRef = `refs/heads/${branch}`;

  return retryRaces(`roll back ${opts.track}`, deps.log, async () => {
    // 1. Which version, replacing which.
    const view = await lookAtRegistry(git, [trackPrefix(opts.track)]);
    const index = trackIndex(opts.track, view.refs);
    if (index.versions.size === 0) {
      throw new InputError(
        'track',
        `'${opts.track}' has no versions to roll back to.`,
        describeVersions(index),
      );
    }
    const byCommit = versionByCommit(index);
    const active = index.aliases.get('active');
    const activeVersion = active !== undefined ? byCommit.get(active) : undefined;
    const latest = Math.max(...index.versions.keys());
    const replaces = activeVersion ?? latest;
    const resolved = await resolveSelector(sel, index, {
      input: 'version',
      relativeTo: activeVersion,
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
    const target = resolved;

    // 2. The base branch and our branch as the server has them now.
    const base = opts.base || (await git.defaultBranch());
    if (!base) {
      throw new InputError(
        'base',
        'is empty and the server does not name a default branch.',
        'Give the branch to merge into, like main.',
      );
    }
    const baseRef = `refs/heads/${base}`;
    const heads = await git.listRemoteRefs([baseRef, branchRef]);
    const baseTip = heads.get(baseRef);
    if (!baseTip) {
      throw new InputError(
        'base',
        `the branch '${printable(base)}' does not exist on the server.`,
        'Give an existing branch to merge into (default: the repository default branch).',
      );
    }
    const branchTip = heads.get(branchRef) ?? null;
    const wanted = [
      { remote: baseRef, local: `refs/snapback/base/${base}` },
      ...(!(await git.hasObject(target.oid))
        ? [{ remote: versionRef(opts.track, target.n), local: versionRef(opts.track, target.n) }]
        : []),
      ...(branchTip && !(await git.hasObject(branchTip))
        ? [{ remote: branchRef, local: `refs/snapback/${branch}` }]
        : []),
    ];
    const fetched = await git.fetchRefs(wanted);
    const baseCommit = fetched.get(`refs/snapback/base/${base}`) ?? baseTip;
    const baseTree = (await git.readCommit(baseCommit)).tree;

    // 3. What the track holds now, and what the version holds; both checked before use.
    const versionEntries = await git.listTree(target.oid);
    let inTrack: (path: string) => boolean;
    if (opts.patterns) {
      inTrack = trackMatcher({ ...opts.patterns, workflows: opts.includeWorkflows });
    } else {
      const latestOid = index.versions.get(latest)!;
      if (!(await git.hasObject(latestOid))) {
        await git.fetchRefs([
          { remote: versionRef(opts.track, latest), local: versionRef(opts.track, latest) },
        ]);
      }
      const known = new Set(
        [...(await git.listTree(latestOid)), ...versionEntries].map((e) => e.path),
      );
      inTrack = (path) => known.has(path) && (opts.includeWorkflows || !isWorkflowPath(path));
    }
    const baseEntries = await git.listTree(baseCommit);
    const kept = baseEntries.filter((e) => !inTrack(e.path));
    // A workflow file the base holds as it is (a version recorded before the track left
    // workflows out) needs no change, so no token permission: only differing ones are refused.
    const inBase = new Map(baseEntries.map((e) => [e.path, `${e.mode} ${e.oid}`]));
    const targetEntries = versionEntries.filter(
      (e) =>
        opts.includeWorkflows ||
        !isWorkflowPath(e.path) ||
        inBase.get(e.path) !== `${e.mode} ${e.oid}`,
    );
    await refuseUnsafe(
      git,
      opts.track,
      target.n,
      targetEntries,
      kept,
      inTrack,
      opts.includeWorkflows,
    );

    // 4. The new tree: the base, minus the track's files, plus the version's.
    const edits: TreeEdit[] = [
      ...baseEntries
        .filter((e) => inTrack(e.path))
        .map((e) => ({ path: e.path, mode: e.mode, oid: null })),
      ...targetEntries.map((e) => ({ path: e.path, mode: e.mode, oid: e.oid })),
    ];
    const newTree = await git.editTree(baseTree, edits);
    const changes =
      newTree === baseTree ? [] : await git.diffTrees(baseTree, newTree, { renames: true });
    const { files, skipped } = await withContent(git, changes, {});
    const meta = parseVersionMessage((await git.readCommit(target.oid)).message);
    const label = meta?.label || (await labelOf(git, view.notes, index, target.n));
    const trackDiff: TrackDiff = {
      track: opts.track,
      from: { describe: `${base} now`, version: null, commit: baseCommit },
      to: {
        describe: `v${target.n}${label ? ` (${label})` : ''}`,
        version: target.n,
        commit: target.oid,
      },
      files,
      contentSkipped: skipped,
    };
    const diff: DiffResult = { tracks: [trackDiff] };
    const facts: RollbackFacts = {
      track: opts.track,
      target: target.n,
      label,
      replaces,
      base,
      reason: opts.by.reason,
      runUrl: opts.by.runUrl,
    };
    const result: RollbackResult = {
      track: opts.track,
      target: { version: target.n, label, commit: target.oid },
      replaces,
      base,
      branch,
      commit: null,
      diff,
      operation: 'none',
      pull: undefined,
      alreadyThere: newTree === baseTree,
    };
    if (opts.dryRun) return result;

    // 5. Nothing to roll back: close a pull request left open by an earlier dispatch.
    if (newTree === baseTree) {
      const closed = await closePull(deps.pulls(), branch, base, closedComment(facts));
      return { ...result, operation: closed ? 'closed' : 'none', pull: closed };
    }

    // 6. The branch: ours alone, moved only from the value we saw.
    let commit: string | undefined;
    let bodyFacts = facts;
    if (branchTip) {
      const tip = await git.readCommit(branchTip);
      const trailers = parseTrailers(tip.message);
      // Our trailers alone do not make it ours: an amended copy keeps them, with a person as
      // committer. Ours are committed by this run's committer or, before the committer input
      // changed, by github-actions[bot].
      const ourCommitters = [formatPerson(git.identity.committer), formatPerson(ACTIONS_BOT)];
      if (!trailers.has(ROLLBACK_TRAILERS.target) || !ourCommitters.includes(tip.committer)) {
        throw new SnapbackError(
          'branch-not-ours',
          `The branch '${branch}' has a commit snapback did not make (${branchTip.slice(0, 12)}); it will not be overwritten.`,
          `Merge or delete that branch, then dispatch the rollback again.`,
        );
      }
      if (tip.tree === newTree && tip.parents[0] === baseCommit) {
        commit = branchTip;
        // The body links the run that made the branch's commit, so an unchanged dispatch
        // leaves the pull request as it is.
        bodyFacts = { ...facts, runUrl: trailers.get(ROLLBACK_TRAILERS.run) ?? facts.runUrl };
      }
    }
    if (!commit) {
      commit = await git.writeCommit({
        tree: newTree,
        parents: [baseCommit],
        message: rollbackCommitMessage(facts),
        author: git.identity.author,
        committer: git.identity.committer,
      });
      const outcome = await git.push(
        [{ ref: branchRef, expected: branchTip, next: commit }],
        [baseCommit, target.oid],
      );
      if (!outcome.ok) throw new RaceLost(outcome.detail);
    }

    // 7. The pull request.
    const { pull, operation, warnings } = await openOrUpdatePull(deps.pulls(), {
      branch,
      base,
      title: rollbackTitle(facts),
      body: rollbackBody(bodyFacts, diff, opts.bodyLimit),
      draft: opts.draft,
      labels: opts.labels,
      assignees: opts.assignees,
      reviewers: opts.reviewers,
    });
    for (const w of warnings) deps.warn(w);
    return { ...result, commit, operation, pull };
  });
}

/** Every refusal of the version's entries, or of what they would do to the base; throws. */
async function refuseUnsafe(
  git: Git,
  track: string,
  version: number,
  entries: readonly TreeEntry[],
  kept: readonly TreeEntry[],
  inTrack: (path: string) => boolean,
  workflows: boolean,
): Promise<void> {
  const keptLinks = new Set(kept.filter((e) => e.mode === MODE_SYMLINK).map((e) => e.path));
  const refusals: Refusal[] = checkRestore(entries, {
    inTrack,
    otherSymlinks: keptLinks,
    workflows,
  });
  const links = entries.filter(
    (e) => e.mode === MODE_SYMLINK && !refusals.some((r) => r.path === e.path),
  );
  const targets = await git.readBlobs(links.map((e) => e.oid));
  for (const e of links) {
    const why = checkSymlinkTarget(e.path, targets.get(e.oid)?.toString('utf8') ?? '');
    if (why) refusals.push({ path: e.path, why });
  }
  // A restored file may not replace a folder or file that stays (outside the track), nor the reverse.
  const keptPaths = new Set(kept.map((e) => e.path));
  const keptDirs = new Set(
    kept.flatMap((e) =>
      e.path
        .split('/')
        .slice(0, -1)
        .map((_, i, a) => a.slice(0, i + 1).join('/')),
    ),
  );
  for (const e of entries) {
    if (refusals.some((r) => r.path === e.path)) continue;
    if (keptDirs.has(e.path))
      refusals.push({ path: e.path, why: 'a folder of files outside the track has this name' });
    const parts = e.path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const prefix = parts.slice(0, i).join('/');
      if (keptPaths.has(prefix)) {
        refusals.push({ path: e.path, why: `\`${prefix}\` is a file outside the track` });
        break;
      }
    }
  }
  if (refusals.length === 0) return;
  const shown = refusals.slice(0, 10).map((r) => `${printable(r.path, 200)}: ${r.why}`);
  const more = refusals.length > 10 ? ` (and ${refusals.length - 10} more)` : '';
  throw new SnapbackError(
    'unsafe-snapshot',
    `Version ${version} of '${track}' cannot be restored; nothing was written. ${shown.join('; ')}${more}.`,
    'Version refs can be pushed by anyone with write access: inspect it with `git ls-tree -r refs/versions/' +
      track +
      '/' +
      version +
      '`, and roll back to another version.',
  );
}
