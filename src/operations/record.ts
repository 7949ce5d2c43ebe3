/**
 * `record`: each track's files as its next version; then, for the tracks that configure
 * retention, a prune (a separate update: a failed prune must not undo a recorded version).
 */
import { record, type RecordResult, type TrackSpec } from '../commands/record.js';
import { prune, type PruneResult } from '../commands/prune.js';
import { parseBoolean, parseJsonObject, parseNonNegativeInt, resolveTracks } from '../inputs.js';
import { resolveLabel } from '../workspace/label-sources.js';
import { renderRecordSummary } from '../report/render-record.js';
import { renderPromotions, renderPrune } from '../report/render-registry.js';
import { actorOf, defineOperation, type ActionMessage } from './types.js';
import {
  DRY_RUN,
  POLICY_OPTIONS,
  REASON,
  TRACK_OPTIONS,
  reasonOf,
  trackInputs,
} from './options.js';
import { prunedOutput, pruneLines } from './prune.js';

interface RecordOpOptions {
  tracks: TrackSpec[];
  reason: string | undefined;
  metadata: Record<string, unknown> | undefined;
  expectedVersion: number | undefined;
  dryRun: boolean;
}

export interface RecordOpResult {
  record: RecordResult;
  /** The retention run after recording; undefined when no track configures retention. */
  pruned: PruneResult | undefined;
}

export const recordOperation = defineOperation<RecordOpOptions, RecordOpResult>({
  name: 'record',
  summary: 'record the files of each track as its next version',
  hosts: ['action', 'cli'],
  options: [
    ...TRACK_OPTIONS,
    REASON,
    { name: 'metadata', doc: 'JSON object stored with the version', placeholder: 'json' },
    {
      name: 'expected-version',
      doc: "fail unless the track's latest version is n",
      placeholder: 'n',
    },
    DRY_RUN,
    ...POLICY_OPTIONS,
  ],
  outputs: [
    'recorded',
    'versions',
    'results',
    'version',
    'ref',
    'commit',
    'previous-version',
    'label',
    'promoted',
    'promotion-reason',
    'pruned',
  ],

  async parse(inputs, env) {
    const tracks = await resolveTracks(trackInputs(inputs), env.workspace);
    const metadataText = inputs.get('metadata').trim();
    return {
      tracks,
      metadata: metadataText ? parseJsonObject(metadataText, 'metadata') : undefined,
      expectedVersion: parseNonNegativeInt(inputs.get('expected-version'), 'expected-version'),
      dryRun: parseBoolean(inputs.get('dry-run'), 'dry-run'),
      reason: reasonOf(inputs),
    };
  },

  async run(env, opts) {
    const git = await env.openGit();
    const result = await record(
      {
        git,
        resolveLabel: (source) => resolveLabel(git, source),
        log: (m) => env.log(m),
        progress: env.progress,
        ...(env.checkpoint ? { checkpoint: env.checkpoint } : {}),
      },
      { ...opts, context: env.context },
    );
    const retained = opts.tracks.filter((t) => t.retention);
    const pruned =
      retained.length === 0
        ? undefined
        : await prune(
            { git, log: (m) => env.log(m), progress: env.progress },
            {
              tracks: retained.map((t) => ({ name: t.name, policy: t.retention! })),
              dryRun: opts.dryRun,
              by: actorOf(env, 'retention after recording'),
            },
          );
    return { record: result, pruned };
  },

  action({ record: result, pruned }, opts, scene) {
    const first = result.tracks[0]!;
    const single = result.tracks.length === 1;
    const promotions = result.tracks.filter((t) => t.promotion);
    const outputs: Record<string, string> = {
      recorded: String(result.tracks.some((t) => t.status === 'recorded')),
      versions: JSON.stringify(Object.fromEntries(result.tracks.map((t) => [t.track, t.version]))),
      results: JSON.stringify(
        result.tracks.map((t) => ({
          track: t.track,
          status: t.status,
          version: t.version,
          'previous-version': t.previousVersion,
          ref: t.ref,
          commit: t.commit,
          label: t.label,
          files: t.files,
          bytes: t.bytes,
        })),
      ),
      ...(single
        ? {
            version: String(first.version),
            ref: first.ref,
            commit: first.commit ?? '',
            'previous-version': first.previousVersion === null ? '' : String(first.previousVersion),
            label: first.label,
          }
        : {}),
      promoted: String(promotions.some((t) => t.promotion!.promoted)),
      'promotion-reason':
        promotions.length === 1 && single
          ? promotions[0]!.promotion!.reason
          : promotions.map((t) => `${t.track}: ${t.promotion!.reason}`).join('\n'),
      pruned: pruned
        ? prunedOutput(pruned, opts.tracks.length)
        : JSON.stringify(opts.tracks.length === 1 ? [] : {}),
    };
    const messages: ActionMessage[] = [];
    for (const t of result.tracks) {
      if (t.status === 'recorded') {
        messages.push({
          level: 'notice',
          text: `Recorded ${t.track} v${t.version} (${t.label}): ${t.files} files, ref ${t.ref}`,
        });
      } else if (t.status === 'unchanged') {
        messages.push({
          level: 'info',
          text: `${t.track}: unchanged since v${t.version}; nothing recorded.`,
        });
      } else {
        messages.push({ level: 'info', text: `${t.track}: dry run, would record v${t.version}.` });
      }
    }
    for (const t of promotions) {
      const p = t.promotion!;
      const verb = opts.dryRun ? 'would be promoted' : 'promoted';
      messages.push(
        p.promoted
          ? {
              level: 'notice',
              text: `${t.track} v${t.version} ${verb} to '${p.alias}': ${p.reason}`,
            }
          : {
              level: 'info',
              text: `${t.track} v${t.version} not promoted to '${p.alias}': ${p.reason}`,
            },
      );
    }
    const summary =
      renderRecordSummary(result, { runUrl: scene.runUrl, reason: opts.reason }) +
      renderPromotions(result.tracks, opts.dryRun) +
      (pruned ? renderPrune(pruned) : '');
    return { outputs, messages, summary };
  },

  text({ record: result, pruned }, opts) {
    let out = '';
    for (const t of result.tracks) {
      const what =
        t.status === 'recorded'
          ? 'recorded'
          : t.status === 'unchanged'
            ? 'unchanged at'
            : 'would record';
      out += `${t.track}: ${what} v${t.version} (${t.label}) ${t.ref}${t.commit ? ` ${t.commit}` : ''}\n`;
      if (t.promotion) {
        out += `  ${t.promotion.alias}: ${t.promotion.promoted ? (opts.dryRun ? 'would promote' : 'promoted') : 'not promoted'} (${t.promotion.reason})\n`;
      }
    }
    if (pruned) out += pruneLines(pruned, { onlyPruned: true });
    return out;
  },
});
