/**
 * Reading the registry for the commands that report on it (list, show, export, verify,
 * reindex): one ref listing, the notes index, and snapshot commits only when something asks
 * for their trailers or files.
 */
import { InputError } from '../errors.js';
import type { Git } from '../git/git.js';
import { trackPrefix, VERSIONS_PREFIX } from '../core/refs.js';
import type { NoteEvent } from '../core/notes-format.js';
import { parseVersionMessage } from '../core/version-meta.js';
import { printable } from '../core/track-name.js';
import { recordedEventOf, versionInfo, type VersionInfo } from '../core/version-info.js';
import {
  aliasVersions,
  lookAtRegistry,
  readEvents,
  trackIndex,
  tracksIn,
} from '../registry/registry.js';
import {
  describeVersions,
  parseSelector,
  resolveSelector,
  type TrackIndex,
} from '../core/selectors.js';

export interface RegistryRead {
  /** Remote refs under the tracks asked for. */
  refs: Map<string, string>;
  /** The notes tip (present locally), or null. */
  notes: string | null;
  /** Tracks to report on, sorted. */
  tracks: string[];
  /** Events of the index by annotated object. */
  events: Map<string, NoteEvent[]>;
}

/**
 * Lists the tracks' refs and reads the index. A track named but absent from the registry is a
 * mistake to name (non-zero exit), with the tracks that do exist as the hint.
 */
export async function readRegistry(
  git: Git,
  tracks: readonly string[] | undefined,
  opts: { events?: boolean; input?: string } = {},
): Promise<RegistryRead> {
  const view = await lookAtRegistry(git, tracks ? tracks.map(trackPrefix) : [VERSIONS_PREFIX]);
  const present = new Set(tracksIn(view.refs));
  for (const name of tracks ?? []) {
    if (!present.has(name)) await unknownTrack(git, name, opts.input ?? 'track');
  }
  const events = opts.events === false ? new Map() : await readEvents(git, view.notes, 'all');
  return {
    refs: view.refs,
    notes: view.notes,
    tracks: tracks ? [...new Set(tracks)].sort() : [...present].sort(),
    events,
  };
}

async function unknownTrack(git: Git, name: string, input: string): Promise<never> {
  const all = tracksIn(await git.listRemoteRefs([VERSIONS_PREFIX]));
  throw new InputError(
    input,
    `the registry has no track '${printable(name)}'.`,
    all.length > 0
      ? `Tracks in the registry: ${all.map((t) => printable(t)).join(', ')}.`
      : 'The registry is empty: record a version first (snapback record).',
  );
}

/** The versions and aliases of one track, as refs name them. */
export function indexOf(read: RegistryRead, track: string): TrackIndex {
  return trackIndex(track, read.refs);
}

/** Refs fetched per request: a command line stays far below any system's length limit. */
const FETCH_BATCH = 500;

/** Below this many refs, asking which commits are here costs less than a fetch. */
const LOOK_FIRST = 16;

/** Brings the commits of these refs here (the ones not here yet), in a few requests. */
export async function fetchCommits(
  git: Git,
  refs: readonly { ref: string; oid: string }[],
): Promise<void> {
  // Many refs: one fetch per batch, which transfers only what is missing, beats one git
  // process per ref to find out.
  const missing: string[] = [];
  if (refs.length > LOOK_FIRST) missing.push(...refs.map((r) => r.ref));
  else for (const { ref, oid } of refs) if (!(await git.hasObject(oid))) missing.push(ref);
  for (let i = 0; i < missing.length; i += FETCH_BATCH) {
    await git.fetchRefs(missing.slice(i, i + FETCH_BATCH).map((r) => ({ remote: r, local: r })));
  }
}

/**
 * Every version of a track, oldest first. The index describes them; the snapshot commits are
 * fetched and their trailers read only for versions the index lacks, or for all with `trailers`.
 */
export async function trackVersions(
  git: Git,
  read: RegistryRead,
  track: string,
  opts: { trailers?: 'missing' | 'all' } = {},
): Promise<VersionInfo[]> {
  const index = indexOf(read, track);
  const aliasOf = aliasVersions(index);
  const sorted = [...index.versions].sort(([a], [b]) => a - b);
  const needTrailers = sorted.filter(
    ([n, oid]) => opts.trailers === 'all' || !recordedEventOf(read.events.get(oid), track, n),
  );
  await fetchCommits(
    git,
    needTrailers.map(([n, oid]) => ({ ref: `${trackPrefix(track)}${n}`, oid })),
  );
  const commits = new Map<string, Awaited<ReturnType<Git['readCommit']>>>();
  for (const [, oid] of needTrailers) commits.set(oid, await git.readCommit(oid));
  return sorted.map(([n, oid]) => {
    const commit = commits.get(oid);
    return versionInfo({
      track,
      version: n,
      commit: oid,
      aliases: [...aliasOf].filter(([, v]) => v === n).map(([a]) => a),
      recorded: recordedEventOf(read.events.get(oid), track, n),
      meta: commit ? parseVersionMessage(commit.message) : undefined,
      committedAt: commit?.committedAt,
    });
  });
}

/**
 * The one track a command works on: the one named, or the registry's only track. Several
 * tracks and none named is a mistake naming the option and the tracks to choose from.
 */
export function oneTrack(read: RegistryRead, input = 'track'): string {
  if (read.tracks.length === 1) return read.tracks[0]!;
  throw new InputError(
    input,
    read.tracks.length === 0
      ? 'the registry has no versions yet.'
      : `the registry has ${read.tracks.length} tracks; name one.`,
    read.tracks.length === 0
      ? 'Record a version first (snapback record).'
      : `Tracks: ${read.tracks.map((t) => printable(t)).join(', ')}.`,
  );
}

/**
 * A version of `track` chosen by a selector (number, latest, previous, alias, semver range).
 * The work tree and commits are not versions: naming one here is a mistake.
 */
export async function resolveVersion(
  git: Git,
  read: RegistryRead,
  track: string,
  text: string,
  input: string,
): Promise<{ n: number; oid: string; via: string }> {
  const index = indexOf(read, track);
  const resolved = await resolveSelector(parseSelector(text, input), index, {
    input,
    aliasEvents: async () => {
      const events = read.events.size > 0 ? read.events : await readEvents(git, read.notes, 'all');
      return [...events.values()].flat().filter((e) => e.track === track);
    },
    labels: async () => {
      const labels = new Map<number, string>();
      for (const v of await trackVersions(git, read, track)) {
        if (v.label) labels.set(v.version, v.label);
      }
      return labels;
    },
  });
  if (resolved.kind !== 'version') {
    throw new InputError(
      input,
      `'${printable(text)}' is not a version of track '${printable(track)}'.`,
      describeVersions(index),
    );
  }
  return resolved;
}
