/**
 * The Action host: reads the runner's environment and the inputs of the chosen operation, runs
 * it, and writes its outputs, annotations and job summary, each in one place. What a command
 * does lives in src/operations/; this file only connects it to the runner.
 */
import type { Progress } from './progress.js';
import * as core from '@actions/core';
import { formatError, InputError, SnapbackError } from './errors.js';
import { NativeGit, type GitStep } from './git/native-git.js';
import type { Identity } from './git/git.js';
import { actionsIdentity, parsePerson } from './core/people.js';
import type { RecordStep, RunContext } from './commands/record.js';
import { checkToken, parseNetworkTimeout, parsePushMode, type PushMode } from './inputs.js';
import { addSecret, redact } from './secrets.js';
import { cancelOnSignals } from './cancel.js';
import { networkLimits, type NetworkContext } from './net/limits.js';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import {
  ACTION_HOST_INPUTS,
  DEFAULT_ACTION_COMMAND,
  operationsFor,
  optionsFor,
} from './operations/table.js';
import type {
  ActionReport,
  AnyOperation,
  Inputs,
  OperationEnv,
  PullRequestEvent,
} from './operations/types.js';

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
 * `SNAPBACK_TEST_PAUSE_AT=<step>` with `SNAPBACK_TEST_PAUSE_GATE=<file>` stops at that step,
 * creates `<file>.paused` and waits (at most a minute) until the test deletes `<file>`, so a
 * test can change the work tree at an exact point of the run.
 */
function killSwitch(): ((step: RecordStep | GitStep) => void) | undefined {
  const at = env('SNAPBACK_TEST_KILL_AT');
  const pauseAt = env('SNAPBACK_TEST_PAUSE_AT');
  const gate = env('SNAPBACK_TEST_PAUSE_GATE');
  if (!at && !(pauseAt && gate)) return undefined;
  return (step) => {
    if (step === pauseAt && gate) pauseUntilGone(gate);
    if (step !== at) return;
    try {
      process.kill(-process.pid, 'SIGKILL'); // the whole group, git children included
    } catch {
      process.kill(process.pid, 'SIGKILL');
    }
  };
}

function pauseUntilGone(gate: string): void {
  writeFileSync(`${gate}.paused`, String(process.pid));
  const tick = new Int32Array(new SharedArrayBuffer(4));
  for (let i = 0; i < 600 && existsSync(gate); i++) Atomics.wait(tick, 0, 0, 100);
}

/** The runner masks the raw token in its logs; `redact` blanks every form of it in ours. */
function hide(token: string): void {
  if (!token) return;
  core.setSecret(token);
  addSecret(token);
}

/** What every command needs from the runner's environment. */
interface Runner {
  token: string;
  pushMode: PushMode;
  workspace: string;
  serverUrl: string;
  repository: string;
  context: RunContext;
  /** Author and committer of the commits this run writes. */
  identity: Identity;
  /** Time limits of every request, and the run's cancellation. */
  network: NetworkContext;
}

/** The webhook payload of the run (GITHUB_EVENT_PATH); {} when absent or unreadable. */
function eventPayload(): Record<string, unknown> {
  const path = env('GITHUB_EVENT_PATH');
  if (!path) return {};
  try {
    const payload: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return payload && typeof payload === 'object' ? (payload as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The actor's account id, from the payload's sender when it is the actor (for its noreply address). */
function actorId(actor: string | undefined): number | undefined {
  const sender = eventPayload().sender as { login?: unknown; id?: unknown } | undefined;
  if (!actor || sender?.login !== actor || typeof sender.id !== 'number') return undefined;
  return sender.id;
}

function runner(cancel: AbortSignal): Runner {
  const token = core.getInput('token');
  hide(token);
  checkToken(token, 'token');
  const timeout = parseNetworkTimeout(core.getInput('network-timeout'), 'network-timeout');
  const serverUrl = (env('GITHUB_SERVER_URL') ?? 'https://github.com').replace(/\/+$/, '');
  const repository = env('GITHUB_REPOSITORY');
  if (!repository) {
    throw new SnapbackError(
      'invalid-input',
      'GITHUB_REPOSITORY is not set.',
      'Run snapback as a step of a GitHub Actions job, or use the snapback CLI locally.',
    );
  }
  const pushMode = parsePushMode(core.getInput('push-mode'));
  const committerInput = core.getInput('committer').trim();
  const committer = committerInput ? parsePerson(committerInput, 'committer') : undefined;
  const context = runContext(serverUrl, repository);
  return {
    token,
    pushMode,
    workspace: env('GITHUB_WORKSPACE') ?? process.cwd(),
    serverUrl,
    repository,
    context,
    identity: actionsIdentity(context.actor, actorId(context.actor), committer),
    network: { limits: networkLimits(timeout), cancel },
  };
}

function openGit(r: Runner): Promise<NativeGit> {
  const checkpoint = killSwitch();
  return NativeGit.open(
    r.workspace,
    {
      url: `${r.serverUrl}/${r.repository}.git`,
      token: r.token || undefined,
      pushMode: r.pushMode,
      runsIn: 'action',
      log: (m) => core.info(m),
      network: r.network,
    },
    // A runner's checkout is thrown away after the job: its notes may come without their blobs.
    { identity: r.identity, noteBlobsOnDemand: true, ...(checkpoint ? { checkpoint } : {}) },
  );
}

/** The pull request this run is for, from the event payload; undefined on other events. */
function pullRequestEvent(): PullRequestEvent | undefined {
  const name = env('GITHUB_EVENT_NAME');
  if (name !== 'pull_request' && name !== 'pull_request_target') return undefined;
  const pr = eventPayload().pull_request as
    { number?: unknown; head?: { sha?: unknown }; base?: { ref?: unknown } } | undefined;
  const n = pr?.number;
  if (typeof n !== 'number') return undefined;
  const sha = pr?.head?.sha;
  const ref = pr?.base?.ref;
  return {
    number: n,
    headSha: typeof sha === 'string' && /^[0-9a-f]{40,64}$/.test(sha) ? sha : undefined,
    baseRef: typeof ref === 'string' ? ref : undefined,
  };
}

/**
 * The operation's inputs, read from the runner. Reading one the table does not declare for
 * this command is a bug (action.yml and the docs check are built from the declarations).
 */
function actionInputs(op: AnyOperation): Inputs {
  const declared = new Set([...optionsFor(op, 'action'), ...ACTION_HOST_INPUTS].map((o) => o.name));
  const get = (name: string): string => {
    if (!declared.has(name)) throw new Error(`${op.name} reads the undeclared input '${name}'.`);
    return core.getInput(name);
  };
  return {
    get,
    list: (name) =>
      get(name)
        .split(/[\n,]/)
        .map((x) => x.trim().replace(/^@/, ''))
        .filter(Boolean),
    secret: (name) => {
      const value = get(name);
      hide(value);
      return checkToken(value, name);
    },
  };
}

function operationEnv(r: Runner, command: string): OperationEnv {
  return {
    host: 'action',
    workspace: r.workspace,
    openGit: () => openGit(r),
    log: (m) => core.info(m),
    warn: (m) => core.warning(m, { title: `snapback: ${command}` }),
    progress: ACTION_PROGRESS,
    checkpoint: killSwitch(),
    context: r.context,
    network: r.network,
    github: { token: r.token, serverUrl: r.serverUrl, repository: r.repository },
    pullRequest: pullRequestEvent(),
  };
}

/** Outputs, annotations and the job summary: the one place the Action writes them. */
async function writeReport(op: AnyOperation, report: ActionReport): Promise<void> {
  for (const [name, value] of Object.entries(report.outputs)) {
    if (!op.outputs?.includes(name)) {
      throw new Error(`${op.name} sets the undeclared output '${name}'.`);
    }
    core.setOutput(name, value);
  }
  for (const m of report.messages) {
    if (m.level === 'info') core.info(m.text);
    else if (m.level === 'notice') core.notice(m.text, { title: m.title ?? 'snapback' });
    else core.warning(m.text, { title: m.title ?? 'snapback' });
  }
  await core.summary.addRaw(report.summary).write();
  if (report.failure) core.setFailed(report.failure);
}

async function runOperation(op: AnyOperation, r: Runner): Promise<void> {
  const opEnv = operationEnv(r, op.name);
  // Every input is validated before the first git command, so a mistake changes nothing.
  const options = await op.parse(actionInputs(op), opEnv);
  const result = await op.run(opEnv, options);
  const report = await op.action!(result, options, {
    runUrl: r.context.runUrl,
    serverUrl: r.serverUrl,
    repository: r.repository,
    pullRequest: opEnv.pullRequest,
    tempDir: env('RUNNER_TEMP') ?? tmpdir(),
    log: (m) => core.info(m),
    github: opEnv.github!,
    network: r.network,
  });
  await writeReport(op, report);
}

/** Phases as collapsible log groups; decisions as debug lines (shown with step debugging). */
const ACTION_PROGRESS: Progress = {
  debug: (m) => core.debug(redact(m)),
  phase: (title, work) => core.group(title, work),
};

export async function run(): Promise<void> {
  const cancel = cancelOnSignals((error) => {
    core.setFailed(`${formatError(error)}\nThe run did not wind down in time and was stopped.`);
    process.exit(1);
  });
  try {
    const command = core.getInput('command').trim() || DEFAULT_ACTION_COMMAND;
    const commands = operationsFor('action');
    const op = commands.find((o) => o.name === command);
    if (!op) {
      throw new InputError(
        'command',
        `'${command}' is not a command.`,
        `Valid commands: ${commands.map((o) => o.name).join(', ')}.`,
      );
    }
    const r = runner(cancel.signal);
    core.debug(
      `snapback ${command}: server ${r.serverUrl}, repository ${r.repository}, event ${env('GITHUB_EVENT_NAME') ?? 'none'}, push mode ${r.pushMode}.`,
    );
    // record folds each of its phases into a group of its own; the others are one group each
    // (the runner cannot nest groups).
    await (command === 'record'
      ? runOperation(op, r)
      : core.group(`snapback ${command}`, () => runOperation(op, r)));
    // Cancelled after the last network step: the work is done, but the job was stopped.
    if (cancel.signal.aborted) throw cancel.signal.reason;
  } catch (error) {
    core.setFailed(redact(formatError(cancel.signal.aborted ? cancel.signal.reason : error)));
  } finally {
    cancel.dispose();
  }
}
