// Handling one HTTP request of the git server: auth, the fault-injection hook, then
// `git http-backend` as a CGI with the request streamed in and its answer streamed back.
import type { ChildProcess } from 'node:child_process';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { runCgi, type CgiHead } from './cgi.js';
import { gitEnv } from './git.js';
import { decodeBody, refusedUpdates, v2Command } from './pkt-line.js';

export type GitService = 'info-refs' | 'upload-pack' | 'receive-pack' | 'other';

export interface RequestLogEntry {
  method: string;
  /** URL path, e.g. /owner/name.git/info/refs */
  path: string;
  /** Raw query string without '?', e.g. service=git-upload-pack */
  query: string;
  /** 'owner/name' when the path has the repository shape. */
  repo: string | undefined;
  /**
   * Kind of endpoint: the ref advertisement (info-refs) or one of the two RPC POSTs. A push
   * bigger than the client's http.postBuffer (1 MiB by default) makes two receive-pack POSTs:
   * a 4-byte probe ("0000") and then the chunked pack.
   */
  service: GitService;
  /** The git program concerned, for both the advertisement (from ?service=) and the POST. */
  gitService: 'git-upload-pack' | 'git-receive-pack' | undefined;
  /** HTTP status sent; 499 when the client went away before an answer (nginx's convention). */
  status: number;
  /** Request body bytes as received on the wire (compressed if the client gzipped). */
  bytesIn: number;
  /** Response body bytes sent. */
  bytesOut: number;
  /** Content-Encoding of the request body ("gzip" when git compressed a large negotiation). */
  contentEncoding: string | undefined;
  /** Value of the Git-Protocol header, e.g. "version=2"; undefined for protocol v0. */
  gitProtocol: string | undefined;
  /** Protocol v2 command of an upload-pack POST ("ls-refs", "fetch"). */
  command: string | undefined;
  /** Basic-auth user name when the request was authenticated. */
  user: string | undefined;
  /** True once the request is fully handled. */
  done: boolean;
  durationMs: number;
  /** What http-backend wrote on stderr (useful when a push is rejected). */
  cgiStderr: string;
  /**
   * For a receive-pack POST: the ref updates the server refused (`ng` lines of its report), e.g.
   * a compare-and-swap lost to another writer. Final once `done` is (await `server.idle()`).
   */
  refused: { ref: string; reason: string }[];
}

export interface HookRequest {
  method: string;
  path: string;
  query: string;
  repo: string | undefined;
  service: GitService;
  gitService: RequestLogEntry['gitService'];
  gitProtocol: string | undefined;
  /**
   * The full request body, gunzipped if the client compressed it, for POSTs (upload-pack and
   * receive-pack). Buffered before the hook runs, so a hook that waits is holding a request whose
   * pack the client has completely sent. Undefined for GETs.
   */
  body?: Buffer;
  /** Request headers, names in lower case (Node's view: a repeated header keeps its first value). */
  headers: Record<string, string | string[] | undefined>;
  /** Aborted when the client disconnects (or the server closes) while the hook holds it. */
  signal: AbortSignal;
}

/**
 * What a hook decides. Nothing: proceed to http-backend. A status: answer it instead (e.g. 500
 * to exercise retries). `ignoreDisconnect`: proceed even if the client has gone meanwhile, as a
 * real server holding the whole pack would: the push is applied but nobody hears the result.
 * By default a request whose client has gone is dropped (logged as 499, http-backend never runs).
 * `dropAnswer`: run http-backend to the end (the push is applied), then reset the connection
 * without a byte of the answer, as a proxy or load balancer failing at the wrong moment does.
 * `hangUp`: the connection is lost instead of answered, http-backend never runs (logged as 499):
 * 'reset' resets it (ECONNRESET) and 'close' closes it before a byte is sent; 'mid-answer' sends
 * a 200 head and part of a body (`body`, default a few bytes) and then closes it.
 */
export type HookResult =
  | void
  | { status: number; body?: string; headers?: Record<string, string> }
  | { ignoreDisconnect: true }
  | { dropAnswer: true }
  | { hangUp: 'reset' | 'close' | 'mid-answer'; body?: string };
export type GitServerHook = (req: HookRequest) => Promise<HookResult> | HookResult;

const REPO_PATH = /^\/([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)\.git(\/.*)?$/;

function classify(pathname: string, query: URLSearchParams) {
  const m = REPO_PATH.exec(pathname);
  const repo = m && m[1] !== '..' && m[2] !== '..' ? `${m[1]}/${m[2]}` : undefined;
  const rest = m?.[3] ?? '';
  let service: GitService = 'other';
  let gitService: RequestLogEntry['gitService'];
  if (rest === '/info/refs') {
    service = 'info-refs';
    const s = query.get('service');
    if (s === 'git-upload-pack' || s === 'git-receive-pack') gitService = s;
  } else if (rest === '/git-upload-pack') {
    service = 'upload-pack';
    gitService = 'git-upload-pack';
  } else if (rest === '/git-receive-pack') {
    service = 'receive-pack';
    gitService = 'git-receive-pack';
  }
  return { repo, service, gitService };
}

/** How many times a header appears in Node's flat [name, value, name, value, …] list. */
function countHeader(raw: readonly string[], name: string): number {
  let n = 0;
  for (let i = 0; i < raw.length; i += 2) if (raw[i]?.toLowerCase() === name) n++;
  return n;
}

/** The Basic-auth user if the request carries the expected token as password. */
function authenticate(req: IncomingMessage, token: string): string | undefined {
  const m = /^basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (!m?.[1]) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0 || decoded.slice(colon + 1) !== token) return undefined;
  return decoded.slice(0, colon) || 'token';
}

function reply(
  res: ServerResponse,
  entry: RequestLogEntry,
  status: number,
  body: string,
  headers: Record<string, string> = {},
) {
  entry.status = status;
  entry.bytesOut = Buffer.byteLength(body);
  if (res.destroyed) return;
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
  res.end(body);
}

/** A connection lost by the server: a reset before any answer, or a body cut short. */
function hangUp(
  res: ServerResponse,
  entry: RequestLogEntry,
  how: { hangUp: 'reset' | 'close' | 'mid-answer'; body?: string },
) {
  entry.status = 499;
  if (res.destroyed) return;
  if (how.hangUp === 'reset') {
    res.socket?.resetAndDestroy();
    return;
  }
  if (how.hangUp === 'close') {
    res.socket?.destroy();
    return;
  }
  const body = how.body ?? '0008\x01un';
  // Chunked, no Content-Length: the client learns of the cut only when the socket closes.
  res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
  entry.bytesOut = Buffer.byteLength(body);
  res.write(body, () => res.socket?.destroy());
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The CGI environment for http-backend (RFC 3875 meta-variables plus git's own). */
function backendEnv(
  root: string,
  req: IncomingMessage,
  entry: RequestLogEntry,
  contentLength: string | undefined,
): Record<string, string> {
  return gitEnv({
    GIT_PROJECT_ROOT: root,
    GIT_HTTP_EXPORT_ALL: '1',
    PATH_INFO: entry.path,
    REQUEST_METHOD: entry.method,
    QUERY_STRING: entry.query,
    CONTENT_TYPE: req.headers['content-type'],
    // Without CONTENT_LENGTH http-backend reads stdin to EOF, which is right for chunked bodies.
    CONTENT_LENGTH: contentLength,
    REMOTE_ADDR: req.socket.remoteAddress ?? '127.0.0.1',
    REMOTE_USER: entry.user,
    // http-backend inflates gzip request bodies itself when told the encoding.
    HTTP_CONTENT_ENCODING: req.headers['content-encoding'],
    // Protocol v2 is negotiated through this variable (Apache: SetEnvIf Git-Protocol).
    GIT_PROTOCOL: entry.gitProtocol,
  });
}

/**
 * Passes a streamed request body through, counting it into the log and keeping its first bytes
 * to name the protocol v2 command once the body has ended.
 */
function countingTap(entry: RequestLogEntry, contentEncoding: string | undefined): Transform {
  let sniff = Buffer.alloc(0);
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      entry.bytesIn += chunk.length;
      if (sniff.length < 4096) sniff = Buffer.concat([sniff, chunk]);
      cb(null, chunk);
    },
    flush(cb) {
      if (entry.service === 'upload-pack') {
        entry.command = v2Command(decodeBody(sniff, contentEncoding));
      }
      cb();
    },
  });
}

export interface HandlerContext {
  /** GIT_PROJECT_ROOT: repositories live at <root>/<owner>/<name>.git. */
  root: string;
  token: string | undefined;
  requests: RequestLogEntry[];
  /** Running http-backend processes, for the server to kill on close. */
  children: Set<ChildProcess>;
  /** Aborted when the server closes. */
  closing: AbortSignal;
  hook: () => GitServerHook | undefined;
}

export function createGitHandler(ctx: HandlerContext) {
  const { root, token, requests, children, closing } = ctx;
  return (req: IncomingMessage, res: ServerResponse): void => void handle(req, res);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const { repo, service, gitService } = classify(url.pathname, url.searchParams);
    const gitProtocol = req.headers['git-protocol'] as string | undefined;
    const contentEncoding = req.headers['content-encoding']?.toLowerCase();
    const entry: RequestLogEntry = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.search.slice(1),
      repo,
      service,
      gitService,
      status: 0,
      bytesIn: 0,
      bytesOut: 0,
      contentEncoding,
      gitProtocol,
      command: undefined,
      user: undefined,
      done: false,
      durationMs: 0,
      cgiStderr: '',
      refused: [],
    };
    requests.push(entry);

    // One signal for "nobody will read the answer": the client disconnected or we are closing.
    const gone = new AbortController();
    const onClosing = () => gone.abort();
    closing.addEventListener('abort', onClosing);
    let child: ChildProcess | undefined;
    let keepChild = false;
    let dropAnswer = false;
    res.on('close', () => {
      closing.removeEventListener('abort', onClosing);
      if (!res.writableFinished) {
        gone.abort();
        if (!keepChild) child?.kill('SIGKILL');
      }
    });

    try {
      if (closing.aborted) return reply(res, entry, 503, 'server closing\n');
      // GitHub answers two Authorization headers (a checkout's persisted extraheader plus the
      // client's own) with 400. Node keeps only the first in req.headers: count the raw ones.
      if (countHeader(req.rawHeaders, 'authorization') > 1) {
        return reply(res, entry, 400, 'Duplicate header: "Authorization"\n');
      }
      if (token !== undefined) {
        entry.user = authenticate(req, token);
        if (entry.user === undefined) {
          return reply(res, entry, 401, 'authentication required\n', {
            'WWW-Authenticate': 'Basic realm="git"',
          });
        }
      }
      if (repo === undefined) return reply(res, entry, 404, 'not a repository path\n');

      let body: Buffer | undefined;
      const currentHook = ctx.hook();
      if (currentHook) {
        if (req.method === 'POST') {
          body = await readBody(req);
          entry.bytesIn = body.length;
        }
        const decoded = body && decodeBody(body, contentEncoding);
        if (decoded && service === 'upload-pack') entry.command = v2Command(decoded);
        const result = await currentHook({
          method: entry.method,
          path: entry.path,
          query: entry.query,
          repo,
          service,
          gitService,
          gitProtocol,
          ...(decoded ? { body: decoded } : {}),
          headers: req.headers,
          signal: gone.signal,
        });
        if (result && 'status' in result)
          return reply(res, entry, result.status, result.body ?? '', result.headers);
        if (result && 'hangUp' in result) return hangUp(res, entry, result);
        keepChild = !!result && ('ignoreDisconnect' in result || 'dropAnswer' in result);
        dropAnswer = !!result && 'dropAnswer' in result;
      }
      if (closing.aborted || (gone.signal.aborted && !keepChild)) return;

      const contentLength = body ? String(body.length) : req.headers['content-length'];
      const env = backendEnv(root, req, entry, contentLength);
      const counter = countingTap(entry, contentEncoding);
      const discard = new Writable({ write: (_c, _e, cb) => cb() });
      const live = !gone.signal.aborted && !dropAnswer;
      // A push's answer is small (its report); keep enough of it to read the refusals.
      const answer: Buffer[] = [];
      let kept = 0;
      const result = await runCgi({
        command: 'git',
        args: ['http-backend'],
        env,
        feed: (stdin) => {
          if (body) stdin.end(body);
          else if (req.method === 'POST') pipeline(req, counter, stdin).catch(() => {});
          else stdin.end();
        },
        sink: live ? res : discard,
        onBytes: (n) => (entry.bytesOut += n),
        ...(service === 'receive-pack'
          ? {
              tap: (chunk: Buffer) => {
                if (kept < 1 << 20) answer.push(chunk);
                kept += chunk.length;
              },
            }
          : {}),
        onHead: (head: CgiHead) => {
          entry.status = head.status;
          if (live && !res.destroyed) res.writeHead(head.status, head.statusText, head.headers);
        },
        onSpawn: (c) => {
          child = c;
          children.add(c);
          c.on('close', () => children.delete(c));
        },
      });
      entry.cgiStderr = result.stderr;
      if (dropAnswer) res.destroy();
      if (answer.length > 0) entry.refused = refusedUpdates(Buffer.concat(answer));
    } catch (err) {
      // Hook failures and aborted uploads end here; answer if anyone is still listening.
      if (!res.headersSent && !res.destroyed)
        reply(res, entry, 500, `harness error: ${String(err)}\n`);
      else res.destroy();
    } finally {
      if (entry.status === 0 || (gone.signal.aborted && !keepChild)) entry.status = 499;
      entry.durationMs = Date.now() - started;
      entry.done = true;
    }
  }
}
