/** `import`: tags matching a pattern become versions of a track, in tag order. */
import { importTags, type ImportResult } from '../commands/import.js';
import { InputError } from '../errors.js';
import { NO_POLICIES, resolveTracks } from '../inputs.js';
import { tagMatcher } from '../core/tag-order.js';
import { importText } from '../report/maintenance-text.js';
import type { TrackSpec } from '../commands/record.js';
import { defineOperation } from './types.js';
import { DRY_RUN, TRACK_OPTIONS } from './options.js';
import { flag } from './registry-options.js';

interface ImportOpOptions {
  track: TrackSpec;
  tags: string;
  dryRun: boolean;
}

export const importOperation = defineOperation<ImportOpOptions, ImportResult>({
  name: 'import',
  summary: 'adopt tags matching --tags as versions of a track, in tag order, labelled by the tag',
  hosts: ['cli'],
  options: [
    { name: 'tags', doc: 'a glob over tag names (v*, release-*)', placeholder: 'glob' },
    ...TRACK_OPTIONS.filter((o) => o.name !== 'metrics'),
    DRY_RUN,
  ],

  async parse(inputs, env) {
    const tags = inputs.get('tags').trim();
    if (!tags) {
      throw new InputError(
        'tags',
        'is required: which tags to adopt.',
        "Give a glob over tag names, for example --tags 'v*'.",
      );
    }
    tagMatcher(tags, 'tags');
    const tracks = await resolveTracks(
      {
        track: inputs.get('track'),
        paths: inputs.get('paths'),
        config: inputs.get('config'),
        maxFileSize: inputs.get('max-file-size'),
        includeWorkflows: inputs.get('include-workflows'),
        // Imported versions carry no metrics, and adopting history moves no alias.
        metrics: '',
        policies: NO_POLICIES,
      },
      env.workspace,
    );
    if (tracks.length !== 1) {
      throw new InputError(
        'track',
        `import fills one track, and the config file declares ${tracks.length}.`,
        'Name it with --track.',
      );
    }
    return { track: tracks[0]!, tags, dryRun: flag(inputs, 'dry-run') };
  },

  async run(env, opts) {
    return importTags(
      { git: await env.openGit(), log: (m) => env.log(m), progress: env.progress },
      { ...opts, actor: env.context.actor },
    );
  },

  text: (result) => importText(result),
});
