// Running a CGI program (here `git http-backend`) and turning its output into an HTTP response.
// A CGI answers on stdout with header lines, a blank line, then the body (RFC 3875 section 6);
// the status comes from a "Status:" header and defaults to 200.
import { spawn, type ChildProcess } from 'node:child_process';
import { Transform, type TransformCallback, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface CgiHead {
  status: number;
  statusText: string | undefined;
  headers: Record<string, string | string[]>;
}

const MAX_HEAD = 64 * 1024;

/** Finds the blank line ending the header block; CGIs may use CRLF or bare LF. */
function headEnd(buf: Buffer): { head: number; body: number } | undefined {
  const crlf = buf.indexOf('\r\n\r\n');
  const lf = buf.indexOf('\n\n');
  if (crlf < 0 && lf < 0) return undefined;
  if (lf < 0 || (crlf >= 0 && crlf < lf)) return { head: crlf, body: crlf + 4 };
  return { head: lf, body: lf + 2 };
}

export function parseCgiHead(text: string): CgiHead {
  const head: CgiHead = { status: 200, statusText: undefined, headers: {} };
  for (const line of text.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (name.toLowerCase() === 'status') {
      const m = /^(\d{3})\s*(.*)$/.exec(value);
      if (m) {
        head.status = Number(m[1]);
        head.statusText = m[2] || undefined;
      }
      continue;
    }
    const prev = head.headers[name];
    head.headers[name] = prev === undefined ? value : [...[prev].flat(), value];
  }
  return head;
}

/**
 * Passes the CGI body through after calling onHead once with the parsed header block.
 * If the CGI ends before finishing its headers (crash, kill), onHead gets a 502 instead.
 */
export class CgiResponseParser extends Transform {
  private pending: Buffer | undefined = Buffer.alloc(0);
  bytesOut = 0;

  constructor(
    private readonly onHead: (head: CgiHead) => void,
    private readonly onBytes: (n: number) => void = () => {},
  ) {
    super();
  }

  private count(n: number): void {
    this.bytesOut += n;
    this.onBytes(n);
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    if (this.pending === undefined) {
      this.count(chunk.length);
      return cb(null, chunk);
    }
    const buf = Buffer.concat([this.pending, chunk]);
    const end = headEnd(buf);
    if (end === undefined) {
      if (buf.length > MAX_HEAD) return cb(new Error('CGI header block too large'));
      this.pending = buf;
      return cb();
    }
    this.pending = undefined;
    this.onHead(parseCgiHead(buf.subarray(0, end.head).toString('latin1')));
    const body = buf.subarray(end.body);
    this.count(body.length);
    cb(null, body.length > 0 ? body : undefined);
  }

  override _flush(cb: TransformCallback): void {
    if (this.pending === undefined) return cb();
    this.pending = undefined;
    const body = Buffer.from('CGI ended without a complete header block\n');
    this.onHead({
      status: 502,
      statusText: 'Bad Gateway',
      headers: { 'Content-Type': 'text/plain' },
    });
    this.count(body.length);
    cb(null, body);
  }
}

export interface CgiOptions {
  command: string;
  args: string[];
  env: Record<string, string>;
  /** Supplies the request body; must end stdin (it may stream into it). */
  feed: (stdin: Writable) => void;
  /** Where the response body goes (the HTTP response, or a sink when the client is gone). */
  sink: Writable;
  onHead: (head: CgiHead) => void;
  /** Called as body bytes go out, so a log is current as soon as the client has the answer. */
  onBytes?: (n: number) => void;
  /** Sees each chunk of the response body on its way out (to read a push's report). */
  tap?: (chunk: Buffer) => void;
  /** Lets the caller track the child so it can be killed on disconnect or shutdown. */
  onSpawn: (child: ChildProcess) => void;
}

export interface CgiResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  bytesOut: number;
  stderr: string;
  /** Set when the output could not be delivered (typically: the client went away). */
  outputError: Error | undefined;
}

/** Runs the CGI to completion. Never rejects: failures are reported in the result. */
export async function runCgi(opts: CgiOptions): Promise<CgiResult> {
  const child = spawn(opts.command, opts.args, { env: opts.env, stdio: ['pipe', 'pipe', 'pipe'] });
  opts.onSpawn(child);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal }));
    child.on('error', () => resolve({ code: null, signal: null }));
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => {
    if (stderr.length < MAX_HEAD) stderr += c.toString('utf8');
  });
  // The CGI may exit without reading all of stdin (an error reply); that is not our failure.
  child.stdin.on('error', () => {});
  opts.feed(child.stdin);
  const parser = new CgiResponseParser(opts.onHead, opts.onBytes);
  const tap = opts.tap;
  const stages = tap
    ? [
        parser,
        new Transform({
          transform(chunk: Buffer, _enc, cb) {
            tap(chunk);
            cb(null, chunk);
          },
        }),
      ]
    : [parser];
  const outputError = await pipeline([child.stdout, ...stages, opts.sink]).then(
    () => undefined,
    (err: Error) => err,
  );
  if (outputError) child.kill('SIGKILL');
  const { code, signal } = await exited;
  return { code, signal, bytesOut: parser.bytesOut, stderr, outputError };
}
