/**
 * `verify`: checks the registry's invariants on the server — version numbers without
 * duplicates or strays, every version with its readable trailers and its `recorded` note,
 * aliases pointing at versions, the objects of every version present, the index readable —
 * and names each problem. Read-only: it fetches the refs it checks and changes nothing.
 */
import type { Git } from '../git/git.js';
import { NOTES_REF, trackPrefix, VERSIONS_PREFIX } from '../core/refs.js';
import { parseNote, type NoteEvent } from '../core/notes-format.js';
import { checkRegistry, type CommitRead, type Problem } from '../core/registry-check.js';
import { notesTipHere, tracksIn } from '../registry/registry.js';
import { readRegistry } from './read-versions.js';
import { phase, type Progress } from '../progress.js';

export interface VerifyOptions {
  /** Tracks to check; undefined: the whole registry. */
  tracks?: string[] | undefined;
}

export interface VerifyResult {
  ok: boolean;
  tracks: string[];
  versions: number;
  aliases: number;
  problems: Problem[];
}

export interface VerifyDeps {
  git: Git;
  /** Phases of long work (a terminal shows them). */
  progress?: Progress | undefined;
}

/** Refs fetched per request; a failed batch is fetched ref by ref to name the broken ones. */
const BATCH = 500;

export async function verify(deps: VerifyDeps, opts: VerifyOptions): Promise<VerifyResult> {
  const { git } = deps;
  if (opts.tracks) await readRegistry(git, opts.tracks, { events: false }); // names unknown tracks
  const prefixes = opts.tracks ? opts.tracks.map(trackPrefix) : [VERSIONS_PREFIX];
  const listed = await git.listRemoteRefs([...prefixes, NOTES_REF]);
  const tip = listed.get(NOTES_REF) ?? null;
  listed.delete(NOTES_REF);

  const { notes, events, badLines } = await readIndex(git, tip);
  const pointed = [...listed].filter(([ref]) => /\/([1-9][0-9]*|aliases\/[^/]+)$/.test(ref));
  const commits = await phase(
    deps.progress,
    `Fetch and read ${pointed.length} versions and aliases`,
    () => readCommits(git, pointed),
  );
  const problems = checkRegistry({ refs: listed, commits, events, badLines, notes });
  const tracks = tracksIn(listed);
  return {
    ok: problems.length === 0,
    tracks,
    versions: pointed.filter(([ref]) => /\/[1-9][0-9]*$/.test(ref)).length,
    aliases: pointed.filter(([ref]) => ref.includes('/aliases/')).length,
    problems,
  };
}

async function readIndex(git: Git, tip: string | null) {
  const events = new Map<string, NoteEvent[]>();
  const badLines = new Map<string, number>();
  if (tip === null) return { notes: 'absent' as const, events, badLines };
  try {
    // Every note is read: whole, not blob by blob.
    const local = (await notesTipHere(git, tip, { wholeNotes: true })) ?? tip;
    for (const [object, text] of await git.readNotes(local, 'all')) {
      const parsed = parseNote(text);
      events.set(object, parsed);
      const lines = text.split('\n').filter((l) => l.trim() !== '').length;
      if (lines > parsed.length) badLines.set(object, lines - parsed.length);
    }
    return { notes: 'ok' as const, events, badLines };
  } catch (e) {
    return { notes: { missing: oneLine(e) }, events, badLines };
  }
}

/** What can be read of each pointed-at commit, fetching what is not here yet. */
async function readCommits(
  git: Git,
  pointed: readonly [string, string][],
): Promise<Map<string, CommitRead>> {
  const out = new Map<string, CommitRead>();
  const missing: [string, string][] = [];
  // Many refs: fetching them all (only what is missing travels) beats a git process per ref.
  if (pointed.length > 16) missing.push(...pointed);
  else for (const [ref, oid] of pointed) if (!(await git.hasObject(oid))) missing.push([ref, oid]);
  // One broken version fails a whole request: halve the failed batch until each broken ref
  // is alone, so a few broken versions among thousands cost a few dozen requests.
  const fetchOrName = async (batch: [string, string][]): Promise<void> => {
    try {
      await git.fetchRefs(batch.map(([ref]) => ({ remote: ref, local: ref })));
    } catch (e) {
      if (batch.length === 1) {
        out.set(batch[0]![1], { missing: oneLine(e) });
        return;
      }
      const half = Math.ceil(batch.length / 2);
      await fetchOrName(batch.slice(0, half));
      await fetchOrName(batch.slice(half));
    }
  };
  for (let i = 0; i < missing.length; i += BATCH) await fetchOrName(missing.slice(i, i + BATCH));
  // A fetch checks that every object of what it brings is present, so the commit is enough to
  // read here; all of them in one read.
  const read = await git.readCommits(pointed.map(([, oid]) => oid).filter((o) => !out.has(o)));
  for (const [, oid] of pointed) {
    if (out.has(oid)) continue;
    const commit = read.get(oid);
    out.set(oid, commit ? { message: commit.message } : { missing: `${oid} is not a commit here` });
  }
  return out;
}

function oneLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.split('\n')[0]!.slice(0, 300);
}
