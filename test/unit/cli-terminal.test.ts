/** The CLI's terminal manners, without a terminal: colour choice, closed pipes, error reports. */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { colourFor, openTerminal } from '../../src/cli/terminal.js';
import { EXIT, reportError } from '../../src/cli/run-cli.js';
import { InputError } from '../../src/errors.js';
import { promoteOperation } from '../../src/operations/alias.js';
import pkg from '../../package.json' with { type: 'json' };

class FakeStream extends EventEmitter {
  text = '';
  constructor(readonly isTTY: boolean) {
    super();
  }
  write(t: string) {
    this.text += t;
    return true;
  }
}

function terminal(opts: { tty?: boolean; env?: NodeJS.ProcessEnv; noColor?: boolean } = {}) {
  const stdout = new FakeStream(opts.tty ?? false);
  const stderr = new FakeStream(opts.tty ?? false);
  const term = openTerminal({
    stdout,
    stderr,
    env: opts.env ?? {},
    noColor: opts.noColor ?? false,
  });
  return { term, stdout, stderr };
}

describe('CLI terminal', () => {
  it('colours a terminal only, and never with NO_COLOR, --no-color or TERM=dumb', () => {
    const tty = new FakeStream(true);
    const pipe = new FakeStream(false);
    const base = { stdout: tty, stderr: tty, noColor: false };
    expect(colourFor(tty, { ...base, env: {} }).bold('x')).toBe('\u001b[1mx\u001b[22m');
    expect(colourFor(pipe, { ...base, env: {} }).bold('x')).toBe('x');
    expect(colourFor(tty, { ...base, env: { NO_COLOR: '1' } }).bold('x')).toBe('x');
    expect(colourFor(tty, { ...base, env: { TERM: 'dumb' } }).bold('x')).toBe('x');
    expect(colourFor(tty, { ...base, noColor: true, env: {} }).bold('x')).toBe('x');
    // An empty NO_COLOR does not count (no-color.org).
    expect(colourFor(tty, { ...base, env: { NO_COLOR: '' } }).bold('x')).not.toBe('x');
  });

  it('stops writing quietly once the reader closed the pipe, and only for EPIPE', () => {
    const { term, stdout } = terminal();
    term.out('one\n');
    stdout.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    term.out('two\n');
    expect(stdout.text).toBe('one\n');
    expect(() =>
      stdout.emit('error', Object.assign(new Error('disk full'), { code: 'ENOSPC' })),
    ).toThrow('disk full');
  });

  it('shows progress on a terminal only', async () => {
    const piped = terminal();
    expect(piped.term.progress).toBeUndefined();
    const tty = terminal({ tty: true, env: { NO_COLOR: '1' } });
    expect(await tty.term.progress!.phase('Fetching', async () => 7)).toBe(7);
    expect(tty.stderr.text).toBe('Fetching…\n');
  });

  it('reports a mistake in one line naming the option or argument, a bug with its stack', () => {
    const mistake = terminal();
    expect(
      reportError(
        mistake.term,
        new InputError('version', "'99' is not a version."),
        promoteOperation,
        false,
      ),
    ).toBe(EXIT.failed);
    expect(mistake.stderr.text).toBe("snapback: Argument <selector>: '99' is not a version.\n");
    const option = terminal();
    reportError(option.term, new InputError('keep-last', 'bad.'), promoteOperation, false);
    expect(option.stderr.text).toBe("snapback: Option '--keep-last': bad.\n");

    const bug = terminal();
    const error = new TypeError('x is undefined');
    expect(reportError(bug.term, error, promoteOperation, false)).toBe(EXIT.bug);
    expect(bug.stderr.text).toContain('This is a bug in snapback');
    expect(bug.stderr.text).toContain(pkg.bugs.url);
    expect(bug.stderr.text).toContain(error.stack!);
  });
});
