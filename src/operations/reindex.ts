/** `reindex`: rebuild the notes index from the version refs and their trailers. */
import { reindex, type ReindexResult } from '../commands/reindex.js';
import { reindexText } from '../report/maintenance-text.js';
import { defineOperation } from './types.js';
import { DRY_RUN } from './options.js';
import { flag, TRACKS, tracksOf } from './registry-options.js';

interface ReindexOpOptions {
  tracks: string[] | undefined;
  dryRun: boolean;
}

export const reindexOperation = defineOperation<ReindexOpOptions, ReindexResult>({
  name: 'reindex',
  summary: 'rebuild the notes index from the version refs and trailers (not promotion history)',
  hosts: ['cli'],
  options: [TRACKS, DRY_RUN],

  async parse(inputs, env) {
    return { tracks: tracksOf(inputs, env.host), dryRun: flag(inputs, 'dry-run') };
  },

  async run(env, opts) {
    return reindex(
      { git: await env.openGit(), log: (m) => env.log(m), progress: env.progress },
      opts,
    );
  },

  text: (result) => reindexText(result),
});
