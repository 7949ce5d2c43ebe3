/**
 * `prune`: retention on the named tracks, the config file's, or else every track the registry
 * holds; a track without a policy keeps its newest DEFAULT_KEEP_LAST.
 */
import { prune, type PruneResult } from '../commands/prune.js';
import {
  DEFAULT_KEEP_LAST,
  parseBoolean,
  resolveRegistryTracks,
  type RegistryTracks,
} from '../inputs.js';
import { InputError } from '../errors.js';
import { tracksIn } from '../registry/registry.js';
import { VERSIONS_PREFIX } from '../core/refs.js';
import { renderPrune } from '../report/render-registry.js';
import { actorOf, defineOperation } from './types.js';
import {
  DRY_RUN,
  POLICY_OPTIONS,
  REASON,
  TRACK_OPTIONS,
  reasonOf,
  trackInputs,
} from './options.js';

interface PruneOpOptions {
  named: RegistryTracks;
  dryRun: boolean;
  reason: string | undefined;
}

/** The tracks named by the options, refusing an empty list (a config file without tracks). */
export function namedTracks(named: RegistryTracks, command: string): string[] | undefined {
  if (named.names && named.names.length === 0) {
    throw new InputError('track', `no track to ${command}.`);
  }
  return named.names;
}

/** `pruned`: a list of numbers for one track, an object of lists by track for several. */
export function prunedOutput(result: PruneResult, tracks: number): string {
  return JSON.stringify(
    tracks === 1 && result.tracks.length <= 1
      ? (result.tracks[0]?.pruned ?? [])
      : Object.fromEntries(result.tracks.map((t) => [t.track, t.pruned])),
  );
}

/** One line per track; `onlyPruned`: just the tracks that lost versions, without what stays. */
export function pruneLines(result: PruneResult, opts: { onlyPruned?: boolean } = {}): string {
  let out = '';
  for (const t of result.tracks) {
    const verb = result.dryRun ? 'would prune' : 'pruned';
    if (opts.onlyPruned) {
      if (t.pruned.length)
        out += `${t.track}: ${verb} ${t.pruned.map((n) => `v${n}`).join(', ')}\n`;
      continue;
    }
    const list = t.pruned.length ? t.pruned.map((n) => `v${n}`).join(', ') : 'nothing';
    out += `${t.track}: ${verb} ${list}; kept ${t.kept.map((k) => `v${k.n}`).join(', ') || 'nothing'}\n`;
  }
  return out;
}

export const pruneOperation = defineOperation<PruneOpOptions, PruneResult>({
  name: 'prune',
  summary: 'delete old versions (keeps the newest --keep-last, young and aliased ones)',
  hosts: ['action', 'cli'],
  options: [...TRACK_OPTIONS, ...POLICY_OPTIONS, REASON, DRY_RUN],
  outputs: ['pruned', 'results'],

  async parse(inputs, env) {
    const named = await resolveRegistryTracks(trackInputs(inputs), env.workspace);
    namedTracks(named, 'prune');
    return {
      named,
      dryRun: parseBoolean(inputs.get('dry-run'), 'dry-run'),
      reason: reasonOf(inputs),
    };
  },

  async run(env, { named, dryRun, reason }) {
    const git = await env.openGit();
    // The track names only: the listing, not the notes (the prune itself fetches what it reads).
    const names = named.names ?? tracksIn(await git.listRemoteRefs([VERSIONS_PREFIX]));
    return prune(
      { git, log: (m) => env.log(m), progress: env.progress },
      {
        tracks: names.map((name) => ({
          name,
          policy: named.policies(name).retention ?? { keepLast: DEFAULT_KEEP_LAST },
        })),
        dryRun,
        by: actorOf(env, reason),
      },
    );
  },

  action(result, { named }) {
    return {
      outputs: {
        pruned: prunedOutput(result, named.names?.length ?? result.tracks.length),
        results: JSON.stringify(
          result.tracks.map((t) => ({
            track: t.track,
            pruned: t.pruned,
            kept: t.kept.map((k) => k.n),
          })),
        ),
      },
      messages: result.tracks.map((t) => ({
        level: 'info' as const,
        text: `${t.track}: ${result.dryRun ? 'would prune' : 'pruned'} ${t.pruned.length ? t.pruned.map((n) => `v${n}`).join(', ') : 'nothing'}; kept ${t.kept.length}.`,
      })),
      summary: renderPrune(result),
    };
  },

  text: (result) => pruneLines(result),
});
