/**
 * `list` (also `log`): the versions of each track, newest first, with label, date, actor,
 * reason, size, changes and metrics; `verbose` adds metadata and the files of each version.
 * Read-only. The notes index describes the versions; a snapshot commit is fetched only for a
 * version the index lacks, or (verbose) for its files.
 */
import type { Git } from '../git/git.js';
import { trackPrefix } from '../core/refs.js';
import type { VersionInfo } from '../core/version-info.js';
import { selectVersions } from '../core/version-filter.js';
import { aliasVersions } from '../registry/registry.js';
import { fetchCommits, indexOf, readRegistry, trackVersions } from './read-versions.js';

export interface ListOptions {
  /** Tracks to list; undefined: every track of the registry. */
  tracks?: string[] | undefined;
  /** At most this many versions per track. */
  limit?: number | undefined;
  /** Only versions recorded at or after this time. */
  since?: Date | undefined;
  /** Adds metadata and files with sizes. */
  verbose?: boolean | undefined;
}

export interface ListedFile {
  path: string;
  size: number;
}

export interface ListedVersion extends VersionInfo {
  /** With `verbose` only. */
  fileList?: ListedFile[] | undefined;
}

export interface ListedTrack {
  track: string;
  latest: number | null;
  /** How many versions the track has (the listing may show fewer). */
  total: number;
  /** Alias → version number. */
  aliases: Record<string, number>;
  /** Newest first. */
  versions: ListedVersion[];
}

export interface ListResult {
  tracks: ListedTrack[];
}

export interface ListDeps {
  git: Git;
}

export async function list(deps: ListDeps, opts: ListOptions): Promise<ListResult> {
  const { git } = deps;
  const read = await readRegistry(git, opts.tracks);
  const tracks: ListedTrack[] = [];
  for (const track of read.tracks) {
    const all = await trackVersions(git, read, track);
    // Metadata can be long: the short listing leaves it to --verbose (and to show).
    const shown: ListedVersion[] = selectVersions(all, opts).map((v) =>
      opts.verbose ? v : { ...v, metadata: undefined },
    );
    if (opts.verbose) {
      await fetchCommits(
        git,
        shown.map((v) => ({ ref: `${trackPrefix(track)}${v.version}`, oid: v.commit })),
      );
      for (const v of shown) {
        const sizes = await git.blobSizes(v.commit);
        v.fileList = [...sizes]
          .map(([path, size]) => ({ path, size }))
          .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      }
    }
    tracks.push({
      track,
      latest: all.length > 0 ? all[all.length - 1]!.version : null,
      total: all.length,
      aliases: Object.fromEntries(
        [...aliasVersions(indexOf(read, track))].sort(([a], [b]) => a.localeCompare(b)),
      ),
      versions: shown,
    });
  }
  return { tracks };
}
