/**
 * A track's events from the notes index, for the `alias@{n}` selector. Only the notes of the
 * track's existing versions are read: a promotion onto a version since pruned lives on that
 * version's note, but the next promotion's `from` names it (see core/alias-history.ts).
 */
import type { Git } from '../git/git.js';
import { WHOLE_NOTES_FROM } from './session.js';
import { notesTipHere } from './registry.js';
import { parseNote, type NoteEvent } from '../core/notes-format.js';
import type { TrackIndex } from '../core/selectors.js';

export async function trackEventsFrom(
  git: Git,
  notesOid: string | null | undefined,
  index: TrackIndex,
): Promise<NoteEvent[]> {
  // A long track's every note is read: whole, not blob by blob.
  const notes = await notesTipHere(git, notesOid, {
    wholeNotes: index.versions.size >= WHOLE_NOTES_FROM,
  });
  if (!notes) return [];
  const texts = await git.readNotes(notes, [...new Set(index.versions.values())]);
  return [...texts.values()].flatMap((t) => parseNote(t).filter((e) => e.track === index.track));
}

/** Reads once, on first use. */
export function lazyTrackEvents(
  git: Git,
  notesOid: string | null | undefined,
  index: TrackIndex,
): () => Promise<readonly NoteEvent[]> {
  let cached: Promise<NoteEvent[]> | undefined;
  return () => (cached ??= trackEventsFrom(git, notesOid, index));
}
