import type { RecordResult, TrackResult } from '../commands/record.js';
import { formatBytes } from '../core/size.js';
import { cell, htmlText, link } from './markdown.js';
import { cutNotice, folderTable, FOLD_AFTER, type ChangeKind } from './file-list.js';

const STATUS: Record<TrackResult['status'], string> = {
  recorded: '✅ recorded',
  unchanged: '⏸️ unchanged',
  'dry-run': '🔍 dry run: would record',
};

const MAX_LISTED_FILES = 50;

function kindOf(status: string): ChangeKind {
  return status === 'A' ? 'added' : status === 'D' ? 'deleted' : 'modified';
}

function changeCell(t: TrackResult): string {
  if (!t.changes) return t.status === 'unchanged' ? 'same content as the latest version' : '';
  const c = t.changes;
  const against = t.previousVersion ? `vs v${t.previousVersion}` : 'first version';
  const delta = c.bytesAfter - c.bytesBefore;
  return `+${c.added} ~${c.modified} −${c.deleted} (${delta >= 0 ? '+' : ''}${formatBytes(delta)}) ${against}`;
}

/** The job summary of a record run. Every user-controlled string is escaped. */
export function renderRecordSummary(
  result: RecordResult,
  opts: { runUrl?: string | undefined; reason?: string | undefined },
): string {
  const out: string[] = ['## Snapback: record', ''];
  out.push(
    '| Track | Result | Version | Label | Files | Size | Changes |',
    '| --- | --- | --- | --- | ---: | ---: | --- |',
  );
  for (const t of result.tracks) {
    out.push(
      `| ${cell(t.track)} | ${STATUS[t.status]}${t.foundAgain ? ' (found after a retry)' : ''} | v${t.version} | ${cell(t.label)} | ${t.files} | ${formatBytes(t.bytes)} | ${changeCell(t)} |`,
    );
  }
  out.push('');
  for (const t of result.tracks) {
    const changes = t.changes?.changes ?? [];
    if (changes.length === 0) continue;
    out.push(
      `<details><summary>${htmlText(t.track)}: ${changes.length} file${changes.length === 1 ? '' : 's'} changed</summary>`,
      '',
    );
    if (changes.length > FOLD_AFTER) {
      out.push(...folderTable(changes.map((c) => ({ path: c.path, kind: kindOf(c.status) }))), '');
    }
    out.push('| | File | Before | After |', '| --- | --- | ---: | ---: |');
    for (const c of changes.slice(0, MAX_LISTED_FILES)) {
      const mark =
        c.status === 'A'
          ? 'added'
          : c.status === 'D'
            ? 'deleted'
            : c.status === 'T'
              ? 'type changed'
              : 'modified';
      out.push(
        `| ${mark} | ${cell(c.path)} | ${c.oldOid ? formatBytes(c.oldSize) : ''} | ${c.newOid ? formatBytes(c.newSize) : ''} |`,
      );
    }
    if (changes.length > MAX_LISTED_FILES) {
      const diff = t.previousVersion
        ? `a \`diff\` from v${t.previousVersion} to v${t.version} (its \`changes-file\` output)`
        : `\`git ls-tree -r ${t.ref}\``;
      out.push('', cutNotice(MAX_LISTED_FILES, changes.length, diff));
    }
    out.push('', '</details>', '');
  }
  const facts: string[] = [`Source commit \`${result.sourceCommit.slice(0, 12)}\``];
  if (opts.reason) facts.push(`reason: ${cell(opts.reason, 300)}`);
  if (opts.runUrl) facts.push(link('this run', opts.runUrl));
  out.push(facts.join(' · '), '');
  out.push(
    'Inspect with plain git:',
    '```sh',
    "git fetch origin 'refs/versions/*:refs/versions/*' 'refs/notes/versions:refs/notes/versions'",
    ...result.tracks.slice(0, 3).map((t) => `git log --notes=versions -1 ${t.ref}`),
    '```',
  );
  return `${out.join('\n')}\n`;
}
