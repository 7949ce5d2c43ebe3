/**
 * Terminal text for the commands that check, rebuild, adopt or copy out the registry:
 * `verify`, `reindex`, `import` and `export`.
 */
import { formatBytes } from '../core/size.js';
import { printable } from '../core/track-name.js';
import type { VerifyResult } from '../commands/verify.js';
import type { ReindexResult } from '../commands/reindex.js';
import type { ImportResult } from '../commands/import.js';
import type { ExportResult } from '../commands/export.js';

export function verifyText(r: VerifyResult): string {
  const scope = `${r.tracks.length} track${r.tracks.length === 1 ? '' : 's'}, ${r.versions} version${r.versions === 1 ? '' : 's'}, ${r.aliases} alias${r.aliases === 1 ? '' : 'es'}`;
  if (r.ok) return `Registry OK: ${scope}.\n`;
  const lines = r.problems.map((x) => `  ${x.kind}: ${x.message}`);
  return `${r.problems.length} problem${r.problems.length === 1 ? '' : 's'} in the registry (${scope}):\n${lines.join('\n')}\n`;
}

export function reindexText(r: ReindexResult): string {
  const out: string[] = [];
  for (const t of r.tracks) {
    const done =
      t.rebuilt.length > 0
        ? `${r.dryRun ? 'would rebuild' : 'rebuilt'} ${t.rebuilt.map((n) => `v${n}`).join(', ')}`
        : 'nothing missing';
    out.push(`${t.track}: ${t.versions} version${t.versions === 1 ? '' : 's'}; ${done}`);
  }
  for (const u of r.unreadable) {
    out.push(
      `${u.track}: v${u.version} (${u.commit.slice(0, 12)}) has no readable trailers; nothing rebuilt for it`,
    );
  }
  out.push(
    r.events === 0
      ? 'The index already holds everything the trailers know.'
      : `${r.dryRun ? 'Would append' : 'Appended'} ${r.events} index line${r.events === 1 ? '' : 's'}${r.notesCommit ? ` (refs/notes/versions → ${r.notesCommit.slice(0, 12)})` : ''}. Promotion history is kept only in the index and cannot be rebuilt from trailers.`,
  );
  return `${out.join('\n')}\n`;
}

const STATUS: Record<ImportResult['tags'][number]['status'], string> = {
  imported: 'imported as',
  'would-import': 'would import as',
  unchanged: 'same files as',
  already: 'already imported as',
  empty: 'no file of the track at this tag',
};

export function importText(r: ImportResult): string {
  const out = r.tags.map((t) => {
    const v = t.version === null ? '' : ` v${t.version}`;
    return `${printable(t.tag, 100)}: ${STATUS[t.status]}${v}${t.status === 'empty' ? '' : ` (${t.files} file${t.files === 1 ? '' : 's'}, ${formatBytes(t.bytes)})`}`;
  });
  out.push(
    `${r.track}: ${r.dryRun ? 'would import' : 'imported'} ${r.imported} version${r.imported === 1 ? '' : 's'}.`,
  );
  return `${out.join('\n')}\n`;
}

export function exportText(r: ExportResult): string {
  const what = `${r.track} v${r.version} (${r.files} file${r.files === 1 ? '' : 's'}, ${formatBytes(r.bytes)})`;
  const where =
    r.format === 'folder' ? `into ${printable(r.to, 300)}` : `as ${printable(r.to, 300)}`;
  return `${r.dryRun ? 'Would export' : 'Exported'} ${what} ${where}\n`;
}
