/**
 * `rollback`: a pull request that puts a version's files back on the base branch.
 */
import { rollback, rollbackBranch, type RollbackResult } from '../commands/rollback.js';
import type { DiffTrack } from '../commands/diff.js';
import { parseBoolean, resolveDiffTracks } from '../inputs.js';
import { InputError, SnapbackError } from '../errors.js';
import { redact } from '../secrets.js';
import { renderDiff, COMMENT_LIMIT, SUMMARY_LIMIT } from '../report/render-diff.js';
import { escapeMarkdown, link } from '../report/markdown.js';
import { actorOf, defineOperation, type ActionMessage } from './types.js';
import {
  DRY_RUN,
  POLICY_OPTIONS,
  REASON,
  TRACK_OPTIONS,
  reasonOf,
  trackInputs,
} from './options.js';
import { diffOutputs, DIFF_OUTPUTS } from './diff.js';
import { repoRef, restOptions } from './github.js';

interface RollbackOpOptions {
  track: DiffTrack;
  includeWorkflows: boolean;
  version: string;
  base: string;
  dryRun: boolean;
  draft: boolean;
  reason: string | undefined;
  labels: string[];
  assignees: string[];
  reviewers: string[];
  prToken: string;
}

const LISTS = ['labels', 'assignees', 'reviewers'] as const;

export const rollbackOperation = defineOperation<RollbackOpOptions, RollbackResult>({
  name: 'rollback',
  summary: "open a pull request that puts a version's files back",
  hosts: ['action', 'cli'],
  options: [
    {
      name: 'version',
      doc: 'the version to put back (default: previous)',
      positional: 'selector',
    },
    { name: 'base', doc: 'the branch the pull request merges into', placeholder: 'branch' },
    { name: 'labels', doc: 'labels for the pull request', placeholder: 'list' },
    { name: 'assignees', doc: 'logins the pull request is assigned to', placeholder: 'list' },
    { name: 'reviewers', doc: 'logins asked to review the pull request', placeholder: 'list' },
    { name: 'draft', doc: 'open the pull request as a draft', type: 'boolean' },
    { name: 'pr-token', doc: 'token for the pull request calls', hosts: ['action'] },
    ...TRACK_OPTIONS,
    ...POLICY_OPTIONS,
    REASON,
    DRY_RUN,
  ],
  outputs: [
    ...DIFF_OUTPUTS,
    'branch',
    'pull-request-operation',
    'pull-request-number',
    'pull-request-url',
    'version',
    'commit',
  ],

  async parse(inputs, env) {
    const raw = trackInputs(inputs);
    const tracks = await resolveDiffTracks(raw, env.workspace);
    const named = (raw.track.trim() || 'default') !== 'default';
    if (tracks.length !== 1 && !named) {
      throw new InputError(
        'track',
        `rollback works on one track, and the config file declares ${tracks.length}.`,
        'Name the track to roll back with the track input.',
      );
    }
    const track = tracks[0]!;
    const lists = Object.fromEntries(LISTS.map((name) => [name, inputs.list(name)])) as Record<
      (typeof LISTS)[number],
      string[]
    >;
    for (const [input, values] of Object.entries(lists)) {
      for (const v of values) {
        if (!/^[^\u0000-\u001f,]{1,100}$/.test(v)) {
          throw new InputError(
            input,
            `'${v.slice(0, 40)}' is not a valid entry.`,
            'Give names separated by commas or new lines.',
          );
        }
      }
    }
    return {
      track,
      includeWorkflows:
        track.patterns?.workflows ?? parseBoolean(raw.includeWorkflows ?? '', 'include-workflows'),
      version: inputs.get('version').trim(),
      base: inputs.get('base').trim(),
      dryRun: parseBoolean(inputs.get('dry-run'), 'dry-run'),
      draft: parseBoolean(inputs.get('draft'), 'draft'),
      reason: reasonOf(inputs),
      ...lists,
      prToken: env.host === 'action' ? inputs.secret('pr-token') : '',
    };
  },

  async run(env, opts) {
    // A dry run only reads the registry and the base branch: no GitHub call, no token needed.
    const github = env.github;
    const needGithub = () =>
      new SnapbackError(
        'invalid-input',
        'rollback opens a pull request on GitHub, and no GitHub token is set.',
        env.host === 'cli'
          ? 'Set GH_TOKEN (or GITHUB_TOKEN) to a token with contents: write and pull-requests: write, in a clone whose remote is the GitHub repository; or add --dry-run to see the change only.'
          : 'Set the token input.',
      );
    if (!github && !opts.dryRun) throw needGithub();
    const git = await env.openGit();
    const { pullsApi, octokitFor } = await import('../github/github-api.js');
    return rollback(
      {
        git,
        pulls: () => {
          if (!github) throw needGithub();
          return pullsApi(
            octokitFor(opts.prToken || github.token, restOptions(env)),
            repoRef(github.repository),
          );
        },
        log: (m) => env.log(m),
        // GitHub's refusals of labels or reviewers are relayed in its own words: redacted.
        warn: (m) => env.warn(redact(m)),
      },
      {
        track: opts.track.name,
        patterns: opts.track.patterns,
        includeWorkflows: opts.includeWorkflows,
        version: opts.version,
        base: opts.base,
        dryRun: opts.dryRun,
        by: actorOf(env, opts.reason),
        labels: opts.labels,
        assignees: opts.assignees,
        reviewers: opts.reviewers,
        draft: opts.draft,
        bodyLimit: COMMENT_LIMIT,
      },
    );
  },

  async action(result, opts, scene) {
    const { outputs, messages } = await diffOutputs(result.diff, scene.tempDir);
    outputs['branch'] = rollbackBranch(opts.track.name);
    outputs['pull-request-operation'] = result.operation;
    outputs['pull-request-number'] = result.pull ? String(result.pull.number) : '';
    outputs['pull-request-url'] = result.pull?.url ?? '';
    outputs['version'] = String(result.target.version);
    outputs['commit'] = result.commit ?? '';
    const line = rollbackLine(result, opts.dryRun);
    // The line is escaped whole (the base and the track come from outside), which unlinks the
    // URL in it: the pull request gets a link of its own.
    const pullLink = result.pull
      ? `\n\n${link(`Pull request #${result.pull.number}`, result.pull.url)}`
      : '';
    const noticed = !opts.dryRun && result.operation !== 'none' && result.operation !== 'unchanged';
    const all: ActionMessage[] = [
      ...messages,
      noticed ? { level: 'notice', text: line } : { level: 'info', text: line },
    ];
    const summary =
      `## Snapback: rollback\n\n${escapeMarkdown(line)}${pullLink}\n\n` +
      renderDiff(result.diff, {
        budget: SUMMARY_LIMIT - 2_000,
        heading: `what rolling back changes in ${escapeMarkdown(result.base)}`,
      });
    return { outputs, messages: all, summary };
  },

  text: (result, opts) => `${rollbackLine(result, opts.dryRun)}\n`,
});

function rollbackLine(result: RollbackResult, dryRun: boolean): string {
  const target = `${result.track} v${result.target.version}`;
  return dryRun
    ? `Dry run: rolling back to ${target} would change ${result.diff.tracks[0]!.files.length} files on ${result.base}; nothing pushed.`
    : result.alreadyThere
      ? `${result.base} already holds ${target}'s files${result.operation === 'closed' ? `; closed pull request #${result.pull!.number}` : ''}.`
      : `Rollback to ${target}: pull request #${result.pull!.number} ${result.operation} (${result.pull!.url}).`;
}
