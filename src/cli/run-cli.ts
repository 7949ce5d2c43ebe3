/**
 * The CLI host: turns arguments into an operation's options (the same table as the Action),
 * and its result into terminal text or JSON, with the manners of a command-line tool: help per
 * command, suggestions for typos, exit statuses that mean something, no stack trace for a
 * mistake, quiet on a closed pipe, colour only on a terminal.
 */
import { Command, CommanderError, Option } from 'commander';
import pkg from '../../package.json' with { type: 'json' };
import { formatError, snapbackCause, type CancelledError } from '../errors.js';
import { cancelOnSignals } from '../cancel.js';
import { networkLimits } from '../net/limits.js';
import { parseNetworkTimeout, parsePushMode } from '../inputs.js';
import { redact } from '../secrets.js';
import { CLI_HOST_OPTIONS, operationsFor, optionsFor } from '../operations/table.js';
import type { AnyOperation, Inputs, OperationEnv, OptionSpec } from '../operations/types.js';
import { openTerminal, type Terminal } from './terminal.js';
import {
  actorName,
  gitIdentity,
  githubAccess,
  openClone,
  remoteUrl,
  topLevel,
} from './environment.js';

/** Exit statuses; the README lists them. */
export const EXIT = {
  ok: 0,
  /** The command could not do its work: a bad value, something not found, a refusal. */
  failed: 1,
  /** The command line itself is wrong: unknown command or option, a missing value. */
  usage: 2,
  /** An unexpected error: a bug in snapback (sysexits' EX_SOFTWARE). */
  bug: 70,
  /** 128 + SIGINT: what shells report for a command stopped by Ctrl-C. */
  cancelled: 130,
} as const;

const BUGS_URL = pkg.bugs.url;

export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export async function runCli(argv: string[], io?: CliIo): Promise<number> {
  const { stdout, stderr, env, cwd } = io ?? {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
  };
  const term = openTerminal({ stdout, stderr, env, noColor: argv.includes('--no-color') });
  const cancel = cancelOnSignals((error: CancelledError) => {
    term.err(
      `snapback: ${formatError(error)}\nThe run did not wind down in time and was stopped.\n`,
    );
    process.exit(EXIT.cancelled);
  });
  let current: AnyOperation | undefined;
  let code: number = EXIT.ok;
  try {
    const program = buildProgram(term, async (op, inputs, flags) => {
      current = op;
      code = await execute(op, inputs, flags, { term, env, cwd, cancel: cancel.signal });
    });
    if (argv.length === 0) {
      term.err(program.helpInformation());
      return EXIT.usage;
    }
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and --version end with status 0; commander has already printed its message.
      return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    const error: unknown = cancel.signal.aborted ? cancel.signal.reason : e;
    return reportError(term, error, current, cancel.signal.aborted);
  } finally {
    cancel.dispose();
  }
}

export function reportError(
  term: Terminal,
  error: unknown,
  op: AnyOperation | undefined,
  cancelled: boolean,
): number {
  const s = term.errStyle;
  if (!snapbackCause(error)) {
    const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
    term.err(
      `${s.error('snapback: unexpected error.')} This is a bug in snapback ${pkg.version}; please report it at ${BUGS_URL} with the text below.\n\n${redact(stack)}\n`,
    );
    return EXIT.bug;
  }
  // The operations name Action inputs; on the command line they are options or arguments.
  const message = formatError(error).replace(/^Input '([a-z-]+)'/, (_m, name: string) => {
    const spec = op?.options.find((o) => o.name === name);
    return spec?.positional ? `Argument <${spec.positional}>` : `Option '--${name}'`;
  });
  term.err(`${s.error('snapback:')} ${message}\n`);
  return cancelled ? EXIT.cancelled : EXIT.failed;
}

type Runner = (
  op: AnyOperation,
  inputs: Inputs,
  flags: { json: boolean; remote: string; networkTimeout: string; pushMode: string },
) => Promise<void>;

/** The command line, built from the table: one subcommand per operation the CLI offers. */
export function buildProgram(term: Terminal, runner: Runner): Command {
  const program = new Command('snapback')
    .usage('<command> [options]')
    .description(
      'A versioned registry of chosen files in git refs. Every command works on the remote of the clone you are in.',
    )
    .version(pkg.version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .helpCommand('help [command]', 'show help for a command')
    // Options after the command name belong to it (`promote --version 3` is not snapback's).
    .enablePositionalOptions()
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (t) => term.out(t),
      writeErr: (t) => term.err(t),
      outputError: (t, write) => write(term.errStyle.error(t)),
    });
  for (const op of operationsFor('cli')) addCommand(program, op, runner);
  program.addHelpText(
    'after',
    `\nRun 'snapback <command> -h' for a command's options.\nExit status: 0 done, 1 the command failed (bad value, not found, refused), 2 bad command line, 70 a bug in snapback, 130 interrupted.\n`,
  );
  return program;
}

function addCommand(program: Command, op: AnyOperation, runner: Runner): void {
  const cmd = program.command(op.name).description(op.summary);
  const specs = optionsFor(op, 'cli');
  const positionals = specs.filter((s) => s.positional);
  for (const s of positionals) {
    cmd.argument(`[${s.positional}]`, s.doc);
    // The older spelling as an option (`promote --version 3`), kept working but not advertised.
    cmd.addOption(new Option(`--${s.name} <${s.positional}>`).hideHelp());
  }
  for (const s of specs.filter((x) => !x.positional)) cmd.addOption(optionOf(s, op.name));
  for (const s of CLI_HOST_OPTIONS) cmd.addOption(optionOf(s));
  cmd.option('--json', 'print the result as JSON');
  cmd.option('--no-color', 'no colour, even on a terminal (also: NO_COLOR=1)');
  cmd.action(async (...args: unknown[]) => {
    const self = args[args.length - 1] as Command;
    const values = self.opts<Record<string, unknown>>();
    const given = new Map<string, string>();
    positionals.forEach((s, i) => {
      const v = args[i] ?? values[camel(s.name)];
      if (typeof v === 'string') given.set(s.name, v);
    });
    for (const s of specs.filter((x) => !x.positional)) {
      const v = values[camel(s.name)];
      if (v === true) given.set(s.name, 'true');
      else if (typeof v === 'string') given.set(s.name, v);
    }
    await runner(op, cliInputs(op, specs, given), {
      json: values.json === true,
      remote: typeof values.remote === 'string' ? values.remote : 'origin',
      networkTimeout: typeof values.networkTimeout === 'string' ? values.networkTimeout : '',
      pushMode: typeof values.pushMode === 'string' ? values.pushMode : '',
    });
  });
}

function optionOf(s: OptionSpec, command?: string): Option {
  const option =
    s.type === 'boolean'
      ? new Option(`--${s.name}`, s.doc)
      : new Option(`--${s.name} <${s.placeholder ?? 'value'}>`, s.doc);
  // Accepted (and checked) everywhere it is declared; shown where it means something.
  return option.hideHelp(command !== undefined && !(s.meaningfulFor?.includes(command) ?? true));
}

function camel(name: string): string {
  return name.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
}

/** Reading an option the table does not declare for this command is a bug, as in the Action. */
function cliInputs(op: AnyOperation, specs: OptionSpec[], given: Map<string, string>): Inputs {
  const declared = new Set(specs.map((s) => s.name));
  const get = (name: string): string => {
    if (!declared.has(name)) throw new Error(`${op.name} reads the undeclared option '${name}'.`);
    return given.get(name) ?? '';
  };
  return {
    get,
    list: (name) =>
      get(name)
        .split(/[\n,]/)
        .map((x) => x.trim().replace(/^@/, ''))
        .filter(Boolean),
    secret: (name) => get(name),
  };
}

interface Session {
  term: Terminal;
  env: NodeJS.ProcessEnv;
  cwd: string;
  cancel: AbortSignal;
}

async function execute(
  op: AnyOperation,
  inputs: Inputs,
  flags: { json: boolean; remote: string; networkTimeout: string; pushMode: string },
  { term, env, cwd, cancel }: Session,
): Promise<number> {
  const network = {
    limits: networkLimits(parseNetworkTimeout(flags.networkTimeout, 'network-timeout')),
    cancel,
  };
  const pushMode = parsePushMode(flags.pushMode);
  const top = await topLevel(cwd);
  const identity = await gitIdentity(top);
  const log = (m: string) => term.err(`${m}\n`);
  let url: string | undefined;
  const urlOnce = async () => (url ??= await remoteUrl(top, flags.remote));
  const opEnv: OperationEnv = {
    host: 'cli',
    workspace: top,
    openGit: async () => openClone(top, await urlOnce(), identity, log, network, pushMode),
    log,
    warn: (m) => term.err(`${term.errStyle.warn('warning:')} ${m}\n`),
    progress: term.progress,
    checkpoint: undefined,
    context: { actor: actorName(identity, env.USER) },
    network,
    get github() {
      return url === undefined ? undefined : githubAccess(url, env);
    },
    pullRequest: undefined,
  };
  const options = await op.parse(inputs, opEnv);
  await urlOnce();
  const result = await op.run(opEnv, options);
  if (flags.json) term.out(`${JSON.stringify(op.json ? op.json(result) : result, null, 2)}\n`);
  else term.out(op.text ? op.text(result, options, term.style) : '');
  return op.exitCode?.(result) ?? EXIT.ok;
}
