/**
 * The action's wiring: the one place that reads inputs and the runner's environment and writes
 * outputs, the job summary and annotations. Commands get everything as parameters.
 */
import * as core from '@actions/core';
import { formatError, InputError, SnapbackError } from './errors.js';
import { NativeGit } from './git/native-git.js';
import { record, type RecordStep, type RunContext } from './commands/record.js';
import { parseBoolean, parseJsonObject, parseNonNegativeInt, resolveTracks } from './inputs.js';
import { renderRecordSummary } from './core/render-record.js';
import { resolveLabel } from './workspace/label-sources.js';
import { redact } from './git/run-git.js';

const COMMANDS = ['record'] as const;

function env(name: string): string | undefined {
  const v = process.env[name];
  return v === undefined || v === '' ? undefined : v;
}

function runContext(serverUrl: string, repository: string): RunContext {
  const runId = env('GITHUB_RUN_ID');
  const attempt = Number(env('GITHUB_RUN_ATTEMPT') ?? '1') || 1;
  return {
    runId,
    runAttempt: attempt,
    runUrl: runId
      ? `${serverUrl}/${repository}/actions/runs/${runId}/attempts/${attempt}`
      : undefined,
    workflow: env('GITHUB_WORKFLOW'),
    job: env('GITHUB_JOB'),
    event: env('GITHUB_EVENT_NAME'),
    actor: env('GITHUB_ACTOR'),
  };
}

/**
 * Fault injection for the reliability suite: `SNAPBACK_TEST_KILL_AT=<step>` kills the process
 * (and its git children) with SIGKILL at that step, as a cancelled or crashed runner would.
 */
function killSwitch(): ((step: RecordStep) => void) | undefined {
  const at = env('SNAPBACK_TEST_KILL_AT');
  if (!at) return undefined;
  return (step) => {
    if (step !== at) return;
    try {
      process.kill(-process.pid, 'SIGKILL'); // the whole group, git children included
    } catch {
      process.kill(process.pid, 'SIGKILL');
    }
  };
}

export async function run(): Promise<void> {
  try {
    const token = core.getInput('token');
    if (token) core.setSecret(token);
    const command = core.getInput('command').trim() || 'record';
    if (!(COMMANDS as readonly string[]).includes(command)) {
      throw new InputError(
        'command',
        `'${command}' is not a command.`,
        `Valid commands: ${COMMANDS.join(', ')}.`,
      );
    }
    const workspace = env('GITHUB_WORKSPACE') ?? process.cwd();
    const serverUrl = (env('GITHUB_SERVER_URL') ?? 'https://github.com').replace(/\/+$/, '');
    const repository = env('GITHUB_REPOSITORY');
    if (!repository) {
      throw new SnapbackError(
        'invalid-input',
        'GITHUB_REPOSITORY is not set.',
        'Run snapback as a step of a GitHub Actions job, or use the snapback CLI locally.',
      );
    }

    // Validate every input before the first git command, so a mistake changes nothing.
    const tracks = await resolveTracks(
      {
        track: core.getInput('track'),
        paths: core.getInput('paths'),
        config: core.getInput('config'),
        maxFileSize: core.getInput('max-file-size'),
        metrics: core.getInput('metrics'),
      },
      workspace,
    );
    const metadataText = core.getInput('metadata').trim();
    const metadata = metadataText ? parseJsonObject(metadataText, 'metadata') : undefined;
    const expectedVersion = parseNonNegativeInt(
      core.getInput('expected-version'),
      'expected-version',
    );
    const dryRun = parseBoolean(core.getInput('dry-run'), 'dry-run');
    const reason = core.getInput('reason').trim() || undefined;
    const context = runContext(serverUrl, repository);

    const git = await NativeGit.open(workspace, {
      url: `${serverUrl}/${repository}.git`,
      token: token || undefined,
    });
    const result = await record(
      {
        git,
        resolveLabel: (source) => resolveLabel(git, source),
        log: (m) => core.info(m),
        checkpoint: killSwitch(),
      },
      { tracks, reason, metadata, expectedVersion, dryRun, context },
    );

    const first = result.tracks[0]!;
    const single = result.tracks.length === 1;
    core.setOutput('recorded', String(result.tracks.some((t) => t.status === 'recorded')));
    core.setOutput(
      'versions',
      JSON.stringify(Object.fromEntries(result.tracks.map((t) => [t.track, t.version]))),
    );
    core.setOutput(
      'results',
      JSON.stringify(
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
    );
    if (single) {
      core.setOutput('version', String(first.version));
      core.setOutput('ref', first.ref);
      core.setOutput('commit', first.commit ?? '');
      core.setOutput(
        'previous-version',
        first.previousVersion === null ? '' : String(first.previousVersion),
      );
      core.setOutput('label', first.label);
    }
    for (const t of result.tracks) {
      if (t.status === 'recorded') {
        core.notice(
          `Recorded ${t.track} v${t.version} (${t.label}): ${t.files} files, ref ${t.ref}`,
          { title: 'snapback' },
        );
      } else if (t.status === 'unchanged') {
        core.info(`${t.track}: unchanged since v${t.version}; nothing recorded.`);
      } else {
        core.info(`${t.track}: dry run, would record v${t.version}.`);
      }
    }
    await core.summary
      .addRaw(renderRecordSummary(result, { runUrl: context.runUrl, reason }))
      .write();
  } catch (error) {
    core.setFailed(redact(formatError(error)));
  }
}
