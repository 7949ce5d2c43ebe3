/**
 * Markdown for diffs: the job summary and the sticky PR comment. Both are built against a
 * character budget (GitHub refuses comments over 65,536 characters; a step summary over
 * 1 MiB), so a huge diff folds, then truncates with a count and a pointer to the full report.
 * Every file name, key and value passes through escaping: nothing user-controlled can open
 * HTML, break a table, start a code span or mention anyone.
 */
import type { DiffResult, FileDiff, TrackDiff } from '../commands/diff.js';
import type { KeyChange } from '../core/content-diff/index.js';
import { cell, escapeMarkdown, htmlText, link } from './markdown.js';
import { formatBytes } from '../core/size.js';
import { cutNotice, folderTable, FOLD_AFTER, type ChangeKind } from './file-list.js';

export const COMMENT_LIMIT = 65_536;
export const SUMMARY_LIMIT = 1_000_000;

export interface RenderOptions {
  /** Hidden first line that identifies the sticky comment. */
  marker?: string | undefined;
  /** Where the complete report is (the run's job summary). */
  fullReportUrl?: string | undefined;
  budget: number;
  /** "how this pull request changes", "changes from v3 to v5"… */
  heading?: string | undefined;
  /** On a pull request: what exactly is compared, and when and by which run it last changed. */
  pullRequest?: PullRequestContext | undefined;
}

export interface PullRequestContext {
  number: number;
  /** The pull request's head commit and the branch it merges into, from the event. */
  headSha?: string | undefined;
  baseRef?: string | undefined;
  /** ISO time of this run. */
  at: string;
  /** The `from` or `to` input was given: the sides are not the default ones. */
  customSides?: boolean | undefined;
  runUrl?: string | undefined;
}

/** The comment's last line: when its content last changed, and by which run. */
const FOOTER_PREFIX = '<sub>Last changed ';

function pullRequestPreamble(pr: PullRequestContext): string {
  // Escaped text, not a code span: escapes inside backticks would show as typed.
  const head = pr.headSha ? ` (head \`${pr.headSha.slice(0, 7)}\`` : '';
  const base =
    pr.headSha && pr.baseRef ? ` merged into ${cell(pr.baseRef, 100)})` : head ? ')' : '';
  if (pr.customSides) {
    return `Each track compared as its heading says (the \`from\` and \`to\` inputs), for pull request #${pr.number}${head}${base}.`;
  }
  return (
    `Each track's **active version** (its latest when no \`active\` alias is set) against the ` +
    `files of pull request #${pr.number}${head}${base} as this run checked them out, generated files included.`
  );
}

function pullRequestFooter(pr: PullRequestContext): string {
  const when = `${pr.at.slice(0, 16).replace('T', ' ')} UTC`;
  return `${FOOTER_PREFIX}${when}${pr.runUrl ? ` by ${link('this run', pr.runUrl)}` : ''}.</sub>`;
}

/**
 * Whether an existing comment already shows the same changes: everything but the footer is
 * equal. Then the comment is left as it is, and its footer still says when it last changed.
 */
export function sameComment(existing: string, next: string): boolean {
  const strip = (body: string) =>
    body
      .split('\n')
      .filter((line) => !line.startsWith(FOOTER_PREFIX))
      .join('\n')
      .trimEnd();
  return strip(existing) === strip(next);
}

const STATUS: Record<FileDiff['status'], string> = {
  A: '🟢 added',
  M: '🟡 modified',
  D: '🔴 deleted',
  R: '🔵 renamed',
  T: '🟣 type changed',
};

const KIND: Record<FileDiff['status'], ChangeKind> = {
  A: 'added',
  M: 'modified',
  T: 'modified',
  D: 'deleted',
  R: 'renamed',
};

const MAX_KEYS_PER_FILE = 50;
const MAX_VALUE = 80;

function value(v: unknown): string {
  if (v === undefined) return '';
  const text = JSON.stringify(v) ?? String(v);
  return cell(text, MAX_VALUE);
}

function sizes(f: FileDiff): string {
  const before = f.oldOid ? formatBytes(f.oldSize) : '—';
  const after = f.newOid ? formatBytes(f.newSize) : '—';
  return f.status === 'A' ? after : f.status === 'D' ? before : `${before} → ${after}`;
}

function detailOf(f: FileDiff): string {
  const c = f.content;
  if (!c) return '';
  if (c.kind === 'structured')
    return `${c.keys?.length ?? 0} key${c.keys?.length === 1 ? '' : 's'}`;
  if (c.kind === 'binary') return 'binary';
  const lines = c.lines ? `+${c.lines.added} −${c.lines.removed} lines` : '';
  return c.note ? `${lines} (${cell(c.note, 120)})` : lines;
}

function fileRow(f: FileDiff): string {
  const name =
    f.status === 'R'
      ? `${cell(f.oldPath)} → ${cell(f.path)} (${f.similarity ?? 100}%)`
      : cell(f.path);
  return `| ${STATUS[f.status]} | ${name} | ${sizes(f)} | ${detailOf(f)} |`;
}

function keyBlock(f: FileDiff): string {
  const keys: KeyChange[] = f.content?.keys ?? [];
  if (keys.length === 0) return '';
  const rows = keys
    .slice(0, MAX_KEYS_PER_FILE)
    .map(
      (k) => `| ${k.kind} | ${cell(k.path || '(root)')} | ${value(k.before)} | ${value(k.after)} |`,
    );
  const more =
    keys.length > MAX_KEYS_PER_FILE ? `\n\n…and ${keys.length - MAX_KEYS_PER_FILE} more keys.` : '';
  return [
    `<details><summary>${htmlText(f.path)}: ${keys.length} key${keys.length === 1 ? '' : 's'} changed</summary>`,
    '',
    '| Change | Key | Before | After |',
    '| --- | --- | --- | --- |',
    ...rows,
    `${more}`,
    '</details>',
    '',
  ].join('\n');
}

function counts(t: TrackDiff): string {
  const by = (s: FileDiff['status']) => t.files.filter((f) => f.status === s).length;
  const parts = [
    [by('A'), 'added'],
    [by('M') + by('T'), 'modified'],
    [by('R'), 'renamed'],
    [by('D'), 'deleted'],
  ]
    .filter(([n]) => (n as number) > 0)
    .map(([n, w]) => `${n} ${w}`);
  return `**${t.files.length} file${t.files.length === 1 ? '' : 's'} changed**: ${parts.join(', ')}`;
}

/** Appends pieces while they fit; remembers what did not. */
class Budget {
  private parts: string[] = [];
  private used = 0;
  constructor(private readonly limit: number) {}
  // Counted in UTF-8 bytes, which is what the summary's 1 MiB limits and never less than the
  // characters a comment's limit counts: names in other scripts take 2-4 bytes a character.
  fits(text: string): boolean {
    return this.used + Buffer.byteLength(text) + 1 <= this.limit;
  }
  add(text: string): boolean {
    if (!this.fits(text)) return false;
    this.parts.push(text);
    this.used += Buffer.byteLength(text) + 1;
    return true;
  }
  get remaining(): number {
    return this.limit - this.used;
  }
  toString(): string {
    return this.parts.join('\n');
  }
}

/** Room kept for the closing pointer to the full report, and for each track's notices. */
const RESERVE = 400;
const NOTICE_ROOM = 300;

export function renderDiff(result: DiffResult, opts: RenderOptions): string {
  const out = new Budget(opts.budget - RESERVE);
  if (opts.marker) out.add(opts.marker);
  out.add(`## Snapback: ${opts.heading ?? 'changes'}`);
  out.add('');
  if (opts.pullRequest) {
    out.add(pullRequestPreamble(opts.pullRequest));
    out.add('');
  }
  const where = opts.fullReportUrl
    ? `${link('the job summary of this run', opts.fullReportUrl)} and the \`changes-file\` output`
    : 'the `changes-file` output of this run';
  result.tracks.forEach((t, i) => {
    out.add(
      `### ${escapeMarkdown(t.track)}: ${escapeMarkdown(t.from.describe)} → ${escapeMarkdown(t.to.describe)}`,
    );
    out.add('');
    if (t.nothingToCompare) {
      out.add(`Nothing to compare against: ${escapeMarkdown(t.nothingToCompare)}.`);
      out.add('');
      return;
    }
    if (t.files.length === 0) {
      out.add(`No changes: the files are identical.`);
      out.add('');
      return;
    }
    out.add(counts(t));
    out.add('');
    // A long list: where the changes are, by folder, first; the files themselves folded.
    const fold = t.files.length > FOLD_AFTER;
    if (fold) {
      out.add(folderTable(t.files.map((f) => ({ path: f.path, kind: KIND[f.status] }))).join('\n'));
      out.add('');
    }
    // Later tracks keep a fair share of what is left, and each keeps room for its notices.
    const share = Math.floor(out.remaining / (result.tracks.length - i));
    const track = new Budget(share - NOTICE_ROOM);
    if (fold) {
      track.add(`<details><summary>All ${t.files.length.toLocaleString('en-US')} files</summary>`);
      track.add('');
    }
    track.add('| Change | File | Size | Details |');
    track.add('| --- | --- | --- | --- |');
    let shown = 0;
    for (const f of t.files) {
      if (!track.add(fileRow(f))) break;
      shown++;
    }
    track.add('');
    let keysShown = true;
    for (const f of t.files.slice(0, shown)) {
      const block = keyBlock(f);
      if (block && !track.add(block)) keysShown = false;
    }
    out.add(track.toString());
    // NOTICE_ROOM keeps space for the closing tag and the notices below.
    if (fold) out.add('</details>\n');
    if (shown < t.files.length) {
      out.add(cutNotice(shown, t.files.length, where));
      out.add('');
    } else if (!keysShown) {
      out.add(
        `Some key-level changes are not shown to stay within GitHub's size limit; all are in ${where}.`,
      );
      out.add('');
    }
    if (t.contentSkipped > 0) {
      out.add(
        `_Contents of ${t.contentSkipped} large or numerous files were not compared; they are listed by name only._`,
      );
      out.add('');
    }
  });
  let text = out.toString();
  if (opts.pullRequest) text += `\n\n${pullRequestFooter(opts.pullRequest)}`;
  // A last guard; the budget above already keeps well inside the limit.
  return Buffer.byteLength(text) > opts.budget ? cutUtf8(text, opts.budget) : `${text}\n`;
}

/**
 * The longest start of `text` that fits in `maxBytes` of UTF-8, cut between characters: a cut
 * inside one would decode to U+FFFD, three bytes, and could end up over the limit.
 */
export function cutUtf8(text: string, maxBytes: number): string {
  const bytes = Buffer.from(text);
  if (bytes.length <= maxBytes) return text;
  let end = Math.max(0, maxBytes);
  // Continuation bytes look like 10xxxxxx: step back to the first byte of that character.
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end).toString('utf8');
}
