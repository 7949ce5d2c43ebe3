/** The rollback pull request's title, body and commit message, and its job summary. Pure. */
import type { DiffResult } from '../commands/diff.js';
import { renderDiff } from './render-diff.js';
import { escapeMarkdown, link } from './markdown.js';

export interface RollbackFacts {
  track: string;
  target: number;
  label: string | undefined;
  /** The version being replaced: the active one, else the latest. */
  replaces: number | null;
  base: string;
  reason?: string | undefined;
  runUrl?: string | undefined;
}

/** Trailer keys of the rollback commit; `record` reads them back after the merge. */
export const ROLLBACK_TRAILERS = {
  track: 'snapback-track',
  target: 'snapback-rollback-to',
  replaces: 'snapback-replaces',
  run: 'snapback-run-url',
} as const;

export function rollbackTitle(f: RollbackFacts): string {
  const label = f.label ? ` (${f.label.replace(/[\r\n]/g, ' ').slice(0, 80)})` : '';
  return `Roll back ${f.track} to v${f.target}${label}`;
}

export function rollbackCommitMessage(f: RollbackFacts): string {
  const oneLine = (s: string) => JSON.stringify(s).slice(1, -1);
  const lines = [
    rollbackTitle(f),
    '',
    `Puts the files of track ${f.track} back as version ${f.target} recorded them${f.replaces !== null ? `, replacing v${f.replaces}` : ''}.`,
  ];
  if (f.reason) lines.push('', `Reason: ${oneLine(f.reason)}`);
  lines.push(
    '',
    `${ROLLBACK_TRAILERS.track}: ${f.track}`,
    `${ROLLBACK_TRAILERS.target}: ${f.target}`,
  );
  if (f.replaces !== null) lines.push(`${ROLLBACK_TRAILERS.replaces}: ${f.replaces}`);
  if (f.runUrl) lines.push(`${ROLLBACK_TRAILERS.run}: ${f.runUrl}`);
  return `${lines.join('\n')}\n`;
}

/** The body: what the merge does, why, from which run, then the diff within `budget`. */
export function rollbackBody(f: RollbackFacts, diff: DiffResult, budget: number): string {
  const intro = [
    `Merging this puts the files of track **${escapeMarkdown(f.track)}** back as **v${f.target}**${f.label ? ` (${escapeMarkdown(f.label)})` : ''} recorded them${f.replaces !== null ? `, replacing v${f.replaces}` : ''}. Files outside the track are untouched.`,
    '',
  ];
  if (f.reason) intro.push(`Reason: ${escapeMarkdown(f.reason.slice(0, 500))}`, '');
  if (f.runUrl) intro.push(`Opened by ${link('this run', f.runUrl)}.`, '');
  intro.push(
    'After the merge, the next recording of the track notes that it rolled back to this version.',
    '',
  );
  const head = intro.join('\n');
  return `${head}\n${renderDiff(diff, {
    budget: budget - head.length - 1,
    heading: `what the merge changes in ${escapeMarkdown(f.base)}`,
    fullReportUrl: f.runUrl,
  })}`;
}

export function closedComment(f: RollbackFacts): string {
  return `${escapeMarkdown(f.base)} already holds the files of ${escapeMarkdown(f.track)} v${f.target}: nothing left to roll back, so snapback closed this pull request.`;
}
