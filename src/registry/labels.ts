/** Version labels (semver or dev-<sha>) from the notes index, for semver-range selectors. */
import type { Git } from '../git/git.js';
import { NOTES_REF } from '../core/refs.js';
import { parseNote } from '../core/notes-format.js';
import type { TrackIndex } from '../core/selectors.js';

export async function labelsFrom(
  git: Git,
  notesOid: string | null | undefined,
  index: TrackIndex,
): Promise<Map<number, string>> {
  const labels = new Map<number, string>();
  if (!notesOid) return labels;
  let notes = notesOid;
  if (!(await git.hasObject(notes))) {
    // The tip may have moved since the listing; read whatever arrived.
    const got = await git.fetchRefs([{ remote: NOTES_REF, local: NOTES_REF }]);
    notes = got.get(NOTES_REF) ?? notes;
  }
  const byOid = new Map([...index.versions].map(([n, oid]) => [oid, n]));
  const texts = await git.readNotes(notes, [...byOid.keys()]);
  for (const [oid, text] of texts) {
    for (const e of parseNote(text)) {
      if (e.event === 'recorded' && typeof e.label === 'string' && byOid.get(oid) === e.version)
        labels.set(e.version, e.label);
    }
  }
  return labels;
}
