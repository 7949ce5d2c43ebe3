/** Version labels (semver or dev-<sha>) from the notes index, for semver-range selectors. */
import type { Git } from '../git/git.js';
import { parseNote } from '../core/notes-format.js';
import type { TrackIndex } from '../core/selectors.js';
import { notesTipHere } from './registry.js';

/** Reads the labels of the versions asked for (each at most once); see ResolveContext.labels. */
export type LabelReader = (versions: readonly number[]) => Promise<ReadonlyMap<number, string>>;

/**
 * A reader of labels at one notes tip that reads each version's note at most once. A range is
 * resolved newest first, a batch at a time, so a track of 10,000 versions whose range matches
 * near the top reads a few dozen notes, not 10,000.
 */
export function labelReader(
  git: Git,
  notesOid: string | null | undefined,
  index: TrackIndex,
): LabelReader {
  const known = new Map<number, string | null>();
  let notes: Promise<string | null> | undefined;
  return async (versions) => {
    const missing = versions.filter((n) => !known.has(n) && index.versions.has(n));
    if (missing.length > 0) {
      const tip = await (notes ??= notesTipHere(git, notesOid));
      const got = tip ? await labelsAt(git, tip, index, missing) : new Map<number, string>();
      for (const n of missing) known.set(n, got.get(n) ?? null);
    }
    const out = new Map<number, string>();
    for (const n of versions) {
      const label = known.get(n);
      if (label) out.set(n, label);
    }
    return out;
  };
}

/** The label of one version (undefined when its note has none). */
export async function labelOf(
  git: Git,
  notesOid: string | null | undefined,
  index: TrackIndex,
  version: number,
): Promise<string | undefined> {
  return (await labelReader(git, notesOid, index)([version])).get(version);
}

async function labelsAt(
  git: Git,
  notes: string,
  index: TrackIndex,
  versions: readonly number[],
): Promise<Map<number, string>> {
  const labels = new Map<number, string>();
  const byOid = new Map<string, number>();
  for (const n of versions) {
    const oid = index.versions.get(n);
    if (oid) byOid.set(oid, n);
  }
  const texts = await git.readNotes(notes, [...byOid.keys()]);
  for (const [oid, text] of texts) {
    for (const e of parseNote(text)) {
      if (e.event === 'recorded' && typeof e.label === 'string' && byOid.get(oid) === e.version)
        labels.set(e.version, e.label);
    }
  }
  return labels;
}
