// Runs the bundled action the way the GitHub runner does: `node dist/index.js` in the
// workspace, configured only through environment variables and files, then reads back what it
// reported (outputs, summary, annotations). No mocks: the action cannot tell this from a runner.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { randomInt, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateDefault, readActionMetadata } from './action-metadata.js';
import { gitEnv, definedEnv } from './git.js';
import { nodeBinary, type NodeRuntime } from './node-bins.js';
import { tempDir } from './temp.js';
import {
  annotationsOf,
  parseFileCommand,
  parseWorkflowCommands,
  type Annotation,
  type WorkflowCommand,
} from './workflow-files.js';

const PROJECT = fileURLToPath(new URL('../../', import.meta.url));
const DIST_ENTRY = join(PROJECT, 'dist', 'index.js');
const ACTION_YML = join(PROJECT, 'action.yml');
/** Nothing listens on port 9 (discard), so a stray API call fails fast instead of going online. */
const DEAD_URL = 'http://127.0.0.1:9';

export interface RunActionOptions {
  workspace: string;
  /** Action inputs by their action.yml name, e.g. { 'max-file-size': '1MB' }. */
  inputs?: Record<string, string | number | boolean>;
  /** Overrides for any variable the harness sets; undefined removes one. */
  env?: Record<string, string | undefined>;
  /** Default: action.yml's runs.using, else node24. */
  node?: NodeRuntime;
  eventName?: string;
  /** Webhook payload written to GITHUB_EVENT_PATH. */
  event?: unknown;
  server?: { url: string };
  repo?: string;
  /** The `token` input (what `${{ github.token }}` would be). */
  token?: string;
  /** Kill the action after this long (default 4 minutes, under the 5-minute test timeout). */
  timeoutMs?: number;
  /** Run this script instead of dist/index.js (to test the harness itself). */
  script?: string;
  /**
   * action.yml supplying input defaults and the runtime. Default: the project's when running
   * dist/index.js, none with a custom script. false: apply no defaults.
   */
  actionYml?: string | false;
}

export interface ActionResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** True when the harness killed the action after timeoutMs. */
  timedOut: boolean;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  annotations: Annotation[];
  /** Every workflow command seen on stdout, then stderr (the runner reads both). */
  commands: WorkflowCommand[];
  state: Record<string, string>;
  exportedEnv: Record<string, string>;
  addedPath: string[];
  /** Malformed GITHUB_OUTPUT/ENV/STATE content; each would fail the step on a runner. */
  fileCommandErrors: string[];
  /** The environment the action ran with. */
  env: Record<string, string>;
}

export interface RunningAction {
  child: ChildProcess;
  /** Also the process group id: process.kill(-pid, 'SIGKILL') kills the action and its git. */
  pid: number;
  done: Promise<ActionResult>;
  /** Output so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves when stdout matches (e.g. a progress line), to time a kill precisely. */
  waitForStdout(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
}

let runCounter = 0;

/** The runner's naming: upper case, spaces to underscores, hyphens kept (INPUT_MAX-FILE-SIZE). */
export function inputEnvName(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

function workspaceGit(workspace: string, args: string[]): string | undefined {
  try {
    const out = execFileSync('git', args, {
      cwd: workspace,
      env: gitEnv(),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return out.trim() || undefined;
  } catch {
    return undefined;
  }
}

interface Prepared {
  env: Record<string, string>;
  node: string;
  script: string;
  files: { output: string; summary: string; state: string; env: string; path: string };
}

function prepare(opts: RunActionOptions): Prepared {
  const script = opts.script ?? DIST_ENTRY;
  if (!existsSync(script)) {
    throw new Error(`${script} does not exist; build the action first (npm run build)`);
  }
  const ymlPath = opts.actionYml ?? (opts.script === undefined ? ACTION_YML : false);
  const meta = ymlPath === false ? undefined : readActionMetadata(ymlPath);

  const runner = tempDir('snapback-runner');
  const dirs = {
    home: join(runner, 'home'),
    temp: join(runner, 'temp'),
    cmd: join(runner, 'file_commands'),
  };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  const fileName = (kind: string) => join(dirs.cmd, `${kind}_${randomUUID()}`);
  const files = {
    output: fileName('set_output'),
    summary: fileName('step_summary'),
    state: fileName('save_state'),
    env: fileName('set_env'),
    path: fileName('add_path'),
  };
  for (const f of Object.values(files)) writeFileSync(f, '');
  const eventPath = join(runner, 'event.json');
  writeFileSync(eventPath, JSON.stringify(opts.event ?? {}, null, 2));

  const repo = opts.repo ?? 'octo-org/octo-repo';
  const branch = workspaceGit(opts.workspace, ['symbolic-ref', '-q', '--short', 'HEAD']) ?? 'main';
  const sha = workspaceGit(opts.workspace, ['rev-parse', 'HEAD']) ?? '0'.repeat(40);
  const runNumber = ++runCounter;
  let env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    TMPDIR: process.env.TMPDIR,
    HOME: dirs.home,
    LANG: 'C.UTF-8',
    // Not set by the runner, but keeps this machine's /etc/gitconfig and any tty prompt out.
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_TERMINAL_PROMPT: '0',
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_ACTION: '__snapback',
    GITHUB_WORKSPACE: opts.workspace,
    GITHUB_SERVER_URL: opts.server?.url ?? DEAD_URL,
    GITHUB_API_URL: `${DEAD_URL}/api/v3`,
    GITHUB_GRAPHQL_URL: `${DEAD_URL}/api/graphql`,
    GITHUB_REPOSITORY: repo,
    GITHUB_REPOSITORY_OWNER: repo.split('/')[0],
    GITHUB_SHA: sha,
    GITHUB_REF: `refs/heads/${branch}`,
    GITHUB_REF_NAME: branch,
    GITHUB_REF_TYPE: 'branch',
    GITHUB_EVENT_NAME: opts.eventName ?? 'push',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_RUN_ID: String(randomInt(1_000_000_000, 9_000_000_000)),
    GITHUB_RUN_NUMBER: String(runNumber),
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_WORKFLOW: 'snapback',
    GITHUB_JOB: 'snapshot',
    GITHUB_ACTOR: 'octocat',
    GITHUB_TRIGGERING_ACTOR: 'octocat',
    GITHUB_RETENTION_DAYS: '90',
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_STATE: files.state,
    GITHUB_ENV: files.env,
    GITHUB_PATH: files.path,
    RUNNER_TEMP: dirs.temp,
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_NAME: 'harness',
    RUNNER_ENVIRONMENT: 'github-hosted',
    RUNNER_WORKSPACE: dirname(opts.workspace),
  };
  const explicit: Record<string, string | number | boolean> = {
    ...(opts.token !== undefined ? { token: opts.token } : {}),
    ...opts.inputs,
  };
  for (const [name, value] of Object.entries(explicit)) env[inputEnvName(name)] = String(value);
  env = { ...env, ...opts.env };

  // Defaults last, evaluated against the final environment, only for inputs nobody set.
  const github: Record<string, string> = { token: opts.token ?? '' };
  for (const [k, v] of Object.entries(env)) {
    if (k.startsWith('GITHUB_') && v !== undefined) github[k.slice(7).toLowerCase()] = v;
  }
  const runnerCtx = { temp: dirs.temp, os: 'Linux', arch: 'X64', name: 'harness' };
  for (const [name, value] of Object.entries(meta?.defaults ?? {})) {
    const key = inputEnvName(name);
    if (!(key in env)) env[key] = evaluateDefault(value, { github, runner: runnerCtx });
  }

  const node = nodeBinary(opts.node ?? meta?.using ?? 'node24');
  return { env: definedEnv(env), node, script, files };
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function collect(
  p: Prepared,
  r: Pick<ActionResult, 'code' | 'signal' | 'timedOut' | 'stdout' | 'stderr'>,
): ActionResult {
  const outputs = parseFileCommand(readText(p.files.output));
  const state = parseFileCommand(readText(p.files.state));
  const exported = parseFileCommand(readText(p.files.env));
  const commands = [...parseWorkflowCommands(r.stdout), ...parseWorkflowCommands(r.stderr)];
  return {
    ...r,
    outputs: outputs.values,
    summary: readText(p.files.summary),
    annotations: annotationsOf(commands),
    commands,
    state: state.values,
    exportedEnv: exported.values,
    addedPath: readText(p.files.path).split(/\r?\n/).filter(Boolean),
    fileCommandErrors: [...outputs.errors, ...state.errors, ...exported.errors],
    env: p.env,
  };
}

/** Starts the action in its own process group and returns at once. */
export function startAction(opts: RunActionOptions): RunningAction {
  const p = prepare(opts);
  const child = spawn(p.node, [p.script], {
    cwd: opts.workspace,
    env: p.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  if (child.pid === undefined) throw new Error(`could not start ${p.node}`);
  const pid = child.pid;
  let stdout = '';
  let stderr = '';
  const waiters = new Set<() => void>();
  let closed = false;
  child.stdout.setEncoding('utf8').on('data', (s: string) => {
    stdout += s;
    for (const w of waiters) w();
  });
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));

  const killGroup = () => {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup();
  }, opts.timeoutMs ?? 240_000);

  const done = new Promise<ActionResult>((resolve, reject) => {
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      closed = true;
      // Like the runner's orphan cleanup: nothing the action left running outlives the step.
      killGroup();
      for (const w of waiters) w();
      resolve(collect(p, { code, signal, timedOut, stdout, stderr }));
    });
  });

  const waitForStdout = (pattern: RegExp, timeoutMs = 120_000) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const m = pattern.exec(stdout);
        if (m) finish(() => resolve(m));
        else if (closed) {
          finish(() =>
            reject(new Error(`action exited before printing ${pattern}\n${stdout}\n${stderr}`)),
          );
        }
      };
      const t = setTimeout(
        () => finish(() => reject(new Error(`timed out waiting for ${pattern}\n${stdout}`))),
        timeoutMs,
      );
      const finish = (f: () => void) => {
        clearTimeout(t);
        waiters.delete(check);
        f();
      };
      waiters.add(check);
      check();
    });

  return { child, pid, done, stdout: () => stdout, stderr: () => stderr, waitForStdout };
}

/** Runs the action to completion (or until timeoutMs, then kills its process group). */
export function runAction(opts: RunActionOptions): Promise<ActionResult> {
  return startAction(opts).done;
}
