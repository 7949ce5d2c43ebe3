// The edit every measured round makes: 100 files, the same in both workspaces, so our record
// and native git get identical work. Rounds draw from files no earlier round touched, so each
// round's 100 changes are really new to both the server and the local index.
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { contentFor, prng, sizeFor, type SyntheticFile } from './synthetic.js';

export interface ChangeSet {
  round: number;
  /** Existing paths given new content (new seed, new size). */
  modified: SyntheticFile[];
  added: SyntheticFile[];
  deleted: string[];
  /** Same content under a new path: git sees a deletion plus an addition. */
  renamed: { from: string; to: string }[];
}

export const CHANGE_MIX = { modified: 70, added: 10, deleted: 10, renamed: 10 } as const;

function shuffle<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Hands out disjoint sets of untouched files, round after round, deterministically. */
export class ChangePlanner {
  private readonly order: SyntheticFile[];
  private readonly random: () => number;
  private next = 0;

  constructor(
    files: SyntheticFile[],
    private readonly meanSize: number,
  ) {
    this.random = prng(0xc4a96e);
    this.order = shuffle(files, this.random);
  }

  private take(count: number): SyntheticFile[] {
    if (this.next + count > this.order.length) throw new Error('ran out of untouched files');
    const out = this.order.slice(this.next, this.next + count);
    this.next += count;
    return out;
  }

  /** A folder of the tree, picked at random, for new files to land in. */
  private someFolder(): string {
    const file = this.order[Math.floor(this.random() * this.order.length)]!;
    return dirname(file.path);
  }

  plan(round: number): ChangeSet {
    const modified = this.take(CHANGE_MIX.modified).map((f) => ({
      path: f.path,
      size: sizeFor(this.random, this.meanSize),
      seed: `r${round}:${f.path}`,
    }));
    const added = Array.from({ length: CHANGE_MIX.added }, (_, i) => {
      const path = `${this.someFolder()}/added-r${round}-${i}.bin`;
      return { path, size: sizeFor(this.random, this.meanSize), seed: `r${round}:${path}` };
    });
    const deleted = this.take(CHANGE_MIX.deleted).map((f) => f.path);
    const renamed = this.take(CHANGE_MIX.renamed).map((f, i) => ({
      from: f.path,
      to: `${this.someFolder()}/renamed-r${round}-${i}.bin`,
    }));
    return { round, modified, added, deleted, renamed };
  }
}

export async function applyChanges(workspace: string, set: ChangeSet): Promise<void> {
  for (const f of [...set.modified, ...set.added]) {
    const path = join(workspace, f.path);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, contentFor(f.seed, f.size));
  }
  for (const path of set.deleted) await rm(join(workspace, path));
  for (const r of set.renamed) await rename(join(workspace, r.from), join(workspace, r.to));
}
