/**
 * The one narrow interface the commands use to reach git. Commands never know whether an
 * operation runs through isomorphic-git, the git CLI or our own protocol code: the benchmark
 * decides that per operation (see BENCHMARKS.md), and only git/*.ts changes when it does.
 */
export interface CommitInfo {
  oid: string;
  tree: string;
  parents: string[];
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

/** A compare-and-swap ref update: `expected` null = the ref must not exist; `next` null = delete. */
export interface RefUpdate {
  ref: string;
  expected: string | null;
  next: string | null;
}

export type PushOutcome = { ok: true } | { ok: false; rejected: string[]; detail: string };

export interface TreeChange {
  status: 'A' | 'M' | 'D' | 'T';
  path: string;
  oldOid: string | null;
  newOid: string | null;
  oldSize: number;
  newSize: number;
}

export interface Git {
  /** The work tree the snapshot is taken from. */
  readonly workdir: string;
  /** The commit checked out (the source commit of a new version). */
  head(): Promise<string>;
  /** Remote refs under any of the prefixes, in as few requests as the server allows. */
  listRemoteRefs(prefixes: readonly string[]): Promise<Map<string, string>>;
  /** Brings the named remote refs' objects here; returns the oid each local name now has. */
  fetchRefs(refs: readonly { remote: string; local: string }[]): Promise<Map<string, string>>;
  hasObject(oid: string): Promise<boolean>;
  /** Hashes exactly these work-tree paths into a tree object (no other file is read). */
  writeTree(paths: readonly string[]): Promise<string>;
  readCommit(oid: string): Promise<CommitInfo>;
  writeCommit(commit: NewCommit): Promise<string>;
  /** The note on `object` in the notes commit `notes`, or undefined. */
  readNote(notes: string, object: string): Promise<string | undefined>;
  /** A new notes commit on top of `base` (or a root) that sets these notes (object → text). */
  writeNotes(
    base: string | null,
    notes: ReadonlyMap<string, string>,
    message: string,
  ): Promise<string>;
  /** Files that differ between two trees, with blob sizes. */
  diffTrees(from: string | null, to: string): Promise<TreeChange[]>;
  /** All updates land together or none does; a stale `expected` rejects the whole request. */
  push(updates: readonly RefUpdate[]): Promise<PushOutcome>;
  /** Mirrors refs locally after a push, so later steps can `git log refs/versions/...`. */
  setLocalRefs(updates: readonly { ref: string; oid: string }[]): Promise<void>;
}
