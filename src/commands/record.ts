/**
 * `record`: snapshot each track's files as the next numbered version.
 *
 * Numbers are claimed with git's only lock, compare-and-swap on refs: one atomic push creates
 * `refs/versions/<track>/<N>` (which must not exist yet) and moves the notes ref from the value
 * we built on. Whoever loses a race looks again and retries with N+1 on the new notes tip, so
 * versions never collide and no writer's note lines are lost.
 */
import { debug, phase, type Progress } from '../progress.js';
import { SnapbackError, InputError } from '../errors.js';
import type { Git } from '../git/git.js';
import { aliasRef, latestVersion, trackPrefix, versionRef, versionsOf } from '../core/refs.js';
import {
  formatCommitMessage,
  parseVersionMessage,
  type VersionMeta,
} from '../core/version-meta.js';
import {
  TREE_NOTES_FROM,
  producedEvent,
  promotedEvent,
  recordedEvent,
  rolledBackEvent,
  treeEvent,
  type NoteEvent,
} from '../core/notes-format.js';
import type { PromotionRule } from '../core/promotion-rule.js';
import { retryRaces } from '../registry/registry.js';
import { RegistrySession } from '../registry/session.js';
import { findRollback, type RollbackCheck } from './record-rollback.js';
import { judgePromotion, type PromotionVerdict } from './record-promotion.js';
import type { RetentionPolicy } from '../core/retention.js';
import { summarizeChanges, type ChangeSummary } from '../core/change-summary.js';
import { formatBytes } from '../core/size.js';
import { printable } from '../core/track-name.js';
import type { PathPatterns } from '../core/globs.js';
import { listTrackFiles, type TrackFile } from '../workspace/track-files.js';

export interface TrackSpec {
  name: string;
  patterns: PathPatterns;
  maxFileSize: number;
  /** Which input or config entry defined the paths, for error messages. */
  source: string;
  metrics?: Record<string, unknown> | undefined;
  /** Auto-promotion after recording (same atomic update as the version). */
  promotion?: PromotionRule | undefined;
  /** Retention applied after recording (a separate update; see prune). */
  retention?: RetentionPolicy | undefined;
}

export interface RunContext {
  runUrl?: string | undefined;
  runId?: string | undefined;
  runAttempt?: number | undefined;
  workflow?: string | undefined;
  job?: string | undefined;
  event?: string | undefined;
  actor?: string | undefined;
}

export interface RecordOptions {
  tracks: TrackSpec[];
  reason?: string | undefined;
  metadata?: Record<string, unknown> | undefined;
  expectedVersion?: number | undefined;
  dryRun: boolean;
  context: RunContext;
}

/** Steps at which tests may kill the process to prove the store survives (see main.ts). */
export type RecordStep =
  'listed-files' | 'hashed' | 'looked' | 'fetched' | 'committed' | 'notes-written' | 'pushed';

export interface RecordDeps {
  git: Git;
  /** The label for versions made from this source commit (semver or dev-<sha>). */
  resolveLabel: (sourceCommit: string) => Promise<string>;
  log: (message: string) => void;
  /** Phases and decisions, for log groups and step debugging. */
  progress?: Progress | undefined;
  checkpoint?: (step: RecordStep) => void;
  now?: () => Date;
}

export type TrackStatus = 'recorded' | 'unchanged' | 'dry-run';

export interface TrackResult {
  track: string;
  status: TrackStatus;
  /** The version recorded, the unchanged latest one, or (dry run) the number it would get. */
  version: number;
  previousVersion: number | null;
  ref: string;
  commit: string | null;
  label: string;
  files: number;
  bytes: number;
  changes: ChangeSummary | null;
  /** True when a retry found the version this very run had already recorded. */
  foundAgain: boolean;
  /** What the track's promotion rule decided about the new version (no rule: undefined). */
  promotion?: PromotionOutcome | undefined;
}

export interface PromotionOutcome {
  alias: string;
  promoted: boolean;
  reason: string;
  /** The version that held the alias before (null: none). */
  from: number | null;
}

export interface RecordResult {
  sourceCommit: string;
  tracks: TrackResult[];
}

interface Snapshot {
  spec: TrackSpec;
  files: TrackFile[];
  bytes: number;
  tree: string;
}

/** What the server holds for each track (same order as the snapshots) and the notes tip. */
interface ServerState {
  latest: { n: number; oid: string | null; versions: Map<number, string> }[];
  notesBase: string | null;
}

interface Pending {
  snap: Snapshot;
  meta: VersionMeta;
  commit: string;
  prevCommit: string | null;
  prevTree: string | null;
  result: TrackResult;
  /** The snapshot commit of the version this one rolls back to (it gets a rolled-back event). */
  rollbackTarget?: string;
  /** The first version of the track whose tree carries a tree note (see TREE_NOTES_FROM). */
  treeNotesFrom: number;
  /** Set when the rule promotes: the alias moves from `expected` in the same update. */
  promotion?: PromotionVerdict;
}

export async function record(deps: RecordDeps, opts: RecordOptions): Promise<RecordResult> {
  const { git } = deps;
  if (opts.tracks.length === 0) throw new InputError('paths', 'no track to record.');

  const { progress } = deps;
  // 1. What is on disk, checked before anything touches the network.
  const listed = await phase(progress, `List the files of ${names(opts.tracks)}`, () =>
    Promise.all(
      opts.tracks.map(async (spec) => {
        const workflows: string[] = [];
        const files = await listTrackFiles(git, spec.patterns, {
          onWorkflowLeftOut: (p) => workflows.push(p),
        });
        return { spec, files, workflows };
      }),
    ),
  );
  for (const { spec, files, workflows } of listed) {
    if (workflows.length > 0) deps.log(workflowsLeftOut(spec, workflows));
    checkFiles(spec, files, workflows.length);
    debug(
      progress,
      `${spec.name}: ${files.length} files match ${spec.patterns.include.length} pattern(s).`,
    );
  }
  deps.checkpoint?.('listed-files');

  const sourceCommit = await git.head();
  // The label may need the server (tags); ask while the work tree is being hashed.
  const labelling = deps.resolveLabel(sourceCommit);
  labelling.catch(() => undefined); // awaited below; keep an early failure from going unhandled
  const snapshots: Snapshot[] = [];
  await phase(progress, 'Hash the files into snapshot trees', async () => {
    for (const { spec, files: measured } of listed) {
      // A file may have grown (or gone) since it was measured: what counts, for the limit and
      // the figures, is what was stored.
      const { tree, sizes: stored } = await git.writeSnapshot(measured);
      const files = measured
        .filter((f) => stored.has(f.path))
        .map((f) => ({ ...f, size: stored.get(f.path)! }));
      checkSizes(spec, files);
      snapshots.push({ spec, files, tree, bytes: files.reduce((n, f) => n + f.size, 0) });
      debug(progress, `${spec.name}: tree ${tree}, ${files.length} files.`);
    }
  });
  const label = await labelling;
  debug(progress, `Label for source commit ${sourceCommit.slice(0, 12)}: ${label}.`);
  deps.checkpoint?.('hashed');

  // 2. Claim the next numbers; a lost race means looking again from the top.
  const session = new RegistrySession(git);
  const claim = async (): Promise<TrackResult[]> => {
    const state = await lookAtServer(deps, session, snapshots, opts.expectedVersion);
    const results: TrackResult[] = [];
    const pending: Pending[] = [];
    for (const [i, snap] of snapshots.entries()) {
      const latest = state.latest[i]!;
      const step = await nextVersion(deps, opts, snap, latest, sourceCommit, label, async () => {
        // A new version reads its tree's note and the latest version's, and appends to the
        // source commit's: one read for the three, not one for the first two and another when
        // the notes are written (where notes are fetched by id, each read is a request).
        await session.notes([snap.tree, ...(latest.oid ? [latest.oid] : []), sourceCommit]);
        return findRollback(session, snap.spec.name, snap.tree, latest.versions, latest.n);
      });
      results.push(step.result);
      debug(
        progress,
        `${snap.spec.name}: latest on the server ${latest.n > 0 ? `v${latest.n}` : 'none'}; ${step.result.status === 'unchanged' ? 'same tree: nothing to record' : `would be v${step.result.version}`}.`,
      );
      if ('commit' in step) {
        step.result.changes = summarizeChanges(await git.diffTrees(step.prevTree, step.snap.tree));
        if (snap.spec.promotion) {
          const verdict = await judgePromotion(session, step.meta, snap.spec.promotion);
          const { expected, ...outcome } = verdict;
          step.result.promotion = outcome;
          debug(
            progress,
            `${snap.spec.name}: promotion ${verdict.promoted ? 'yes' : 'no'}: ${outcome.reason}.`,
          );
          if (verdict.promoted) step.promotion = { ...outcome, expected };
        }
        pending.push(step);
      }
    }
    deps.checkpoint?.('committed');
    if (pending.length > 0 && !opts.dryRun) {
      await publish(deps, session, pending, state.notesBase, sourceCommit);
    }
    return results;
  };

  const tracks = await phase(progress, 'Claim the next version numbers and push', () =>
    retryRaces('claim a version number', deps.log, claim),
  );
  return { sourceCommit, tracks };
}

/**
 * Lists the tracks' refs and the notes tip, and fetches whichever of the notes tip and the
 * tracks' latest versions is not here yet, in one request.
 */
async function lookAtServer(
  deps: RecordDeps,
  session: RegistrySession,
  snapshots: readonly Snapshot[],
  expectedVersion: number | undefined,
): Promise<ServerState> {
  const latestOf = (refs: ReadonlyMap<string, string>) =>
    snapshots.map((s) => {
      const versions = versionsOf(s.spec.name, refs);
      const n = latestVersion(versions);
      return { n, oid: n > 0 ? versions.get(n)! : null, versions };
    });
  const view = await session.look({
    prefixes: snapshots.map((s) => trackPrefix(s.spec.name)),
    onListed: () => deps.checkpoint?.('looked'),
    fetch: (refs) => {
      // Checked before anything is fetched: a conflict changes nothing and costs nothing more.
      if (expectedVersion !== undefined) checkExpected(snapshots, latestOf(refs), expectedVersion);
      return latestOf(refs).flatMap((l, i) =>
        l.n > 0 ? [versionRef(snapshots[i]!.spec.name, l.n)] : [],
      );
    },
  });
  const latest = latestOf(view.refs);
  for (const [i, s] of snapshots.entries()) {
    // The server may have moved on since the listing; build on what actually arrived.
    const l = latest[i]!;
    const got = view.fetched.get(versionRef(s.spec.name, l.n));
    if (got && l.oid !== got) {
      l.oid = got;
      l.versions.set(l.n, got);
    }
  }
  deps.checkpoint?.('fetched');
  return { latest, notesBase: view.notes };
}

function checkExpected(
  snapshots: readonly Snapshot[],
  latest: readonly { n: number }[],
  expectedVersion: number,
): void {
  for (const [i, s] of snapshots.entries()) {
    if (latest[i]!.n !== expectedVersion) {
      throw new SnapbackError(
        'version-conflict',
        `Track '${s.spec.name}' is at version ${latest[i]!.n}, but 'expected-version' is ${expectedVersion}.`,
        'Another run recorded in between. Re-run with the new expected version, or leave expected-version empty to record on top.',
      );
    }
  }
}

/**
 * For one track: the unchanged latest version (or this run's own, found again after a lost
 * answer), or a new snapshot commit numbered one past the latest.
 */
async function nextVersion(
  deps: RecordDeps,
  opts: RecordOptions,
  snap: Snapshot,
  latest: { n: number; oid: string | null },
  sourceCommit: string,
  label: string,
  rollbackOf: () => Promise<RollbackCheck>,
): Promise<{ result: TrackResult } | Pending> {
  const { n, oid } = latest;
  const track = snap.spec.name;
  const prev = oid ? await deps.git.readCommit(oid) : null;
  const base = { track, label, files: snap.files.length, bytes: snap.bytes, changes: null };
  if (prev && prev.tree === snap.tree) {
    const meta = parseVersionMessage(prev.message);
    const ours =
      meta !== undefined &&
      opts.context.runId !== undefined &&
      meta.runId === opts.context.runId &&
      meta.runAttempt === opts.context.runAttempt &&
      meta.sourceCommit === sourceCommit;
    return {
      result: {
        ...base,
        status: ours ? 'recorded' : 'unchanged',
        version: n,
        previousVersion: ours ? (meta?.previousVersion ?? null) : n > 1 ? n - 1 : null,
        ref: versionRef(track, n),
        commit: oid,
        label: meta?.label ?? label,
        foundAgain: ours,
      },
    };
  }
  const version = n + 1;
  const { rollback: rolledBack, treeNotesFrom } = await rollbackOf();
  const meta: VersionMeta = {
    track,
    version,
    previousVersion: n > 0 ? n : null,
    sourceCommit,
    label,
    files: snap.files.length,
    bytes: snap.bytes,
    reason: opts.reason,
    actor: opts.context.actor,
    event: opts.context.event,
    workflow: opts.context.workflow,
    job: opts.context.job,
    runUrl: opts.context.runUrl,
    runId: opts.context.runId,
    runAttempt: opts.context.runAttempt,
    metrics: snap.spec.metrics,
    metadata: opts.metadata,
    rollbackOf: rolledBack?.version,
  };
  const plural = snap.files.length === 1 ? '' : 's';
  const body = `Snapshot of ${snap.files.length} file${plural} (${formatBytes(snap.bytes)}) from ${sourceCommit.slice(0, 12)}.`;
  const commit = await deps.git.writeCommit({
    tree: snap.tree,
    parents: [sourceCommit],
    message: formatCommitMessage(meta, body),
    author: deps.git.identity.author,
    committer: deps.git.identity.committer,
  });
  const result: TrackResult = {
    ...base,
    status: opts.dryRun ? 'dry-run' : 'recorded',
    version,
    previousVersion: meta.previousVersion,
    ref: versionRef(track, version),
    commit: opts.dryRun ? null : commit,
    foundAgain: false,
  };
  return {
    snap,
    meta,
    commit,
    prevCommit: oid,
    prevTree: prev?.tree ?? null,
    result,
    treeNotesFrom,
    ...(rolledBack ? { rollbackTarget: rolledBack.commit } : {}),
  };
}

/**
 * Writes the notes on top of the tip we saw and lands the version refs, any promotions and the
 * notes in one atomic compare-and-swap request. A refusal means another run got there first:
 * RaceLost (unless the refusal hides our own change, landed on a try whose answer was lost).
 */
async function publish(
  deps: RecordDeps,
  session: RegistrySession,
  pending: readonly Pending[],
  notesBase: string | null,
  sourceCommit: string,
): Promise<void> {
  const at = (deps.now ?? (() => new Date()))().toISOString();
  const events = new Map<string, NoteEvent[]>();
  const add = (object: string, ...more: NoteEvent[]) =>
    events.set(object, [...(events.get(object) ?? []), ...more]);
  add(sourceCommit, ...pending.map((p) => producedEvent(p.meta, p.commit, at)));
  for (const p of pending) {
    const recorded = recordedEvent(p.meta, p.commit, at);
    // The tree field serves readers of this version's note; the tree's own note (below) is what
    // rollback detection reads.
    recorded.tree = p.snap.tree;
    recorded[TREE_NOTES_FROM] = p.treeNotesFrom;
    const c = p.result.changes;
    if (c) recorded.changes = { added: c.added, modified: c.modified, deleted: c.deleted };
    add(p.commit, recorded);
    if (p.promotion) {
      add(
        p.commit,
        promotedEvent(
          p.meta.track,
          p.meta.version,
          p.promotion.alias,
          p.promotion.from,
          at,
          { actor: p.meta.actor, runUrl: p.meta.runUrl },
          p.promotion.reason,
        ),
      );
    }
    add(p.snap.tree, treeEvent(p.meta, p.commit, at));
    if (p.rollbackTarget && p.meta.rollbackOf !== undefined) {
      add(
        p.rollbackTarget,
        rolledBackEvent(p.meta.track, p.meta.rollbackOf, at, p.meta.version, p.commit, {
          actor: p.meta.actor,
          runUrl: p.meta.runUrl,
        }),
      );
    }
  }
  const what = pending.map((p) => `${p.meta.track} v${p.meta.version}`).join(', ');
  await session.land(
    {
      notesBase,
      events,
      updates: [
        ...pending.map((p) => ({ ref: p.result.ref, expected: null, next: p.commit })),
        ...pending.flatMap((p) =>
          p.promotion
            ? [
                {
                  ref: aliasRef(p.meta.track, p.promotion.alias),
                  expected: p.promotion.expected,
                  next: p.commit,
                },
              ]
            : [],
        ),
      ],
      message: `snapback: record ${what}`,
      // The server has the source commit (the run's checkout came from it) and each track's
      // latest version: the pack needs nothing they hold (the notes tip is added by land).
      haves: [sourceCommit, ...pending.flatMap((p) => (p.prevCommit ? [p.prevCommit] : []))],
    },
    {
      onNotesWritten: () => deps.checkpoint?.('notes-written'),
      onPushed: () => deps.checkpoint?.('pushed'),
      onMirrorFailed: (e) =>
        deps.log(`Could not update local refs (${e.message}); the versions are on the server.`),
    },
  );
}

/** Says which workflow files the patterns matched and the track left out, and how to opt in. */
function workflowsLeftOut(spec: TrackSpec, paths: readonly string[]): string {
  const shown = paths
    .slice(0, 5)
    .map((p) => printable(p, 200))
    .join(', ');
  const more = paths.length > 5 ? ` and ${paths.length - 5} more` : '';
  return `Track '${spec.name}': left out ${paths.length} workflow file${paths.length === 1 ? '' : 's'} the patterns match (${shown}${more}); ${WORKFLOWS_HINT}`;
}

const WORKFLOWS_HINT =
  'files under .github/workflows/ belong to a track only with include-workflows: true, which needs a token allowed to change workflows (a fine-grained token with "Workflows: write" or a classic token with the workflow scope) for rollbacks.';

function checkFiles(spec: TrackSpec, files: TrackFile[], workflowsLeftOut: number): void {
  if (files.length === 0) {
    throw new SnapbackError(
      'no-files',
      `Input '${spec.source}': no file matches the patterns of track '${spec.name}' (${[...spec.patterns.include, ...spec.patterns.exclude.map((p) => `!${p}`)].join(', ')})${workflowsLeftOut > 0 ? ` apart from ${workflowsLeftOut} workflow file${workflowsLeftOut === 1 ? '' : 's'}` : ''}.`,
      workflowsLeftOut > 0
        ? `Check the patterns against the workspace; ${WORKFLOWS_HINT}`
        : 'Check the patterns against the workspace: they are relative to the repository root, and files must exist when the step runs (generate them first).',
    );
  }
  checkSizes(spec, files);
}

function checkSizes(spec: TrackSpec, files: readonly TrackFile[]): void {
  const tooLarge = files.filter((f) => f.size > spec.maxFileSize);
  if (tooLarge.length > 0) {
    const list = tooLarge
      .slice(0, 10)
      .map((f) => `${printable(f.path, 200)} (${formatBytes(f.size)})`)
      .join(', ');
    const more = tooLarge.length > 10 ? ` and ${tooLarge.length - 10} more` : '';
    throw new SnapbackError(
      'file-too-large',
      `Input 'max-file-size': ${tooLarge.length} file${tooLarge.length === 1 ? '' : 's'} of track '${spec.name}' exceed ${formatBytes(spec.maxFileSize)}: ${list}${more}. Nothing was pushed.`,
      'GitHub refuses files over 100 MiB. Exclude them with a "!pattern" in paths, or raise max-file-size if your server accepts larger files.',
    );
  }
}

/** `config` or `3 tracks`, for phase titles. */
function names(tracks: readonly TrackSpec[]): string {
  return tracks.length === 1 ? tracks[0]!.name : `${tracks.length} tracks`;
}
