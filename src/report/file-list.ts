/**
 * Long lists of changed files, the same way on every surface (record summary, diff summary,
 * pull request comment): past a threshold, a table by folder comes first and the file list is
 * folded below it; a list cut to fit says so with one notice that points to the full list.
 */
import { cell } from './markdown.js';

/** Past this many files, the by-folder table is shown and the file list folded. */
export const FOLD_AFTER = 25;
/** Folders listed in the by-folder table; the rest are summed in one row. */
const MAX_FOLDERS = 20;

export type ChangeKind = 'added' | 'modified' | 'deleted' | 'renamed';

export interface FolderRow {
  folder: string;
  counts: Record<ChangeKind, number>;
  total: number;
}

const KINDS: ChangeKind[] = ['added', 'modified', 'deleted', 'renamed'];

/** The folder a path is shown under: its first two levels (`models/head/w.bin` → `models/head/`). */
function folderOf(path: string, depth: number): string {
  const parts = path.split('/').slice(0, -1);
  return parts.length === 0 ? '(top level)' : `${parts.slice(0, depth).join('/')}/`;
}

/**
 * Changed files counted per folder and kind, largest folders first. Two levels deep unless
 * that gives more folders than fit; then one.
 */
export function byFolder(files: readonly { path: string; kind: ChangeKind }[]): FolderRow[] {
  const group = (depth: number) => {
    const rows = new Map<string, FolderRow>();
    for (const f of files) {
      const folder = folderOf(f.path, depth);
      let row = rows.get(folder);
      if (!row) {
        row = { folder, counts: { added: 0, modified: 0, deleted: 0, renamed: 0 }, total: 0 };
        rows.set(folder, row);
      }
      row.counts[f.kind]++;
      row.total++;
    }
    return [...rows.values()].sort((a, b) => b.total - a.total || (a.folder < b.folder ? -1 : 1));
  };
  const deep = group(2);
  return deep.length <= MAX_FOLDERS ? deep : group(1);
}

export function folderTable(files: readonly { path: string; kind: ChangeKind }[]): string[] {
  const rows = byFolder(files);
  const shown = rows.slice(0, MAX_FOLDERS);
  const out = [
    '| Folder | Added | Modified | Deleted | Renamed |',
    '| --- | ---: | ---: | ---: | ---: |',
  ];
  const line = (name: string, c: Record<ChangeKind, number>) =>
    `| ${name} | ${KINDS.map((k) => (c[k] ? String(c[k]) : '')).join(' | ')} |`;
  for (const r of shown) out.push(line(cell(r.folder), r.counts));
  if (rows.length > shown.length) {
    const rest = { added: 0, modified: 0, deleted: 0, renamed: 0 };
    for (const r of rows.slice(shown.length)) for (const k of KINDS) rest[k] += r.counts[k];
    out.push(line(`${rows.length - shown.length} more folders`, rest));
  }
  return out;
}

/** The one notice for a list cut to fit: how much is shown, and where the rest is. */
export function cutNotice(shown: number, total: number, where: string): string {
  return `Showing ${shown.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} files to stay within GitHub's size limit; every file is in ${where}.`;
}
