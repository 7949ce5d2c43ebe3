/**
 * `import`: adopts existing history. Each tag whose name matches a pattern becomes the next
 * version of a track, in tag order (see core/tag-order.ts), labelled by the tag: the version
 * holds the track's files as they are in the tagged commit, which is its source commit.
 * A tag whose files equal the version before it records nothing (as a recording would), and a
 * tag already imported (a version with its label and commit) is skipped, so running the same
 * import again adds only new tags. All versions and their index lines land in one atomic
 * update; another writer landing first means numbering again from a fresh look.
 */
import { InputError, SnapbackError } from '../errors.js';
import type { Git } from '../git/git.js';
import { latestVersion, trackPrefix, versionRef, versionsOf } from '../core/refs.js';
import { producedEvent, recordedEvent, type NoteEvent } from '../core/notes-format.js';
import {
  formatCommitMessage,
  parseVersionMessage,
  type VersionMeta,
} from '../core/version-meta.js';
import { isWorkflowPath, patternMatcher } from '../core/globs.js';
import { orderTags, tagMatcher } from '../core/tag-order.js';
import { summarizeChanges } from '../core/change-summary.js';
import { formatBytes } from '../core/size.js';
import { printable } from '../core/track-name.js';
import { recordedEventOf } from '../core/version-info.js';
import { landChange, lookAtRegistry, readEvents, retryRaces } from '../registry/registry.js';
import type { TrackSpec } from './record.js';
import { debug, phase, type Progress } from '../progress.js';

const TAGS_PREFIX = 'refs/tags/';

export interface ImportOptions {
  track: Pick<TrackSpec, 'name' | 'patterns' | 'maxFileSize' | 'source'>;
  /** A glob over tag names (`v*`). */
  tags: string;
  dryRun: boolean;
  /** Who adopts the history (the CLI: git's user.name). */
  actor?: string | undefined;
}

export type ImportedStatus = 'imported' | 'would-import' | 'unchanged' | 'already' | 'empty';

export interface ImportedTag {
  tag: string;
  commit: string;
  status: ImportedStatus;
  /** The version it became (or would), or the existing version it equals. */
  version: number | null;
  files: number;
  bytes: number;
}

export interface ImportResult {
  track: string;
  dryRun: boolean;
  tags: ImportedTag[];
  /** Versions created (or that would be). */
  imported: number;
  notesCommit: string | null;
}

export interface ImportDeps {
  git: Git;
  log: (message: string) => void;
  /** Phases of long work (a terminal shows them). */
  progress?: Progress | undefined;
}

interface Snap {
  tag: string;
  commit: string;
  tree: string;
  files: number;
  bytes: number;
}

export async function importTags(deps: ImportDeps, opts: ImportOptions): Promise<ImportResult> {
  const { git } = deps;
  const track = opts.track;
  const matches = tagMatcher(opts.tags, 'tags');
  const listed = await git.listRemoteRefs([TAGS_PREFIX]);
  const all = [...listed.keys()]
    .filter((r) => !r.endsWith('^{}'))
    .map((r) => r.slice(TAGS_PREFIX.length));
  const chosen = orderTags(all.filter(matches));
  if (chosen.length === 0) {
    throw new InputError(
      'tags',
      `no tag of the remote matches '${printable(opts.tags)}'.`,
      all.length > 0
        ? `Tags there: ${orderTags(all)
            .slice(-10)
            .map((t) => printable(t))
            .join(', ')}.`
        : 'The remote has no tags.',
    );
  }
  const missing = [];
  for (const tag of chosen) {
    if (!(await git.hasObject(listed.get(`${TAGS_PREFIX}${tag}`)!))) missing.push(tag);
  }
  if (missing.length > 0) {
    await git.fetchRefs(
      missing.map((t) => ({ remote: `${TAGS_PREFIX}${t}`, local: `${TAGS_PREFIX}${t}` })),
    );
  }

  // The track's files at each tag: the tagged commit's tree narrowed to the patterns.
  const inTrack = patternMatcher(track.patterns);
  const keep = (p: string) =>
    inTrack(p) && (track.patterns.workflows === true || !isWorkflowPath(p));
  const snaps: Snap[] = [];
  const readTag = async (tag: string) => {
    const commit = await git.resolveCommit(listed.get(`${TAGS_PREFIX}${tag}`)!);
    if (!commit) return; // a tag of a tree or blob holds no commit to adopt
    const tree = await git.subTree(commit, keep);
    const sizes = await git.blobSizes(tree);
    const tooLarge = [...sizes].filter(([, size]) => size > track.maxFileSize);
    if (tooLarge.length > 0) {
      throw new SnapbackError(
        'file-too-large',
        `Input 'max-file-size': at tag '${printable(tag)}', ${tooLarge.length} file${tooLarge.length === 1 ? '' : 's'} of track '${track.name}' exceed ${formatBytes(track.maxFileSize)}: ${tooLarge
          .slice(0, 5)
          .map(([p, s]) => `${printable(p, 200)} (${formatBytes(s)})`)
          .join(', ')}. Nothing was imported.`,
        'Exclude them with a "!pattern" in paths, or leave those tags out of the pattern.',
      );
    }
    debug(deps.progress, `${tag}: ${sizes.size} files of track '${track.name}'.`);
    snaps.push({
      tag,
      commit,
      tree,
      files: sizes.size,
      bytes: [...sizes.values()].reduce((a, b) => a + b, 0),
    });
  };
  await phase(
    deps.progress,
    `Read the files of ${chosen.length} tag${chosen.length === 1 ? '' : 's'}`,
    async () => {
      for (const tag of chosen) await readTag(tag);
    },
  );

  const attempt = async () => {
    const view = await lookAtRegistry(git, [trackPrefix(track.name)]);
    const versions = versionsOf(track.name, view.refs);
    const latest = latestVersion(versions);
    const known = await knownVersions(git, view.notes, track.name, versions);
    let prevTree = latest > 0 ? (known.get(latest)?.tree ?? null) : null;
    let prevVersion = latest;
    let next = latest + 1;
    const out: ImportedTag[] = [];
    const events = new Map<string, NoteEvent[]>();
    const updates: { ref: string; expected: null; next: string }[] = [];
    const at = new Date().toISOString();
    for (const s of snaps) {
      const base = { tag: s.tag, commit: s.commit, files: s.files, bytes: s.bytes };
      const already = [...known].find(([, k]) => k.label === s.tag && k.sourceCommit === s.commit);
      if (already) {
        out.push({ ...base, status: 'already', version: already[0] });
        // A later tag with the same files as this one records nothing, on every run alike.
        prevTree = already[1].tree ?? prevTree;
        prevVersion = already[0];
        continue;
      }
      if (s.files === 0) {
        out.push({ ...base, status: 'empty', version: null });
        continue;
      }
      if (s.tree === prevTree) {
        out.push({ ...base, status: 'unchanged', version: prevVersion });
        continue;
      }
      const version = next++;
      const meta: VersionMeta = {
        track: track.name,
        version,
        previousVersion: version > 1 ? version - 1 : null,
        sourceCommit: s.commit,
        label: s.tag,
        files: s.files,
        bytes: s.bytes,
        actor: opts.actor,
        reason: `imported from tag ${s.tag}`,
      };
      const body = `Snapshot of ${s.files} file${s.files === 1 ? '' : 's'} (${formatBytes(s.bytes)}) from tag ${s.tag} (${s.commit.slice(0, 12)}).`;
      const commit = await git.writeCommit({
        tree: s.tree,
        parents: [s.commit],
        message: formatCommitMessage(meta, body),
        author: git.identity.author,
        committer: git.identity.committer,
      });
      const recorded = recordedEvent(meta, commit, at);
      recorded.tree = s.tree;
      const c = summarizeChanges(await git.diffTrees(prevTree, s.tree));
      recorded.changes = { added: c.added, modified: c.modified, deleted: c.deleted };
      events.set(commit, [recorded]);
      events.set(s.commit, [...(events.get(s.commit) ?? []), producedEvent(meta, commit, at)]);
      updates.push({ ref: versionRef(track.name, version), expected: null, next: commit });
      out.push({ ...base, status: opts.dryRun ? 'would-import' : 'imported', version });
      prevTree = s.tree;
      prevVersion = version;
    }
    let notesCommit: string | null = null;
    if (!opts.dryRun && updates.length > 0) {
      notesCommit = await landChange(git, {
        notesBase: view.notes,
        events,
        updates,
        message: `snapback: import ${updates.length} tag${updates.length === 1 ? '' : 's'} into ${track.name}`,
        haves: [...snaps.map((s) => s.commit), ...(latest > 0 ? [versions.get(latest)!] : [])],
      });
    }
    return { tags: out, imported: updates.length, notesCommit };
  };
  const landed = await phase(deps.progress, 'Write the versions and push them', () =>
    retryRaces('import the tags', deps.log, attempt),
  );
  return { track: track.name, dryRun: opts.dryRun, ...landed };
}

/** Label, source commit and tree of each existing version: the index, else the trailers. */
async function knownVersions(
  git: Git,
  notes: string | null,
  track: string,
  versions: ReadonlyMap<number, string>,
): Promise<Map<number, { label?: string; sourceCommit?: string; tree?: string }>> {
  const events = await readEvents(git, notes, [...versions.values()]);
  const out = new Map<number, { label?: string; sourceCommit?: string; tree?: string }>();
  for (const [n, oid] of versions) {
    const e = recordedEventOf(events.get(oid), track, n);
    const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
    if (e && str(e.label) && str(e.sourceCommit) && str(e.tree)) {
      out.set(n, { label: str(e.label), sourceCommit: str(e.sourceCommit), tree: str(e.tree) });
      continue;
    }
    if (!(await git.hasObject(oid))) {
      await git.fetchRefs([{ remote: versionRef(track, n), local: versionRef(track, n) }]);
    }
    const commit = await git.readCommit(oid);
    const meta = parseVersionMessage(commit.message);
    out.set(n, { label: meta?.label, sourceCommit: meta?.sourceCommit, tree: commit.tree });
  }
  return out;
}
