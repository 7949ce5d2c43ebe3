/**
 * `verify`: the registry's invariants, checked on the server. Offered to the Action too, for a
 * scheduled job: problems fail the step, each named in the log and the job summary.
 */
import { verify, type VerifyResult } from '../commands/verify.js';
import { escapeMarkdown } from '../report/markdown.js';
import { verifyText } from '../report/maintenance-text.js';
import { defineOperation } from './types.js';
import { TRACKS, tracksOf } from './registry-options.js';

interface VerifyOpOptions {
  tracks: string[] | undefined;
}

export const verifyOperation = defineOperation<VerifyOpOptions, VerifyResult>({
  name: 'verify',
  summary: "check the registry's invariants; exits non-zero naming each problem",
  hosts: ['action', 'cli'],
  options: [TRACKS],
  outputs: ['problems'],

  async parse(inputs, env) {
    return { tracks: tracksOf(inputs, env.host) };
  },

  async run(env, opts) {
    return verify({ git: await env.openGit(), progress: env.progress }, opts);
  },

  action(result) {
    const heading = result.ok
      ? `### Registry verified\n\n${result.tracks.length} tracks, ${result.versions} versions, ${result.aliases} aliases: no problem found.\n`
      : `### Registry problems\n\n${result.problems.map((p) => `- **${p.kind}**: ${escapeMarkdown(p.message)}`).join('\n')}\n`;
    return {
      outputs: { problems: String(result.problems.length) },
      messages: result.problems.map((p) => ({
        level: 'warning' as const,
        text: p.message,
        title: `snapback verify: ${p.kind}`,
      })),
      summary: heading,
      ...(result.ok
        ? {}
        : {
            failure: `The registry has ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'} (listed above and in the job summary).`,
          }),
    };
  },

  text: (result) => verifyText(result),
  exitCode: (result) => (result.ok ? 0 : 1),
});
