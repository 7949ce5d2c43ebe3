import type { TreeChange } from '../git/git.js';

export interface ChangeSummary {
  added: number;
  modified: number;
  deleted: number;
  /** Bytes of the changed files before and after (not the whole track). */
  bytesBefore: number;
  bytesAfter: number;
  changes: TreeChange[];
}

export function summarizeChanges(changes: readonly TreeChange[]): ChangeSummary {
  const s: ChangeSummary = {
    added: 0,
    modified: 0,
    deleted: 0,
    bytesBefore: 0,
    bytesAfter: 0,
    changes: [...changes],
  };
  for (const c of changes) {
    if (c.status === 'A') s.added++;
    else if (c.status === 'D') s.deleted++;
    else s.modified++;
    s.bytesBefore += c.oldSize;
    s.bytesAfter += c.newSize;
  }
  return s;
}
