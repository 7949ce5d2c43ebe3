// Blob sizes from one long-lived `git cat-file --batch-check`, started when the repository is
// opened. Starting a git process costs more than looking up a few hundred objects, so a lookup
// made later (after a diff) answers without paying that start-up on the critical path.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { SnapbackError } from '../errors.js';
import { gitProcessEnv } from './run-git.js';

interface Pending {
  expected: number;
  lines: string[];
  resolve: (lines: string[]) => void;
  reject: (e: Error) => void;
}

export class ObjectSizes {
  private child: ChildProcessWithoutNullStreams | undefined;
  private buffered = '';
  private pending: Pending | undefined;
  /** Queries go one at a time: answers come back in the order the oids were written. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly cwd: string) {
    this.start();
  }

  /** oid → size in bytes; oids git does not have are left out. */
  lookup(oids: readonly string[]): Promise<Map<string, number>> {
    const unique = [...new Set(oids)];
    if (unique.length === 0) return Promise.resolve(new Map());
    const run = this.queue.then(() => this.ask(unique));
    this.queue = run.catch(() => undefined);
    return run.then((lines) => {
      const sizes = new Map<string, number>();
      for (const line of lines) {
        const [oid = '', size = ''] = line.split(' ');
        if (/^\d+$/.test(size)) sizes.set(oid, Number(size));
      }
      return sizes;
    });
  }

  /** Ends the process; a later lookup starts a new one. */
  close(): void {
    this.child?.stdin.end();
    this.child = undefined;
  }

  private start(): ChildProcessWithoutNullStreams {
    const child = spawn('git', ['cat-file', '--batch-check=%(objectname) %(objectsize)'], {
      cwd: this.cwd,
      env: gitProcessEnv(),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.buffered = '';
    child.stdout.setEncoding('latin1');
    child.stdout.on('data', (chunk: string) => this.receive(chunk));
    child.stderr.resume();
    child.stdin.on('error', () => {
      // The exit below reports it.
    });
    const fail = (why: string) => {
      if (this.child === child) this.child = undefined;
      const p = this.pending;
      this.pending = undefined;
      p?.reject(
        new SnapbackError(
          'git-failed',
          `git cat-file stopped: ${why}`,
          'Install git 2.31 or newer and put it on PATH.',
        ),
      );
    };
    child.on('error', (e) => fail(e.message));
    child.on('close', (code) => fail(`exit code ${code ?? 'unknown'}`));
    this.idle(child);
    this.child = child;
    return child;
  }

  private ask(oids: string[]): Promise<string[]> {
    const child = this.child ?? this.start();
    return new Promise<string[]>((resolve, reject) => {
      this.pending = { expected: oids.length, lines: [], resolve, reject };
      // While a question is open the process must keep Node alive; idle, it must not.
      child.ref();
      pipe(child.stdout).ref();
      child.stdin.write(`${oids.join('\n')}\n`);
    }).finally(() => this.idle(child));
  }

  private idle(child: ChildProcessWithoutNullStreams): void {
    child.unref();
    for (const stream of [child.stdin, child.stdout, child.stderr]) pipe(stream).unref();
  }

  private receive(chunk: string): void {
    this.buffered += chunk;
    let eol: number;
    while ((eol = this.buffered.indexOf('\n')) >= 0) {
      const line = this.buffered.slice(0, eol);
      this.buffered = this.buffered.slice(eol + 1);
      const p = this.pending;
      if (!p) continue;
      p.lines.push(line);
      if (p.lines.length === p.expected) {
        this.pending = undefined;
        p.resolve(p.lines);
      }
    }
  }
}

/** The child's stdio are pipe sockets at run time (ref/unref); their declared types do not say so. */
function pipe(stream: object): { ref(): void; unref(): void } {
  return stream as { ref(): void; unref(): void };
}
