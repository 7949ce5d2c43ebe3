// Long registries built in seconds: source commits, snapshot commits, alias refs and a notes
// history written with `git fast-import` straight into the server's bare repository, in the
// layout snapback itself writes (commit messages from formatCommitMessage, note lines from
// notes-format, one notes commit per recording or promotion, fan-out chosen by fast-import as
// snapback's own notes writer gets it). The refs are packed, as a long-lived server keeps them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { git, type GitServer } from '../../test/harness/index.js';
import { formatCommitMessage, type VersionMeta } from '../../src/core/version-meta.js';
import {
  appendToNote,
  producedEvent,
  promotedEvent,
  recordedEvent,
  TREE_NOTES_FROM,
  treeEvent,
  type NoteEvent,
} from '../../src/core/notes-format.js';

/** Files of every track: small JSON files, one of them changed by each version. */
export const TRACK_FILES = 10;
/** Every version whose number ends in this digit was promoted to `active` when recorded. */
const PROMOTE_EVERY = 10;
const PROMOTE_AT = 5;
export const ALIAS = 'active';
const START = 1_700_000_000;
const COMMITTER = 'github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>';

export interface HistorySpec {
  tracks: string[];
  versions: number;
}

export interface BuiltHistory {
  repo: string;
  tracks: string[];
  versions: number;
  /** Version each track's `active` alias points at. */
  active: number;
  /** Every ref of the bare repository right after the build (restore() puts them back). */
  refs: Map<string, string>;
  notes: number;
  buildMs: number;
}

/** Semver label of a version: the range `~1.<n>.0` selects exactly version n. */
export function labelOf(version: number): string {
  return `1.${version}.0`;
}

export function activeOf(versions: number): number {
  let v = versions;
  while (v > 0 && v % PROMOTE_EVERY !== PROMOTE_AT) v--;
  return v || 1;
}

function data(text: string | Buffer): string {
  return `data ${Buffer.byteLength(text)}\n${text.toString()}\n`;
}

function fileContent(track: string, file: number, version: number): string {
  return `${JSON.stringify({ track, file, version, weights: Array.from({ length: 40 }, (_, i) => (version * 31 + i * 7 + file) % 997) }, null, 2)}\n`;
}

export function trackPath(track: string, file: number): string {
  return `${track}/f${file}.json`;
}

interface Planned {
  track: string;
  version: number;
  sourceMark: number;
  snapMark: number;
  time: number;
}

/**
 * Pass 1: one source commit per version on main (changing one file of its track) and the
 * snapshot commit of that version on refs/versions/<track>/<n>, its parent the source commit.
 * Tracks take turns, so with several tracks every one's versions spread over the history.
 */
function commitsStream(spec: HistorySpec): { stream: string; planned: Planned[] } {
  const out: string[] = [];
  const planned: Planned[] = [];
  let mark = 0;
  // Current blob mark of every file of every track.
  const blobs = new Map<string, number>();
  const blob = (path: string, content: string) => {
    mark++;
    out.push('blob\n', `mark :${mark}\n`, data(content));
    blobs.set(path, mark);
  };
  for (const track of spec.tracks) {
    for (let f = 0; f < TRACK_FILES; f++) blob(trackPath(track, f), fileContent(track, f, 0));
  }
  mark++;
  const root = mark;
  out.push(
    'commit refs/heads/main\n',
    `mark :${root}\n`,
    `committer Dev <dev@example.invalid> ${START} +0000\n`,
    data('initial'),
    'M 100644 inline README.md\n',
    data('registry benchmark\n'),
    ...[...blobs].map(([path, m]) => `M 100644 :${m} ${path}\n`),
  );
  let parent = root;
  let time = START;
  for (let v = 1; v <= spec.versions; v++) {
    for (const track of spec.tracks) {
      time += 60;
      const changed = trackPath(track, v % TRACK_FILES);
      blob(changed, fileContent(track, v % TRACK_FILES, v));
      mark++;
      const sourceMark = mark;
      out.push(
        'commit refs/heads/main\n',
        `mark :${sourceMark}\n`,
        `committer Dev <dev@example.invalid> ${time} +0000\n`,
        data(`change ${changed}`),
        `from :${parent}\n`,
        `M 100644 :${blobs.get(changed)} ${changed}\n`,
      );
      parent = sourceMark;
      mark++;
      planned.push({ track, version: v, sourceMark, snapMark: mark, time: time + 30 });
      // The message's source commit is filled in pass 2's notes only: fast-import cannot name
      // an oid it has not written yet, so the trailer carries the mark's commit via `from`.
      out.push(
        `commit refs/versions/${track}/${v}\n`,
        `mark :${mark}\n`,
        `committer ${COMMITTER} ${time + 30} +0000\n`,
        `MESSAGE:${planned.length - 1}\n`,
        `from :${sourceMark}\n`,
        'deleteall\n',
        ...Array.from({ length: TRACK_FILES }, (_, f) => {
          const path = trackPath(track, f);
          return `M 100644 :${blobs.get(path)} ${path}\n`;
        }),
      );
    }
  }
  return { stream: out.join(''), planned };
}

function metaOf(p: Planned, sourceCommit: string): VersionMeta {
  return {
    track: p.track,
    version: p.version,
    previousVersion: p.version > 1 ? p.version - 1 : null,
    sourceCommit,
    label: labelOf(p.version),
    files: TRACK_FILES,
    bytes: 4_000,
    actor: 'octocat',
    event: 'push',
    workflow: 'registry',
    job: 'record',
    runUrl: `https://github.example/bench/history/actions/runs/${1000 + p.version}`,
    runId: String(1000 + p.version),
    runAttempt: 1,
  };
}

function readMarks(file: string): Map<number, string> {
  const marks = new Map<number, string>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^:(\d+) ([0-9a-f]{40})$/.exec(line);
    if (m) marks.set(Number(m[1]), m[2]!);
  }
  return marks;
}

/**
 * Builds the history in `server`'s repository `repo` (created here). Source commit oids are
 * needed inside snapshot messages, so pass 1 writes the source commits alone first.
 */
export async function buildHistory(
  server: GitServer,
  repo: string,
  spec: HistorySpec,
  scratch: string,
): Promise<BuiltHistory> {
  const started = performance.now();
  const bare = await server.createBareRepo(repo);
  const { stream, planned } = commitsStream(spec);
  // Pass 1a: everything but the snapshot commits, to learn the source commits' oids.
  const sourceOnly = stream
    .split(/(?=^commit |^blob\n)/m)
    .filter((chunk) => !chunk.startsWith('commit refs/versions/'))
    .join('');
  const marks1 = join(scratch, `${repo.replace('/', '-')}-marks1`);
  await git(bare, ['fast-import', '--quiet', `--export-marks=${marks1}`], {
    input: `${sourceOnly}done\n`,
  });
  const sourceOids = readMarks(marks1);
  // Pass 1b: the snapshot commits, messages now complete; marks imported so `from :n` works.
  const metas: VersionMeta[] = planned.map((p) => metaOf(p, sourceOids.get(p.sourceMark)!));
  const snapshots = stream
    .split(/(?=^commit |^blob\n)/m)
    .filter((chunk) => chunk.startsWith('commit refs/versions/'))
    .map((chunk) =>
      chunk.replace(/^MESSAGE:(\d+)\n/m, (_, i: string) => {
        const meta = metas[Number(i)]!;
        const body = `Snapshot of ${TRACK_FILES} files (3.9 KB) from ${meta.sourceCommit.slice(0, 12)}.`;
        return data(formatCommitMessage(meta, body));
      }),
    )
    .join('');
  const marks2 = join(scratch, `${repo.replace('/', '-')}-marks2`);
  await git(
    bare,
    ['fast-import', '--quiet', `--import-marks=${marks1}`, `--export-marks=${marks2}`],
    { input: `${snapshots}done\n` },
  );
  const oids = readMarks(marks2);
  const trees = new Map<string, string>();
  const treeList = await git(bare, [
    'for-each-ref',
    '--format=%(objectname) %(tree)',
    'refs/versions/',
  ]);
  for (const line of treeList.split('\n')) {
    const [commit, tree] = line.split(' ');
    if (commit && tree) trees.set(commit, tree);
  }

  // Pass 2: the notes history, one commit per recording and per promotion, as snapback writes.
  const notes: string[] = [];
  const active = activeOf(spec.versions);
  const aliasHolder = new Map<string, number>();
  // fast-import's N takes commits only; a snapshot tree's note goes in by its path, with the
  // fan-out git (and fast-import) uses for the final number of notes: 2/38 from 256 notes on.
  const fanOut = planned.length * 3 >= 256;
  const notePath = (oid: string) => (fanOut ? `${oid.slice(0, 2)}/${oid.slice(2)}` : oid);
  const noteCommit = (
    time: number,
    message: string,
    entries: [string, NoteEvent[]][],
    treeNotes: [string, NoteEvent[]][] = [],
  ) => {
    notes.push(
      'commit refs/notes/versions\n',
      `committer ${COMMITTER} ${time} +0000\n`,
      data(message),
    );
    for (const [oid, events] of entries) {
      notes.push(`N inline ${oid}\n`, data(appendToNote(noteText.get(oid) ?? '', events)));
      noteText.set(oid, appendToNote(noteText.get(oid) ?? '', events));
    }
    for (const [oid, events] of treeNotes) {
      const text = appendToNote(noteText.get(oid) ?? '', events);
      notes.push(`M 100644 inline ${notePath(oid)}\n`, data(text));
      noteText.set(oid, text);
    }
  };
  const noteText = new Map<string, string>();
  planned.forEach((p, i) => {
    const meta = metas[i]!;
    const commit = oids.get(p.snapMark)!;
    const at = new Date(p.time * 1000).toISOString();
    const recorded = recordedEvent(meta, commit, at);
    const tree = trees.get(commit)!;
    recorded.tree = tree;
    // Every version was recorded by a snapback that writes tree notes, from v1 on.
    recorded[TREE_NOTES_FROM] = 1;
    recorded.changes = { added: 0, modified: 1, deleted: 0 };
    noteCommit(
      p.time,
      `snapback: record ${p.track} v${p.version}`,
      [
        [meta.sourceCommit, [producedEvent(meta, commit, at)]],
        [commit, [recorded]],
      ],
      [[tree, [treeEvent(meta, commit, at)]]],
    );
    const promoteNow =
      p.version % PROMOTE_EVERY === PROMOTE_AT || (p.version === active && active < PROMOTE_AT);
    if (promoteNow && p.version <= active) {
      const from = aliasHolder.get(p.track) ?? null;
      noteCommit(p.time + 10, `snapback: promote ${p.track} v${p.version} to ${ALIAS}`, [
        [commit, [promotedEvent(p.track, p.version, ALIAS, from, at, { actor: 'octocat' })]],
      ]);
      aliasHolder.set(p.track, p.version);
    }
  });
  for (const track of spec.tracks) {
    const holder = planned.find((p) => p.track === track && p.version === active)!;
    notes.push(`reset refs/versions/${track}/aliases/${ALIAS}\n`, `from :${holder.snapMark}\n`);
  }
  await git(bare, ['fast-import', '--quiet', `--import-marks=${marks2}`], {
    input: `${notes.join('')}done\n`,
  });
  await git(bare, ['pack-refs', '--all', '--prune']);
  return {
    repo,
    tracks: spec.tracks,
    versions: spec.versions,
    active,
    refs: await server.refs(repo),
    notes: noteText.size,
    buildMs: performance.now() - started,
  };
}

/** Puts every ref back as the build left it (versions, aliases, notes tip), then packs them. */
export async function restoreHistory(server: GitServer, h: BuiltHistory): Promise<void> {
  // A client stopped at the time limit leaves its request running on the server (http-backend
  // finishes a push nobody hears): wait for it, or it would delete refs after they are put back.
  await server.idle(900_000);
  const now = await server.refs(h.repo);
  const lines: string[] = [];
  for (const [ref, oid] of h.refs) if (now.get(ref) !== oid) lines.push(`update ${ref} ${oid}\n`);
  for (const ref of now.keys()) if (!h.refs.has(ref)) lines.push(`delete ${ref}\n`);
  if (lines.length === 0) return;
  const bare = server.repoPath(h.repo);
  await git(bare, ['update-ref', '--stdin'], { input: lines.join('') });
  await git(bare, ['pack-refs', '--all', '--prune']);
}
