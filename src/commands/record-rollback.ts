/**
 * Whether a version about to be recorded is a rollback, so it can say which version it went back
 * to (`rollback-of`) and that version can get a `rolled-back` event.
 */
import type { Git } from '../git/git.js';
import { versionsOf } from '../core/refs.js';
import { parseNote } from '../core/notes-format.js';
import { parseTrailers } from '../core/version-meta.js';
import { ROLLBACK_TRAILERS } from '../core/render-rollback.js';

/** What the server holds: its refs under the track's prefix and the notes tip. */
export interface RegistryState {
  refs: ReadonlyMap<string, string>;
  notesBase: string | null;
}

/**
 * Whether a new snapshot is a rollback: its tree equals an earlier version's (the notes keep each
 * version's tree), or the commit it was taken from is a rollback of this track (its trailers, or
 * the merge or squash message GitHub writes from the pull request's title).
 */
export async function findRollback(
  git: Git,
  state: RegistryState,
  track: string,
  tree: string,
): Promise<{ version: number; commit: string } | undefined> {
  const versions = versionsOf(track, state.refs);
  if (versions.size === 0) return undefined;
  const byCommit = new Map([...versions].map(([n, oid]) => [oid, n]));
  let best: number | undefined;
  if (state.notesBase) {
    for (const [oid, text] of await git.readNotes(state.notesBase, [...byCommit.keys()])) {
      const n = byCommit.get(oid)!;
      const recorded = parseNote(text).find((e) => e.event === 'recorded' && e.version === n);
      if (recorded?.tree === tree && (best === undefined || n > best)) best = n;
    }
  }
  if (best === undefined) {
    const message = (await git.readCommit(await git.head())).message;
    const trailers = parseTrailers(message);
    const escaped = track.replace(/[.]/g, '\\.');
    const named =
      trailers.get(ROLLBACK_TRAILERS.track) === track
        ? Number(trailers.get(ROLLBACK_TRAILERS.target))
        : Number(new RegExp(`^Roll back ${escaped} to v(\\d+)\\b`, 'm').exec(message)?.[1]);
    if (Number.isInteger(named) && versions.has(named)) best = named;
  }
  return best === undefined ? undefined : { version: best, commit: versions.get(best)! };
}
