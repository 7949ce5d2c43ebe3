/**
 * The terminal side of the CLI: where text goes, whether it is coloured, and how long work
 * shows that it is alive.
 */
import type { Progress } from '../progress.js';
import type { Style } from '../operations/types.js';

export interface Terminal {
  /** Results: stdout. Quietly dropped once the reader has gone (`snapback log | head`). */
  out(text: string): void;
  /** Messages, progress and errors: stderr. */
  err(text: string): void;
  /** Styling for stdout text, and for stderr text. */
  style: Style;
  errStyle: Style;
  progress: Progress | undefined;
}

interface Stream {
  isTTY?: boolean | undefined;
  write(text: string): unknown;
  on(event: 'error', listener: (error: NodeJS.ErrnoException) => void): unknown;
}

export interface TerminalOptions {
  stdout: Stream;
  stderr: Stream;
  env: NodeJS.ProcessEnv;
  /** `--no-color` was given. */
  noColor: boolean;
}

const PLAIN: Style = { bold: (t) => t, dim: (t) => t, warn: (t) => t, error: (t) => t };

const sgr = (on: number, off: number) => (t: string) => `\u001b[${on}m${t}\u001b[${off}m`;
const COLOURED: Style = {
  bold: sgr(1, 22),
  dim: sgr(2, 22),
  warn: sgr(33, 39),
  error: sgr(31, 39),
};

/**
 * Colour only on a terminal, and never when NO_COLOR is set to anything (no-color.org) or
 * `--no-color` is given: piped output and logs stay plain text.
 */
export function colourFor(stream: Stream, opts: TerminalOptions): Style {
  const refused = opts.noColor || (opts.env.NO_COLOR ?? '') !== '' || opts.env.TERM === 'dumb';
  return stream.isTTY === true && !refused ? COLOURED : PLAIN;
}

export function openTerminal(opts: TerminalOptions): Terminal {
  let readerGone = false;
  // A closed pipe is the reader saying "enough", not a failure: stop writing, finish the work.
  opts.stdout.on('error', (error) => {
    if (error.code === 'EPIPE') readerGone = true;
    else throw error;
  });
  opts.stderr.on('error', () => {
    // Nowhere left to report to; the exit status still tells.
  });
  const errStyle = colourFor(opts.stderr, opts);
  const debugOn = (opts.env.SNAPBACK_DEBUG ?? '') !== '';
  const err = (text: string) => void opts.stderr.write(text);
  return {
    out: (text) => {
      if (!readerGone && text !== '') opts.stdout.write(text);
    },
    err,
    style: colourFor(opts.stdout, opts),
    errStyle,
    // Phases on a terminal only: in a pipe or a log they would be noise between results.
    progress:
      opts.stderr.isTTY === true || debugOn
        ? {
            debug: (m) => {
              if (debugOn) err(`${errStyle.dim(`debug: ${m}`)}\n`);
            },
            phase: async (title, work) => {
              if (opts.stderr.isTTY === true) err(`${errStyle.dim(`${title}…`)}\n`);
              return work();
            },
          }
        : undefined,
  };
}
