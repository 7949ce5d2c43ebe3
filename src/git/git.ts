/**
 * The one narrow interface the commands use to reach git. Commands never know whether an
 * operation runs through isomorphic-git, the git CLI or our own protocol code: the benchmark
 * decides that per operation (see BENCHMARKS.md), and only git/*.ts changes when it does.
 */
/** The oid of the empty tree, which every git knows without storing it. */
export const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

export interface CommitInfo {
  oid: string;
  tree: string;
  parents: string[];
  /** `Name <email>`, without the date. */
  committer: string;
  /** When it was committed (ISO 8601, UTC); left out by readers that cannot tell. */
  committedAt?: string | undefined;
  message: string;
}

export interface NewCommit {
  tree: string;
  parents: string[];
  message: string;
  author: Person;
  committer: Person;
}

export interface Person {
  name: string;
  email: string;
}

/** Who a session's commits name (snapshot, rollback and notes commits alike). */
export interface Identity {
  author: Person;
  committer: Person;
}

/**
 * A compare-and-swap ref update: `expected` null = the ref must not exist; `next` null = delete;
 * `next` equal to `expected` = a check that the ref still holds that value, which fails the
 * whole update otherwise (so a prune cannot race an alias moving onto a pruned version).
 */
export interface RefUpdate {
  ref: string;
  expected: string | null;
  next: string | null;
}

export type PushOutcome = { ok: true } | { ok: false; rejected: string[]; detail: string };

/** One changed path, as `git diff-tree --raw` reports it (R only when renames are asked for). */
export interface TreeChange {
  status: 'A' | 'M' | 'D' | 'T' | 'R';
  path: string;
  /** The path before a rename; equal to `path` otherwise. */
  oldPath: string;
  /** Rename similarity in percent (100 = exact). */
  similarity?: number;
  oldMode: string | null;
  newMode: string | null;
  oldOid: string | null;
  newOid: string | null;
  oldSize: number;
  newSize: number;
}

/** One entry of a recursive tree listing (gitlinks appear as type `commit`). */
export interface TreeEntry {
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  oid: string;
  path: string;
}

/** A change to a tree: set a path to a blob (mode + oid), or remove it (`oid` null). */
export interface TreeEdit {
  path: string;
  mode: string;
  oid: string | null;
}

export interface FetchOptions {
  /**
   * Many notes will be read: bring the notes ref's blobs along, where they would otherwise be
   * fetched by id when read (reading thousands by id costs more than fetching them whole).
   */
  wholeNotes?: boolean;
}

export interface Git {
  /** The work tree the snapshot is taken from. */
  readonly workdir: string;
  /** Author and committer of every commit this session writes. */
  readonly identity: Identity;
  /** The commit checked out (the source commit of a new version). */
  head(): Promise<string>;
  /** Remote refs under any of the prefixes, in as few requests as the server allows. */
  listRemoteRefs(prefixes: readonly string[]): Promise<Map<string, string>>;
  /** Brings the named remote refs' objects here; returns the oid each local name now has. */
  fetchRefs(
    refs: readonly { remote: string; local: string }[],
    opts?: FetchOptions,
  ): Promise<Map<string, string>>;
  /**
   * Whether a commit (or a tag and the commit it names) is here. Never fetches it, even where
   * git fetches missing objects on demand; other kinds of object count as not here.
   */
  hasObject(oid: string): Promise<boolean>;
  /**
   * Every file path in the work tree, tracked or not, ignored or not (never inside `.git`),
   * narrowed by git pathspecs when given.
   */
  listWorkTree(pathspecs: readonly string[]): Promise<string[]>;
  /** Hashes exactly these work-tree paths into a tree object (no other file is read). */
  writeTree(paths: readonly string[]): Promise<string>;
  /**
   * writeTree for files measured on disk, with the size of each blob as stored (a file may have
   * changed since it was measured); paths not stored (gone meanwhile) have no size.
   */
  writeSnapshot(
    files: readonly { path: string; size: number }[],
  ): Promise<{ tree: string; sizes: Map<string, number> }>;
  readCommit(oid: string): Promise<CommitInfo>;
  /** Many commits at once; ids that are not commits here are left out. */
  readCommits(oids: readonly string[]): Promise<Map<string, CommitInfo>>;
  writeCommit(commit: NewCommit): Promise<string>;
  /** The note on `object` in the notes commit `notes`, or undefined. */
  readNote(notes: string, object: string): Promise<string | undefined>;
  /**
   * A new notes commit on top of `base` (or a root) that sets these notes (object → text, or
   * texts made a slice at a time).
   */
  writeNotes(
    base: string | null,
    notes: ReadonlyMap<string, string> | NoteTexts,
    message: string,
  ): Promise<string>;
  /** Files that differ between two trees, with blob sizes; renames as git's `-M` finds them. */
  diffTrees(from: string | null, to: string, opts?: { renames?: boolean }): Promise<TreeChange[]>;
  /** Blob contents by oid (missing or non-blob oids are left out). */
  readBlobs(oids: readonly string[]): Promise<Map<string, Buffer>>;
  /** The notes of a notes commit (object → text): of the given objects, or of every object. */
  readNotes(notes: string, objects: readonly string[] | 'all'): Promise<Map<string, string>>;
  /** A tree holding only the paths of `treeish` that `keep` accepts. */
  subTree(treeish: string, keep: (path: string) => boolean): Promise<string>;
  /** A local commit for a commit-ish (`main`, `v1.2`, a sha), or undefined. */
  resolveCommit(rev: string): Promise<string | undefined>;
  /**
   * All updates land together or none does; a stale `expected` rejects the whole request.
   * `haves` are commits the server is known to have, so the pack can leave their objects out.
   */
  push(updates: readonly RefUpdate[], haves?: readonly string[]): Promise<PushOutcome>;
  /** Every blob and gitlink of a tree-ish, recursively, with full paths. */
  listTree(treeish: string): Promise<TreeEntry[]>;
  /** The size of every blob of a tree-ish as stored, by full path. */
  blobSizes(treeish: string): Promise<Map<string, number>>;
  /** A new tree: `base` (null: empty) with the edits applied. Paths are checked as git does. */
  editTree(base: string | null, edits: readonly TreeEdit[]): Promise<string>;
  /** The remote's default branch (`main`), or undefined when it does not say. */
  defaultBranch(): Promise<string | undefined>;
  /**
   * Mirrors refs locally after a push, so later steps can `git log refs/versions/...`; a ref
   * onto a commit that is not here is not mirrored (a local copy of it is deleted).
   */
  setLocalRefs(updates: readonly { ref: string; oid: string | null }[]): Promise<void>;
}

/**
 * Notes to write whose texts are made a slice of objects at a time, so a change to thousands of
 * notes (a prune's `pruned` events) never holds every text at once.
 */
export interface NoteTexts {
  objects: readonly string[];
  /** The new texts of `slice`, a part of `objects`. */
  textsOf(slice: readonly string[]): Promise<ReadonlyMap<string, string>>;
}
