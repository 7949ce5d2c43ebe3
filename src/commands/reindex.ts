/**
 * `reindex`: rebuilds the notes index (`refs/notes/versions`) from the version refs and the
 * trailers of their snapshot commits — the contract's promise that the notes are only an
 * index. Lines the index still holds are kept; only what it lacks is appended, in the format a
 * recording writes, in one compare-and-swap update of the notes ref (redone from a fresh look
 * when another writer moves it first). Promotions, demotions and prunes are recorded only in
 * the index, so once lost they cannot be rebuilt; the aliases themselves are refs and stay.
 */
import type { Git } from '../git/git.js';
import { versionRef } from '../core/refs.js';
import { parseVersionMessage } from '../core/version-meta.js';
import { planReindex, type VersionFacts } from '../core/reindex-plan.js';
import { summarizeChanges } from '../core/change-summary.js';
import { recordedEventOf } from '../core/version-info.js';
import { landChange, lookAtRegistry, readEvents, retryRaces } from '../registry/registry.js';
import { fetchCommits, indexOf, readRegistry } from './read-versions.js';
import { phase, type Progress } from '../progress.js';

export interface ReindexOptions {
  /** Tracks to rebuild; undefined: every track. */
  tracks?: string[] | undefined;
  dryRun: boolean;
}

export interface ReindexTrack {
  track: string;
  versions: number;
  /** Versions whose `recorded` event was (or would be) written again. */
  rebuilt: number[];
}

export interface ReindexResult {
  dryRun: boolean;
  tracks: ReindexTrack[];
  /** Index lines appended (or that would be). */
  events: number;
  /** Versions whose trailers cannot be read: nothing was rebuilt for them. */
  unreadable: { track: string; version: number; commit: string }[];
  /** The notes commit written; null on a dry run or when nothing was missing. */
  notesCommit: string | null;
}

export interface ReindexDeps {
  git: Git;
  log: (message: string) => void;
  /** Phases of long work (a terminal shows them). */
  progress?: Progress | undefined;
  now?: () => Date;
}

export async function reindex(deps: ReindexDeps, opts: ReindexOptions): Promise<ReindexResult> {
  const { git } = deps;
  const read = await readRegistry(git, opts.tracks);
  const facts: VersionFacts[] = [];
  const counts: { track: string; versions: number }[] = [];
  const readTrack = async (track: string) => {
    const sorted = [...indexOf(read, track).versions].sort(([a], [b]) => a - b);
    counts.push({ track, versions: sorted.length });
    await fetchCommits(
      git,
      sorted.map(([n, oid]) => ({ ref: versionRef(track, n), oid })),
    );
    const trees = new Map<number, string>();
    const commits = await git.readCommits(sorted.map(([, oid]) => oid));
    for (const [n, oid] of sorted) {
      const commit = commits.get(oid) ?? (await git.readCommit(oid)); // the latter says why not
      trees.set(n, commit.tree);
      const meta = parseVersionMessage(commit.message);
      const prevTree = meta?.previousVersion != null ? trees.get(meta.previousVersion) : undefined;
      // Only a version the index lacks gets a line, so only its changes need a diff.
      const indexed = recordedEventOf(read.events.get(oid), track, n) !== undefined;
      facts.push({
        track,
        version: n,
        commit: oid,
        tree: commit.tree,
        meta,
        committedAt: commit.committedAt ?? (deps.now ?? (() => new Date()))().toISOString(),
        changes: indexed
          ? undefined
          : meta?.previousVersion === null
            ? counted(await git.diffTrees(null, commit.tree))
            : prevTree
              ? counted(await git.diffTrees(prevTree, commit.tree))
              : undefined,
      });
    }
  };
  for (const track of read.tracks) {
    await phase(deps.progress, `Read the trailers of ${track}'s versions`, () => readTrack(track));
  }

  const attempt = async () => {
    const view = await lookAtRegistry(git, []);
    const plan = planReindex(facts, await readEvents(git, view.notes, 'all'));
    const total = [...plan.events.values()].reduce((n, e) => n + e.length, 0);
    let notesCommit: string | null = null;
    if (!opts.dryRun && total > 0) {
      const versions = [...plan.rebuilt.values()].reduce((n, v) => n + v.length, 0);
      notesCommit = await landChange(git, {
        notesBase: view.notes,
        events: plan.events,
        updates: [],
        message: `snapback: reindex ${versions} version${versions === 1 ? '' : 's'}`,
      });
    }
    return { plan, total, notesCommit };
  };
  const { plan, total, notesCommit } = await phase(deps.progress, 'Write the index', () =>
    retryRaces('rebuild the index', deps.log, attempt),
  );
  return {
    dryRun: opts.dryRun,
    tracks: counts.map((c) => ({ ...c, rebuilt: plan.rebuilt.get(c.track) ?? [] })),
    events: total,
    unreadable: plan.unreadable,
    notesCommit,
  };
}

function counted(changes: Parameters<typeof summarizeChanges>[0]) {
  const s = summarizeChanges(changes);
  return { added: s.added, modified: s.modified, deleted: s.deleted };
}
