/**
 * Reading and changing the registry on the server, shared by the commands that move refs
 * (promote, demote, prune) and the ones that only look (status).
 *
 * Every change is one atomic request: the refs it moves or deletes, checks that the refs it
 * relies on still hold what it saw, and the notes ref moved from the tip it built on. Every
 * writer moves the notes ref, so any two writers are ordered by it: whoever lands second finds
 * its expected notes tip gone, looks again and decides afresh.
 */
import pRetry from 'p-retry';
import { SnapbackError } from '../errors.js';
import type { FetchOptions, Git, RefUpdate } from '../git/git.js';
import { NOTES_REF, aliasesOf, versionsOf, VERSIONS_PREFIX } from '../core/refs.js';
import { parseNote, type NoteEvent } from '../core/notes-format.js';
import type { TrackIndex } from '../core/selectors.js';
import { RegistrySession } from './session.js';

export interface RegistryView {
  /** Remote refs under the prefixes asked for. */
  refs: Map<string, string>;
  /** The notes tip, present locally; null when the registry has no notes yet. */
  notes: string | null;
}

/** Lists the refs under `prefixes` (default: every track) and brings the notes tip here. */
export async function lookAtRegistry(
  git: Git,
  prefixes: readonly string[] = [VERSIONS_PREFIX],
): Promise<RegistryView> {
  const refs = await git.listRemoteRefs([...prefixes, NOTES_REF]);
  const notes = await notesTipHere(git, refs.get(NOTES_REF));
  refs.delete(NOTES_REF);
  return { refs, notes };
}

/**
 * The notes tip a listing named, fetched when this clone does not have it yet. The tip may have
 * moved since the listing: then whatever arrived is the one to read (and build on).
 */
export async function notesTipHere(
  git: Git,
  listed: string | null | undefined,
  opts: FetchOptions = {},
): Promise<string | null> {
  if (!listed) return null;
  if (await git.hasObject(listed)) return listed;
  const got = await git.fetchRefs([{ remote: NOTES_REF, local: NOTES_REF }], opts);
  return got.get(NOTES_REF) ?? listed;
}

export function trackIndex(track: string, refs: ReadonlyMap<string, string>): TrackIndex {
  return { track, versions: versionsOf(track, refs), aliases: aliasesOf(track, refs) };
}

/** Track names found among listed refs (`refs/versions/<track>/...`). */
export function tracksIn(refs: ReadonlyMap<string, string>): string[] {
  const names = new Set<string>();
  for (const ref of refs.keys()) {
    if (!ref.startsWith(VERSIONS_PREFIX)) continue;
    const name = ref.slice(VERSIONS_PREFIX.length).split('/')[0];
    if (name) names.add(name);
  }
  return [...names].sort();
}

/** Snapshot commit → version number, for turning alias targets into numbers. */
export function versionByCommit(index: TrackIndex): Map<string, number> {
  return new Map([...index.versions].map(([n, oid]) => [oid, n]));
}

/** Alias name → version number; aliases pointing at no version of the track are left out. */
export function aliasVersions(index: TrackIndex): Map<string, number> {
  const byCommit = versionByCommit(index);
  const out = new Map<string, number>();
  for (const [alias, oid] of index.aliases) {
    const n = byCommit.get(oid);
    if (n !== undefined) out.set(alias, n);
  }
  return out;
}

/** Events from the notes of the given objects (or of all), keyed by annotated object. */
export async function readEvents(
  git: Git,
  notes: string | null,
  objects: readonly string[] | 'all',
): Promise<Map<string, NoteEvent[]>> {
  const out = new Map<string, NoteEvent[]>();
  if (!notes || (objects !== 'all' && objects.length === 0)) return out;
  for (const [object, text] of await git.readNotes(notes, objects)) {
    out.set(object, parseNote(text));
  }
  return out;
}

/** Thrown inside an attempt when another writer moved a ref first; the attempt is redone. */
export class RaceLost extends Error {
  constructor(readonly detail: string) {
    super(`lost the race: ${detail}`);
  }
}

export interface RegistryChange {
  /** The notes tip the change was decided on (null: no notes yet). */
  notesBase: string | null;
  /** Events to append, by annotated object. */
  events: ReadonlyMap<string, NoteEvent[]>;
  /** Ref moves, deletions and checks (see RefUpdate); the notes ref is added here. */
  updates: readonly RefUpdate[];
  message: string;
  /** Commits the server has, so the pack leaves out what they hold. */
  haves?: readonly string[];
}

/**
 * Writes the notes and lands everything in one atomic request; RaceLost when another writer got
 * there first. Returns the notes tip it landed. (A one-off session's land; see RegistrySession.)
 */
export async function landChange(git: Git, change: RegistryChange): Promise<string> {
  return new RegistrySession(git).land(change);
}

const MAX_ATTEMPTS = 40;

/** Runs `attempt` until it lands without losing a race (bounded, jittered backoff). */
export async function retryRaces<T>(
  what: string,
  log: (message: string) => void,
  attempt: (n: number) => Promise<T>,
): Promise<T> {
  try {
    return await pRetry(attempt, {
      retries: MAX_ATTEMPTS - 1,
      minTimeout: 50,
      maxTimeout: 2_000,
      factor: 1.5,
      randomize: true,
      shouldRetry: ({ error }) => error instanceof RaceLost,
      onFailedAttempt: ({ error, attemptNumber }) => {
        if (error instanceof RaceLost) {
          log(`Attempt ${attemptNumber}: another run changed the registry first; looking again.`);
        }
      },
    });
  } catch (e) {
    if (e instanceof RaceLost) {
      throw new SnapbackError(
        'race-exhausted',
        `Could not ${what} after ${MAX_ATTEMPTS} attempts: other runs kept changing the registry first.`,
        'Re-run the job; if many runs change the same track at once, give the workflows a concurrency group.',
      );
    }
    throw e;
  }
}
