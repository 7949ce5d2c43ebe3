/** Job summaries of the commands that change the registry: prune, promote, demote. Pure. */
import type { PruneResult } from '../commands/prune.js';
import type { AliasResult } from '../commands/promote.js';
import type { PromotionOutcome } from '../commands/record.js';
import type { KeepReason } from '../core/retention.js';
import { describePolicy } from '../core/retention.js';
import { cell, escapeMarkdown } from './markdown.js';
import { ranges } from './render-status.js';

const WHY: Record<KeepReason, string> = {
  newest: 'among the newest',
  young: 'young enough',
  aliased: 'aliased',
  'age-unknown': 'age unknown (no notes)',
};

export function renderPrune(result: PruneResult): string {
  const title = result.dryRun
    ? '## Snapback: prune (dry run, nothing deleted)'
    : '## Snapback: prune';
  const out = [title, '', '| Track | Policy | Pruned | Kept |', '| --- | --- | --- | --- |'];
  for (const t of result.tracks) {
    const kept = t.kept
      .map((k) => `v${k.n}${k.why.includes('aliased') ? ' (aliased)' : ''}`)
      .join(', ');
    out.push(
      `| ${cell(t.track)} | ${escapeMarkdown(describePolicy(t.policy))} | ${t.pruned.length ? `${ranges(t.pruned)} (${t.pruned.length})` : 'none'} | ${kept || 'none'} |`,
    );
  }
  out.push('');
  const reasons = result.tracks.flatMap((t) =>
    t.kept
      .filter((k) => !k.why.includes('newest'))
      .map((k) => `- ${cell(t.track)} v${k.n}: ${k.why.map((w) => WHY[w]).join(', ')}`),
  );
  if (reasons.length > 0) out.push('Kept beyond the newest:', '', ...reasons.slice(0, 100), '');
  return out.join('\n');
}

export function renderAlias(r: AliasResult, reason: string | undefined): string {
  const alias = `\`${escapeMarkdown(r.alias)}\``;
  const lines = ['## Snapback: alias', ''];
  const from = r.previousVersion !== null ? `v${r.previousVersion}` : 'nothing';
  switch (r.operation) {
    case 'promoted':
      lines.push(`${alias} of ${cell(r.track)} moved from ${from} to **v${r.version}**.`);
      break;
    case 'demoted':
      lines.push(`${alias} of ${cell(r.track)} removed (it pointed at ${from}).`);
      break;
    case 'unchanged':
      lines.push(
        r.version !== null
          ? `${alias} of ${cell(r.track)} already points at v${r.version}; nothing changed.`
          : `${cell(r.track)} has no alias ${alias}; nothing changed.`,
      );
      break;
    case 'dry-run':
      lines.push(
        r.version !== null
          ? `Dry run: ${alias} of ${cell(r.track)} would move from ${from} to v${r.version}.`
          : `Dry run: ${alias} of ${cell(r.track)} would be removed (it points at ${from}).`,
      );
      break;
  }
  if (reason) lines.push('', `Reason: ${cell(reason, 500)}`);
  lines.push('');
  return lines.join('\n');
}

/** The record summary's promotion lines. */
export function renderPromotions(
  tracks: readonly { track: string; version: number; promotion?: PromotionOutcome | undefined }[],
  dryRun: boolean,
): string {
  const rows = tracks.filter((t) => t.promotion);
  if (rows.length === 0) return '';
  const out = [
    '### Auto-promotion',
    '',
    '| Track | Alias | Decision | Why |',
    '| --- | --- | --- | --- |',
  ];
  for (const t of rows) {
    const p = t.promotion!;
    const decision = p.promoted
      ? `${dryRun ? 'would promote' : 'promoted'} v${t.version}${p.from !== null ? ` (was v${p.from})` : ''}`
      : `kept ${p.from !== null ? `v${p.from}` : 'unset'}`;
    out.push(`| ${cell(t.track)} | ${cell(p.alias)} | ${decision} | ${cell(p.reason, 300)} |`);
  }
  out.push('');
  return out.join('\n');
}
