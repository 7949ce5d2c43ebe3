/** `show <selector>`: one version whole. */
import { show, type ShowResult } from '../commands/show.js';
import { showText } from '../report/version-text.js';
import { defineOperation } from './types.js';
import { ONE_TRACK, SELECTOR, trackOf } from './registry-options.js';

interface ShowOpOptions {
  track: string | undefined;
  selector: string;
}

export const showOperation = defineOperation<ShowOpOptions, ShowResult>({
  name: 'show',
  summary: 'one version whole: trailers, metadata, metrics, events and files with sizes',
  hosts: ['cli'],
  options: [SELECTOR, ONE_TRACK],

  async parse(inputs) {
    return { track: trackOf(inputs), selector: inputs.get('version').trim() || 'latest' };
  },

  async run(env, opts) {
    return show({ git: await env.openGit() }, opts);
  },

  text: (result) => showText(result),
});
