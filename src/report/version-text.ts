/**
 * Terminal text for the commands that read versions: `list`/`log` and `show`. Every value that
 * came from the registry (labels, reasons, metadata, paths) passes through `printable`, so a
 * crafted one cannot move the cursor or fake a line.
 */
import { formatBytes } from '../core/size.js';
import { printable } from '../core/track-name.js';
import type { VersionInfo } from '../core/version-info.js';
import type { ListResult } from '../commands/list.js';
import type { ShowResult } from '../commands/show.js';

const p = (value: string, max = 200) => printable(value, max);

function when(at: string | undefined): string {
  return at ? at.slice(0, 16).replace('T', ' ') : '?';
}

function changes(v: VersionInfo): string {
  const c = v.changes;
  return c ? `+${c.added} ~${c.modified} -${c.deleted}` : '';
}

function inline(values: Record<string, unknown> | undefined): string {
  if (!values) return '';
  return Object.entries(values)
    .map(([k, x]) => `${p(k, 60)}=${p(typeof x === 'string' ? x : JSON.stringify(x), 80)}`)
    .join(' ');
}

/** One line per version: `v12  2024-05-01 12:00  1.4.0  alice  3 files 1.2 KB  +1 ~2 -0  f1=0.93  (production)  reason`. */
function versionLine(v: VersionInfo): string {
  const parts = [
    `v${v.version}`,
    when(v.at),
    p(v.label ?? '', 60) || '-',
    p(v.actor ?? '', 60) || '-',
    v.files === undefined
      ? ''
      : `${v.files} file${v.files === 1 ? '' : 's'} ${formatBytes(v.bytes ?? 0)}`,
    changes(v),
    inline(v.metrics),
    v.aliases.length > 0 ? `(${v.aliases.map((a) => p(a, 64)).join(', ')})` : '',
    p(v.reason ?? ''),
  ];
  return parts.filter((x) => x !== '').join('  ');
}

export function listText(result: ListResult, verbose: boolean): string {
  const out: string[] = [];
  for (const t of result.tracks) {
    const shown = t.versions.length < t.total ? `, showing ${t.versions.length}` : '';
    out.push(`${t.track}: ${t.total} version${t.total === 1 ? '' : 's'}${shown}`);
    for (const v of t.versions) {
      out.push(`  ${versionLine(v)}`);
      if (!verbose) continue;
      out.push(`      commit ${v.commit}${v.sourceCommit ? `  source ${v.sourceCommit}` : ''}`);
      if (v.metadata) out.push(`      metadata ${inline(v.metadata)}`);
      for (const f of v.fileList ?? [])
        out.push(`      ${formatBytes(f.size).padStart(10)}  ${p(f.path)}`);
    }
  }
  return out.length > 0 ? `${out.join('\n')}\n` : 'The registry has no versions yet.\n';
}

function eventLine(e: ShowResult['events'][number]): string {
  const str = (x: unknown) => (typeof x === 'string' ? p(x) : '');
  const what =
    e.event === 'promoted'
      ? `promoted to ${str(e.alias)}${typeof e.from === 'number' ? ` (from v${e.from})` : ''}${e.auto ? ' by rule' : ''}`
      : e.event === 'demoted'
        ? `removed from ${str(e.alias)}`
        : e.event === 'rolled-back'
          ? `restored as v${String(e.restoredAs)}`
          : p(String(e.event), 40);
  const by = [str(e.actor), str(e.reason)].filter(Boolean).join(': ');
  return `${when(e.at)}  ${what}${by ? `  ${by}` : ''}`;
}

export function showText(r: ShowResult): string {
  const out = [
    `${r.track} v${r.version}${r.via !== `v${r.version}` ? ` (${p(r.via, 64)})` : ''}`,
    `  commit   ${r.commit}`,
  ];
  const row = (k: string, v: string | undefined) => {
    if (v) out.push(`  ${k.padEnd(8)} ${v}`);
  };
  row('label', r.label && p(r.label));
  row('date', r.at && when(r.at));
  row('actor', r.actor && p(r.actor));
  row('reason', r.reason && p(r.reason, 500));
  row('source', r.sourceCommit && p(r.sourceCommit, 64));
  row('run', r.runUrl && p(r.runUrl, 300));
  row('aliases', r.aliases.map((a) => p(a, 64)).join(', '));
  row('rollback', r.rollbackOf === undefined ? undefined : `of v${r.rollbackOf}`);
  row(
    'size',
    `${r.fileList.length} file${r.fileList.length === 1 ? '' : 's'}, ${formatBytes(r.fileList.reduce((n, f) => n + f.size, 0))}`,
  );
  row('changes', changes(r));
  row('metrics', inline(r.metrics));
  row('metadata', inline(r.metadata));
  if (r.unreadable) out.push('  ! the snapshot commit has no readable snapback trailers');
  out.push('  trailers:');
  for (const [k, v] of Object.entries(r.trailers)) out.push(`    ${p(k, 60)}: ${p(v, 500)}`);
  if (r.events.length > 0) {
    out.push('  events:');
    for (const e of r.events) out.push(`    ${eventLine(e)}`);
  }
  out.push('  files:');
  for (const f of r.fileList) out.push(`    ${formatBytes(f.size).padStart(10)}  ${p(f.path)}`);
  return `${out.join('\n')}\n`;
}
