/** `export <selector> --to DIR|FILE.tar`: a version's files as a folder or a tarball. */
import { exportVersion, type ExportResult } from '../commands/export.js';
import { InputError } from '../errors.js';
import { exportText } from '../report/maintenance-text.js';
import { defineOperation } from './types.js';
import { DRY_RUN } from './options.js';
import { flag, ONE_TRACK, SELECTOR, trackOf } from './registry-options.js';

interface ExportOpOptions {
  track: string | undefined;
  selector: string;
  to: string;
  dryRun: boolean;
}

export const exportOperation = defineOperation<ExportOpOptions, ExportResult>({
  name: 'export',
  summary: "a version's files into a new folder or a tarball (--to DIR or FILE.tar/.tgz)",
  hosts: ['cli'],
  options: [
    SELECTOR,
    ONE_TRACK,
    {
      name: 'to',
      doc: 'a new or empty folder, or a file ending in .tar, .tar.gz or .tgz',
      placeholder: 'dir|file.tar',
    },
    { ...DRY_RUN, doc: 'check and show what would be written, write nothing' },
  ],

  async parse(inputs) {
    const to = inputs.get('to').trim();
    if (!to) {
      throw new InputError(
        'to',
        'is required: where to put the files.',
        'Give a new folder (--to config-v3) or a tarball (--to config-v3.tar).',
      );
    }
    return {
      track: trackOf(inputs),
      selector: inputs.get('version').trim() || 'latest',
      to,
      dryRun: flag(inputs, 'dry-run'),
    };
  },

  async run(env, opts) {
    return exportVersion({ git: await env.openGit() }, { ...opts, cwd: process.cwd() });
  },

  text: (result) => exportText(result),
});
