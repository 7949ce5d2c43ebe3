/**
 * Whether a version about to be recorded is a rollback, so it can say which version it went back
 * to (`rollback-of`) and that version can get a `rolled-back` event.
 *
 * The cost does not grow with the track's history: the snapshot tree's own note says which
 * versions recorded that content (one note read). Versions recorded before trees carried notes
 * are found by the `tree` field of their `recorded` event, and only among the newest
 * LEGACY_TREE_VERSIONS of them: a return to content older than that is not detected from the
 * tree (the commit's rollback trailers or pull request title still say so).
 */
import type { RegistrySession } from '../registry/session.js';
import { recordedOf, TREE_NOTES_FROM, parseNote } from '../core/notes-format.js';
import { parseTrailers } from '../core/version-meta.js';
import { ROLLBACK_TRAILERS } from '../report/render-rollback.js';

/** How many versions recorded before tree notes are compared by their `tree` field. */
export const LEGACY_TREE_VERSIONS = 30;

export interface RollbackCheck {
  /** The version whose content the new snapshot returns to, if any. */
  rollback: { version: number; commit: string } | undefined;
  /** The new version's `treeNotesFrom` (see TREE_NOTES_FROM). */
  treeNotesFrom: number;
}

/**
 * Whether a new snapshot is a rollback: its tree equals an existing earlier version's, or the
 * commit it was taken from is a rollback of this track (its trailers, or the merge or squash
 * message GitHub writes from the pull request's title).
 */
export async function findRollback(
  session: RegistrySession,
  track: string,
  tree: string,
  versions: ReadonlyMap<number, string>,
  latest: number,
): Promise<RollbackCheck> {
  const version = latest + 1;
  if (versions.size === 0) return { rollback: undefined, treeNotesFrom: version };
  const latestCommit = versions.get(latest) ?? '';
  await session.notes([tree, latestCommit]); // both notes in one read
  const byTree = await recordedWithTree(session, track, tree, versions);
  // The latest version says since when trees carry notes; before that, only `tree` fields do.
  const latestEvent = recordedOf(await session.events(latestCommit), track, latest);
  const from = latestEvent?.[TREE_NOTES_FROM];
  const treeNotesFrom = typeof from === 'number' && Number.isInteger(from) ? from : version;
  let best = byTree ?? (await legacyMatch(session, track, tree, versions, treeNotesFrom));
  if (best === undefined) best = await namedByCommit(session, track, versions);
  return {
    rollback: best === undefined ? undefined : { version: best, commit: versions.get(best)! },
    treeNotesFrom,
  };
}

/** The newest existing version whose tree note names it (pruned versions are skipped). */
async function recordedWithTree(
  session: RegistrySession,
  track: string,
  tree: string,
  versions: ReadonlyMap<number, string>,
): Promise<number | undefined> {
  let best: number | undefined;
  for (const e of await session.events(tree)) {
    if (e.event !== 'recorded' || e.track !== track) continue;
    if (versions.get(e.version) !== e.commit) continue;
    if (best === undefined || e.version > best) best = e.version;
  }
  return best;
}

/** Among the newest LEGACY_TREE_VERSIONS versions older than `before`, the newest with `tree`. */
async function legacyMatch(
  session: RegistrySession,
  track: string,
  tree: string,
  versions: ReadonlyMap<number, string>,
  before: number,
): Promise<number | undefined> {
  const older = [...versions.keys()]
    .filter((n) => n < before)
    .sort((a, b) => b - a)
    .slice(0, LEGACY_TREE_VERSIONS);
  if (older.length === 0) return undefined;
  const notes = await session.notes(older.map((n) => versions.get(n)!));
  for (const n of older) {
    const text = notes.get(versions.get(n)!);
    if (text !== undefined && recordedOf(parseNote(text), track, n)?.tree === tree) return n;
  }
  return undefined;
}

/** The version the checked-out commit names as the one it rolls back to (trailers or title). */
async function namedByCommit(
  session: RegistrySession,
  track: string,
  versions: ReadonlyMap<number, string>,
): Promise<number | undefined> {
  const { git } = session;
  const message = (await git.readCommit(await git.head())).message;
  const trailers = parseTrailers(message);
  const escaped = track.replace(/[.]/g, '\\.');
  const named =
    trailers.get(ROLLBACK_TRAILERS.track) === track
      ? Number(trailers.get(ROLLBACK_TRAILERS.target))
      : Number(new RegExp(`^Roll back ${escaped} to v(\\d+)\\b`, 'm').exec(message)?.[1]);
  return Number.isInteger(named) && versions.has(named) ? named : undefined;
}
