/** `list` (and `log`, the same command): versions per track, newest first. */
import { list, type ListResult } from '../commands/list.js';
import { parseLimit, parseSince } from '../core/version-filter.js';
import { listText } from '../report/version-text.js';
import { defineOperation } from './types.js';
import { flag, TRACKS, tracksOf } from './registry-options.js';

interface ListOpOptions {
  tracks: string[] | undefined;
  limit: number | undefined;
  since: Date | undefined;
  verbose: boolean;
}

function listCommand(name: 'list' | 'log') {
  return defineOperation<ListOpOptions, ListResult>({
    name,
    summary:
      name === 'list'
        ? 'versions per track, newest first, with label, date, actor, reason, size, changes and metrics'
        : 'the same as list',
    hosts: ['cli'],
    options: [
      TRACKS,
      { name: 'limit', doc: 'at most n versions per track', placeholder: 'n' },
      {
        name: 'since',
        doc: 'only versions recorded since a date (2024-05-01) or for a while (7d, 12h)',
        placeholder: 'when',
      },
      { name: 'verbose', doc: 'add metadata and the files of each version', type: 'boolean' },
    ],

    async parse(inputs, env) {
      const limit = inputs.get('limit').trim();
      const since = inputs.get('since').trim();
      return {
        tracks: tracksOf(inputs, env.host),
        limit: limit ? parseLimit(limit, 'limit') : undefined,
        since: since ? parseSince(since, 'since', new Date()) : undefined,
        verbose: flag(inputs, 'verbose'),
      };
    },

    async run(env, opts) {
      return list({ git: await env.openGit() }, opts);
    },

    text: (result, opts) => listText(result, opts.verbose),
  });
}

export const listOperation = listCommand('list');
export const logOperation = listCommand('log');
