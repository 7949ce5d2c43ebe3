/**
 * `show <selector>`: one version whole — its trailers as written in the snapshot commit, its
 * metadata and metrics, every event the index holds about it (recorded, promoted, demoted,
 * rolled back) and its files with sizes. Read-only.
 */
import type { Git } from '../git/git.js';
import { versionRef } from '../core/refs.js';
import type { NoteEvent } from '../core/notes-format.js';
import { parseTrailers, parseVersionMessage } from '../core/version-meta.js';
import { eventsOf, recordedEventOf, versionInfo, type VersionInfo } from '../core/version-info.js';
import { aliasVersions } from '../registry/registry.js';
import type { ListedFile } from './list.js';
import { fetchCommits, indexOf, oneTrack, readRegistry, resolveVersion } from './read-versions.js';

export interface ShowOptions {
  /** The track; undefined: the registry's only track. */
  track?: string | undefined;
  /** A version number, latest, previous, an alias or a semver range. */
  selector: string;
}

export interface ShowResult extends VersionInfo {
  /** How the selector named it (`v3`, `latest`, `production`…). */
  via: string;
  /** The snapshot commit's trailers, as written (key → value). */
  trailers: Record<string, string>;
  /** The snapshot commit's message has no readable trailers (not written by snapback?). */
  unreadable: boolean;
  events: NoteEvent[];
  fileList: ListedFile[];
}

export interface ShowDeps {
  git: Git;
}

export async function show(deps: ShowDeps, opts: ShowOptions): Promise<ShowResult> {
  const { git } = deps;
  const read = await readRegistry(git, opts.track === undefined ? undefined : [opts.track]);
  const track = oneTrack(read);
  const { n, oid, via } = await resolveVersion(git, read, track, opts.selector, 'version');
  await fetchCommits(git, [{ ref: versionRef(track, n), oid }]);
  const commit = await git.readCommit(oid);
  const meta = parseVersionMessage(commit.message);
  const aliases = [...aliasVersions(indexOf(read, track))].filter(([, v]) => v === n);
  const info = versionInfo({
    track,
    version: n,
    commit: oid,
    aliases: aliases.map(([a]) => a),
    recorded: recordedEventOf(read.events.get(oid), track, n),
    meta,
    committedAt: commit.committedAt,
  });
  const sizes = await git.blobSizes(oid);
  return {
    ...info,
    via,
    trailers: Object.fromEntries(parseTrailers(commit.message)),
    unreadable: meta === undefined,
    events: eventsOf(read.events.get(oid), track, n),
    fileList: [...sizes]
      .map(([path, size]) => ({ path, size }))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
  };
}
