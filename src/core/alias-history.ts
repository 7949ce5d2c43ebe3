/**
 * The positions an alias has held, newest first, in the spirit of git's reflog: position 0 is
 * where it points now, position 1 where it pointed before its last move, and so on. Rebuilt from
 * the `promoted` and `demoted` events of the notes index. Pure.
 *
 * Every `promoted` event records `from`, the version the alias held just before. That repairs
 * the gaps an index can have: the event of a version since pruned is read from no existing
 * version's note, and a move made with plain git has no event at all. When `from` disagrees with
 * what the events so far say, `from` wins (it was true when that move was made).
 */
import type { NoteEvent } from './notes-format.js';

/** A version number, or null where the alias did not exist (before it was created, or removed). */
export type AliasPosition = number | null;

export function aliasPositions(
  track: string,
  alias: string,
  events: readonly NoteEvent[],
  /** The version the alias ref points at now; null when it does not exist. */
  current: AliasPosition,
): AliasPosition[] {
  const moves = events
    .filter(
      (e) =>
        e.track === track &&
        e.alias === alias &&
        (e.event === 'promoted' || e.event === 'demoted') &&
        typeof e.at === 'string',
    )
    // Stable: events written in one update share a time and keep their written order.
    .map((e, i) => ({ e, i }))
    .sort((a, b) => (a.e.at < b.e.at ? -1 : a.e.at > b.e.at ? 1 : a.i - b.i))
    .map(({ e }) => e);
  const held: AliasPosition[] = [];
  const go = (to: AliasPosition) => {
    if (held.length === 0 || held[held.length - 1] !== to) held.push(to);
  };
  for (const e of moves) {
    if (e.event === 'promoted') {
      if (typeof e.from === 'number' || e.from === null) go(e.from);
      else if (held.length === 0) go(null); // an old event without `from`: assume a creation
      go(e.version);
    } else {
      if (held.length === 0) go(e.version);
      go(null);
    }
  }
  go(current); // moved by plain git, or with notes lost: the ref is the truth about now
  return held.reverse();
}
