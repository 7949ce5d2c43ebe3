/** `promote` and `demote`: move an alias of one track to a version, or remove it. */
import { demote, promote, type AliasResult } from '../commands/promote.js';
import { parseBoolean, resolveRegistryTracks } from '../inputs.js';
import { InputError } from '../errors.js';
import { assertAliasName } from '../core/track-name.js';
import { renderAlias } from '../report/render-registry.js';
import { actorOf, defineOperation, type OptionSpec } from './types.js';
import {
  DRY_RUN,
  POLICY_OPTIONS,
  REASON,
  TRACK_OPTIONS,
  reasonOf,
  trackInputs,
} from './options.js';

type Command = 'promote' | 'demote';

interface AliasOpOptions {
  track: string;
  alias: string;
  version: string;
  dryRun: boolean;
  reason: string | undefined;
}

export interface AliasOpResult extends AliasResult {
  reason: string | undefined;
  /** Why the alias moved, as the `promotion-reason` output says it. */
  promotionReason: string;
}

const SELECTOR: OptionSpec = {
  name: 'version',
  doc: 'the version: number, latest (default), previous, alias or semver range',
  positional: 'selector',
};

function aliasOperation(command: Command) {
  return defineOperation<AliasOpOptions, AliasOpResult>({
    name: command,
    summary:
      command === 'promote'
        ? 'point an alias (--alias, default active) at a version (default latest)'
        : 'remove an alias (--alias, default active)',
    hosts: ['action', 'cli'],
    options: [
      ...(command === 'promote' ? [SELECTOR] : []),
      ...TRACK_OPTIONS,
      ...POLICY_OPTIONS,
      REASON,
      DRY_RUN,
    ],
    outputs: ['promoted', 'version', 'previous-version', 'commit', 'promotion-reason'],

    async parse(inputs, env) {
      const named = await resolveRegistryTracks(trackInputs(inputs), env.workspace);
      const names = named.names;
      if (names?.length === 0) throw new InputError('track', `no track to ${command}.`);
      if (!names || names.length !== 1) {
        throw new InputError(
          'track',
          `${command} works on one track${names ? `, and the config file declares ${names.length}` : ''}.`,
          env.host === 'cli' ? 'Name it with --track.' : 'Name the track with the track input.',
        );
      }
      return {
        track: names[0]!,
        alias: assertAliasName(inputs.get('alias').trim() || 'active'),
        version: command === 'promote' ? inputs.get('version').trim() : '',
        dryRun: parseBoolean(inputs.get('dry-run'), 'dry-run'),
        reason: reasonOf(inputs),
      };
    },

    async run(env, opts) {
      const git = await env.openGit();
      const deps = { git, log: (m: string) => env.log(m), progress: env.progress };
      const by = actorOf(env, opts.reason);
      const result =
        command === 'promote'
          ? await promote(deps, { ...opts, by })
          : await demote(deps, { ...opts, by });
      return {
        ...result,
        reason: opts.reason,
        promotionReason:
          result.operation === 'promoted'
            ? (opts.reason ?? `promoted by ${env.context.actor ?? 'hand'}`)
            : '',
      };
    },

    action(result) {
      const summary = renderAlias(result, result.reason);
      const line = summary.split('\n')[2] ?? '';
      const moved = result.operation === 'promoted' || result.operation === 'demoted';
      return {
        outputs: {
          promoted: String(result.operation === 'promoted'),
          version: result.version === null ? '' : String(result.version),
          'previous-version': result.previousVersion === null ? '' : String(result.previousVersion),
          commit: result.commit ?? '',
          'promotion-reason': result.promotionReason,
        },
        messages: [
          moved
            ? { level: 'notice', text: line.replace(/\*\*/g, '') }
            : { level: 'info', text: line },
        ],
        summary,
      };
    },

    text(r) {
      const was = r.previousVersion === null ? 'nothing' : `v${r.previousVersion}`;
      const now = r.version === null ? 'nothing' : `v${r.version}`;
      const verb =
        r.operation === 'dry-run' ? 'would move' : r.operation === 'unchanged' ? 'stays' : 'moved';
      return `${r.track}: ${r.alias} ${verb} ${was} → ${now}\n`;
    },

    // Removing an alias the track does not have is a mistake on the command line (the Action
    // keeps it a no-op, so a cleanup step can run twice). A lost answer never lands here: the
    // session recognises its own landed change and does not look again.
    exitCode: (r) => (command === 'demote' && r.operation === 'unchanged' ? 1 : 0),
  });
}

export const promoteOperation = aliasOperation('promote');
export const demoteOperation = aliasOperation('demote');
