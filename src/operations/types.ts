/**
 * The shape of a user-facing command. An operation declares its options once (the Action
 * reads them as inputs, the CLI as options or positionals), turns their raw text into
 * validated options before anything touches git, runs, and returns a result. The hosts
 * (src/host/action.ts, src/host/cli.ts) do everything else: read inputs or arguments, write
 * outputs, summaries, annotations or terminal text, set the exit status.
 */
import type { NativeGit, GitStep } from '../git/native-git.js';
import type { Progress } from '../progress.js';
import type { Actor } from '../core/notes-format.js';
import type { RecordStep, RunContext } from '../commands/record.js';
import type { NetworkContext } from '../net/limits.js';

export type Host = 'action' | 'cli';

export interface OptionSpec {
  /** The Action input's name, and the CLI's `--name`. */
  readonly name: string;
  /** One line for the CLI's help. The Action's fuller text lives in action.yml. */
  readonly doc: string;
  /** `boolean`: a flag on the command line, `true`/`false` as an Action input. */
  readonly type?: 'string' | 'boolean';
  /** Which hosts offer it (default: both). */
  readonly hosts?: readonly Host[];
  /** CLI: given as this positional argument (`promote [selector]`) rather than an option. */
  readonly positional?: string;
  /** CLI: the value's name in help (`--keep-last <n>`); default `value`. */
  readonly placeholder?: string;
  /**
   * The commands it means something to, when it is shared more widely (every command that
   * reads the policy options checks them all). The CLI's help shows it for these only.
   */
  readonly meaningfulFor?: readonly string[];
}

/** Raw option text as the host received it; every name must be one the operation declared. */
export interface Inputs {
  /** The text given, '' when absent (booleans: 'true' or ''). */
  get(name: string): string;
  /** Comma- or newline-separated names, a leading `@` dropped (logins). */
  list(name: string): string[];
  /** A credential: checked, and from now on blanked in every output. */
  secret(name: string): string;
}

/** What an operation may use while it runs; the host builds it. */
export interface OperationEnv {
  readonly host: Host;
  /** Top of the work tree. */
  readonly workspace: string;
  /** Opened only once the options are valid: a mistake changes nothing. */
  openGit(): Promise<NativeGit>;
  log(message: string): void;
  /** A non-fatal problem worth the user's attention (the Action: a warning annotation). */
  warn(message: string): void;
  readonly progress: Progress | undefined;
  /** Fault injection for the reliability tests (see killSwitch in main.ts). */
  readonly checkpoint: ((step: RecordStep | GitStep) => void) | undefined;
  /** Who runs this and where (actor, run URL on Actions). */
  readonly context: RunContext;
  readonly network: NetworkContext;
  /** The GitHub REST API, for operations that open pull requests. */
  readonly github: GithubAccess | undefined;
  /** The pull request the Action's run is for (undefined elsewhere). */
  readonly pullRequest: PullRequestEvent | undefined;
}

export interface PullRequestEvent {
  number: number;
  headSha: string | undefined;
  baseRef: string | undefined;
}

export interface GithubAccess {
  token: string;
  serverUrl: string;
  repository: string;
}

/** Who did it and why, as the notes record it. */
export function actorOf(env: OperationEnv, reason: string | undefined): Actor {
  return { actor: env.context.actor, runUrl: env.context.runUrl, reason };
}

export interface ActionMessage {
  level: 'info' | 'notice' | 'warning';
  text: string;
  title?: string;
}

/** What the Action host writes after an operation: outputs, annotations and the job summary. */
export interface ActionReport {
  outputs: Record<string, string>;
  messages: ActionMessage[];
  summary: string;
  /** Set when the result fails the step (after the outputs and summary are written). */
  failure?: string | undefined;
}

/** What the Action host knows of its run, for reports that link to it or answer a PR. */
export interface ActionScene {
  runUrl: string | undefined;
  serverUrl: string;
  repository: string;
  /** The pull request of the run's event, if any. */
  pullRequest: PullRequestEvent | undefined;
  /** Where report files (the whole diff, the status) are written. */
  tempDir: string;
  log(message: string): void;
  github: GithubAccess;
  network: NetworkContext;
}

/** Terminal styling; plain text when colour is off. */
export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  warn(text: string): string;
  error(text: string): string;
}

/**
 * One command. Method syntax on purpose: the table holds operations of different option and
 * result types side by side.
 */
export interface Operation<O, R> {
  readonly name: string;
  /** One line, for help and the README. */
  readonly summary: string;
  readonly hosts: readonly Host[];
  readonly options: readonly OptionSpec[];
  /** The Action outputs its report may set (checked when set, and against action.yml). */
  readonly outputs?: readonly string[];
  /** Validates every option; touches neither git nor the network. */
  parse(inputs: Inputs, env: OperationEnv): Promise<O>;
  run(env: OperationEnv, options: O): Promise<R>;
  /** The Action's outputs, annotations and summary. */
  action?(result: R, options: O, scene: ActionScene): ActionReport | Promise<ActionReport>;
  /** Terminal text (each line ends with a newline). */
  text?(result: R, options: O, style: Style): string;
  /** `--json`: what to print (default: the result itself). */
  json?(result: R): unknown;
  /** Exit status for a result that is not a plain success (e.g. problems found). */
  exitCode?(result: R): number;
}

/** Lets each operation file keep its own option and result types. */
export function defineOperation<O, R>(op: Operation<O, R>): Operation<O, R> {
  return op;
}

export type AnyOperation = Operation<unknown, unknown>;
