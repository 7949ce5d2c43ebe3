// One request through the fake: route it to an operation of GitHub's description, validate it,
// give the hook its chance, authenticate, authorize, run the handler, then validate the answer
// before sending it. Anything the real API would refuse, and anything the fake would answer
// unlike GitHub's description, is recorded in `violations` and answered with an error status,
// so a product bug shows both as a product failure and in the test's violation check.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { identify, mayCall } from './auth.js';
import {
  badCredentials,
  basicError,
  notAccessible,
  notFound,
  primaryRateLimit,
  requiresAuthentication,
  secondaryRateLimit,
  type Reply,
} from './errors.js';
import { HANDLERS, type Handler } from './handlers/index.js';
import type { Store } from './model.js';
import type { Urls } from './render.js';
import { loadSpec, type Operation } from './spec.js';
import { checkRequest, checkResponse } from './validate.js';

export interface Violation {
  method: string;
  /** Path as requested, without the query. */
  path: string;
  operationId: string | undefined;
  where: 'request' | 'response';
  errors: string[];
}

export interface RequestLogEntry {
  method: string;
  path: string;
  /** Raw query string without '?'. */
  query: string;
  /** Status sent; 0 while the request is still being handled (e.g. held by a hook). */
  status: number;
  operationId: string | undefined;
  /** Login of the token's user, when the token was valid. */
  login: string | undefined;
  /** The answer came from the hook or failAfterApplying, not from the fake's state. */
  injected: boolean;
}

export interface HookRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  operationId: string;
  /** Path and query parameters, coerced to their schema types. */
  params: Record<string, unknown>;
  /** Parsed JSON body (already valid for the operation), undefined for none. */
  body: unknown;
  /** Aborted when the client disconnects or the fake closes while the hook holds the request. */
  signal: AbortSignal;
}

/**
 * Nothing: handle the request normally (after any delay the hook awaited). A status: answer
 * that instead, untouched by the state (e.g. 502 to exercise retries); the answer is checked
 * against the operation's responses like the fake's own, and a wrong one is recorded and sent
 * as a 500. `hangUp`: lose the connection instead of answering (the client sees a reset). The
 * request is already valid when the hook runs; an invalid one is refused before.
 */
export type HookResult =
  | void
  | {
      status: number;
      body?: unknown;
      headers?: Record<string, string>;
    }
  | { hangUp: true };
export type FakeGitHubHook = (req: HookRequest) => HookResult | Promise<HookResult>;

/** Rate-limit answers to give instead of handling requests, as GitHub's limits would. */
export interface RateLimitRule {
  /** The operation limited; undefined: every operation. */
  operationId: string | undefined;
  kind: 'primary' | 'secondary';
  status: 403 | 429;
  /** secondary: the `retry-after` seconds; primary: seconds until `x-ratelimit-reset`. */
  seconds: number;
  /** How many more requests get this answer. */
  times: number;
}

export interface PipelineDeps {
  store: Store;
  urls: () => Urls;
  violations: Violation[];
  requests: RequestLogEntry[];
  hook: () => FakeGitHubHook | undefined;
  handlers: Readonly<Record<string, Handler>>;
  /** operationId → how many more successful calls to apply and then answer 502 for. */
  failAfter: Map<string, number>;
  rateLimits: RateLimitRule[];
  closing: AbortSignal;
}

const MAX_BODY = 10 * 1024 * 1024;
const REPO_SCOPED = '/repos/{owner}/{repo}';

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** x-github-request-id looks like C0A8:3B1F:1A2B3C:1D2E3F:6650B2A1. */
function requestId(): string {
  const hex = (n: number) => randomBytes(n).toString('hex').toUpperCase();
  return `${hex(2)}:${hex(2)}:${hex(3)}:${hex(3)}:${Math.floor(Date.now() / 1000)
    .toString(16)
    .toUpperCase()}`;
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export function createPipeline(deps: PipelineDeps) {
  const { store, violations, requests } = deps;
  const used = new Map<string, number>();
  const resetAt = Math.floor(Date.now() / 1000) + 3600;

  function send(
    res: ServerResponse,
    entry: RequestLogEntry,
    reply: Reply,
    rateKey: string,
    limit: number,
  ) {
    const count = (used.get(rateKey) ?? 0) + 1;
    used.set(rateKey, count);
    const headers: Record<string, string> = {
      'x-github-request-id': requestId(),
      'x-github-api-version-selected': '2022-11-28',
      'x-github-media-type': 'github.v3; format=json',
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': String(Math.max(0, limit - count)),
      'x-ratelimit-reset': String(resetAt),
      'x-ratelimit-used': String(count),
      'x-ratelimit-resource': 'core',
      ...reply.headers,
    };
    let payload: string | undefined;
    if (reply.body !== undefined && reply.status !== 204) {
      payload = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
      headers['content-type'] = 'application/json; charset=utf-8';
      headers['content-length'] = String(Buffer.byteLength(payload));
    }
    entry.status = reply.status;
    if (res.destroyed) return;
    res.writeHead(reply.status, headers);
    res.end(payload);
  }

  function violation(entry: RequestLogEntry, where: Violation['where'], errors: string[]) {
    violations.push({
      method: entry.method,
      path: entry.path,
      operationId: entry.operationId,
      where,
      errors,
    });
  }

  /** Validates the fake's own answer; a mismatch is the fake's bug (or a test's handler's). */
  function checked(op: Operation, entry: RequestLogEntry, reply: Reply): Reply {
    const errors = checkResponse(op, reply.status, reply.status === 204 ? undefined : reply.body);
    if (errors.length === 0) return reply;
    violation(entry, 'response', errors);
    return basicError(
      500,
      `fake-github: the answer for ${op.operationId} (status ${reply.status}) does not match GitHub's description:\n- ${errors.join('\n- ')}`,
      op.docsUrl,
    );
  }

  async function handle(req: IncomingMessage, res: ServerResponse, entry: RequestLogEntry) {
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = entry.method;
    const spec = loadSpec();
    const caller = identify(store, req.headers.authorization);
    const rateKey = caller.kind === 'token' ? caller.value : 'anonymous';
    const limit = caller.kind !== 'token' ? 60 : caller.token.isActionsToken ? 1000 : 5000;
    const reply = (r: Reply) => send(res, entry, r, rateKey, limit);

    // Link headers address repositories by id (/repositories/42/issues/1/comments), as GitHub's do.
    let path = url.pathname;
    let matched = spec.match(method, path);
    const byId = /^\/repositories\/(\d+)(\/.*)?$/.exec(path);
    if (!matched && byId) {
      const repo = store.repoById(Number(byId[1]));
      if (repo) {
        path = `/repos/${repo.fullName}${byId[2] ?? ''}`;
        matched = spec.match(method, path);
      }
    }
    const raw = await readBody(req);
    if (!matched) {
      violation(entry, 'request', [
        `no operation in GitHub's description matches ${method} ${url.pathname}`,
      ]);
      return reply(notFound('https://docs.github.com/rest'));
    }
    const { op } = matched;
    entry.operationId = op.operationId;
    if (raw === undefined) return reply(basicError(413, 'Request body too large', op.docsUrl));

    let body: unknown;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        violation(entry, 'request', ['body is not valid JSON']);
        return reply(basicError(400, 'Problems parsing JSON', op.docsUrl));
      }
    }
    const pathParams = Object.fromEntries(
      Object.entries(matched.params).map(([k, v]) => [k, decode(v)]),
    );
    const request = checkRequest(op, { path: pathParams, query: url.searchParams, body });
    if (request.errors.length > 0) {
      violation(entry, 'request', request.errors);
      return reply(
        basicError(
          422,
          `Invalid request.\n\nfake-github: ${method} ${url.pathname} does not match ${op.operationId} in GitHub's OpenAPI description:\n- ${request.errors.join('\n- ')}`,
          op.docsUrl,
        ),
      );
    }

    const held = new AbortController();
    const abort = () => held.abort();
    res.on('close', abort);
    deps.closing.addEventListener('abort', abort);
    try {
      const hook = deps.hook();
      const injected = hook
        ? await hook({
            method,
            path: url.pathname,
            query: url.searchParams,
            operationId: op.operationId,
            params: { ...request.path, ...request.query },
            body,
            signal: held.signal,
          })
        : undefined;
      if (injected && 'hangUp' in injected) {
        entry.injected = true;
        entry.status = 499;
        res.socket?.resetAndDestroy();
        return;
      }
      if (injected) {
        entry.injected = true;
        const answer = { status: injected.status, body: injected.body, headers: injected.headers };
        return reply(checked(op, entry, answer));
      }
    } finally {
      res.off('close', abort);
      deps.closing.removeEventListener('abort', abort);
    }

    if (caller.kind === 'anonymous')
      return reply(checked(op, entry, requiresAuthentication(op.docsUrl)));
    if (caller.kind === 'invalid') return reply(checked(op, entry, badCredentials()));
    entry.login = caller.token.user.login;
    const limited = deps.rateLimits.find(
      (r) => r.times > 0 && (r.operationId === undefined || r.operationId === op.operationId),
    );
    if (limited) {
      limited.times--;
      entry.injected = true;
      const answer =
        limited.kind === 'primary'
          ? primaryRateLimit(
              limited.status,
              String(caller.token.user.id),
              Math.floor(Date.now() / 1000) + limited.seconds,
            )
          : secondaryRateLimit(limited.status, limited.seconds);
      return reply(checked(op, entry, answer));
    }

    let repo;
    if (op.template.startsWith(REPO_SCOPED)) {
      repo = store.findRepo(`${request.path.owner}/${request.path.repo}`);
      if (!repo) return reply(checked(op, entry, notFound(op.docsUrl)));
    }
    if (!mayCall(caller.token, op.operationId))
      return reply(checked(op, entry, notAccessible(op.docsUrl)));

    const handler = deps.handlers[op.operationId] ?? HANDLERS[op.operationId];
    if (!handler) {
      violation(entry, 'request', [`${op.operationId} is valid but not modelled by the fake`]);
      return reply(
        basicError(501, `fake-github: ${op.operationId} is not modelled by this fake`, op.docsUrl),
      );
    }
    const result = await handler({
      store,
      urls: deps.urls(),
      op,
      caller: caller.token,
      repo,
      path: request.path,
      query: request.query,
      rawQuery: url.searchParams,
      body,
    });
    const left = deps.failAfter.get(op.operationId) ?? 0;
    if (left > 0 && result.status < 400) {
      // Applied to the state, then the answer is "lost": what a proxy timeout looks like.
      deps.failAfter.set(op.operationId, left - 1);
      entry.injected = true;
      return reply(checked(op, entry, { status: 502, body: { message: 'Server Error' } }));
    }
    return reply(checked(op, entry, result));
  }

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const entry: RequestLogEntry = {
      method: (req.method ?? 'GET').toUpperCase(),
      path: url.pathname,
      query: url.search.slice(1),
      status: 0,
      operationId: undefined,
      login: undefined,
      injected: false,
    };
    requests.push(entry);
    try {
      await handle(req, res, entry);
    } catch (err) {
      // A handler that throws is a bug of the fake (or of a test's handler): loud, never silent.
      const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
      violation(entry, 'response', [`the fake threw: ${message}`]);
      entry.status = 500;
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ message: `fake-github: ${message}` }));
      }
    }
  };
}
