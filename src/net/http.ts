/**
 * Every HTTP request snapback makes itself (ref listing, the push request, REST calls) goes
 * through here: undici's fetch with a dispatcher that (1) goes through the proxy the environment
 * names, as git does (Node's built-in fetch ignores HTTPS_PROXY), and (2) abandons a request
 * that makes no progress for the stall time: no connection, no answer headers, or a gap between
 * body chunks (undici refreshes its timer on every chunk sent and received). The caller's signal
 * bounds the whole request (the step's budget, the run's cancellation).
 */
import { Agent, Pool, ProxyAgent, fetch, request, type Dispatcher } from 'undici';
import { Readable } from 'node:stream';
import { SnapbackError, StallError, TransientError } from '../errors.js';
import { proxyFor, type ProxyChoice } from './proxy.js';

export interface NetRequest {
  method?: string;
  headers?: Record<string, string>;
  /**
   * A stream body is sent as it is produced, never collected: a request that fails part-way
   * cannot be sent again, so the caller starts a fresh stream for each attempt.
   */
  body?: Uint8Array | string | AsyncIterable<Uint8Array>;
  /** Bounds the whole request; its reason is what the request rejects with once aborted. */
  signal?: AbortSignal;
  stallMs: number;
}

/** The answer, read completely: nothing of it depends on the network any more. */
export interface NetResponse {
  status: number;
  statusText: string;
  url: string;
  headers: Headers;
  body: Buffer;
}

const dispatchers = new Map<string, Dispatcher>();

function dispatcherFor(proxy: ProxyChoice | undefined, stallMs: number): Dispatcher {
  const key = `${stallMs} ${proxy?.url ?? ''}`;
  let d = dispatchers.get(key);
  if (d) return d;
  const timeouts = { headersTimeout: stallMs, bodyTimeout: stallMs };
  if (!proxy) {
    d = new Agent({ ...timeouts, connect: { timeout: stallMs } });
  } else {
    try {
      d = new ProxyAgent({
        uri: proxy.url,
        ...timeouts,
        // Plain-http servers get the request in absolute form, as curl sends it: proxies often
        // allow CONNECT only to port 443. https servers are tunnelled through CONNECT.
        proxyTunnel: false,
        proxyTls: { timeout: stallMs },
        factory: (origin, opts) => new Pool(origin, { ...opts, ...timeouts }),
        clientFactory: (origin, opts) => new Pool(origin, { ...opts, ...timeouts }),
      });
    } catch (e) {
      throw new SnapbackError(
        'proxy-failed',
        `The proxy in ${proxy.variable} is not a usable URL (${(e as Error).message}).`,
        `Set ${proxy.variable} to the proxy's URL, like http://proxy.example.com:3128.`,
      );
    }
  }
  dispatchers.set(key, d);
  return d;
}

/** host[:port] of a URL, for messages (never its credentials). */
export function hostOf(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    // scp-like ssh remotes: [user@]host:path
    return /^(?:[^@/]+@)?([^:/]+):/.exec(url)?.[1] ?? 'the server';
  }
}

/** The error codes undici and Node attach, looked up through the `cause` chain. */
function codeOf(e: unknown): { code: string | undefined; message: string } {
  let message = (e as Error)?.message ?? String(e);
  for (let c: unknown = e, depth = 0; c && depth < 5; depth++) {
    const code = (c as { code?: unknown }).code;
    if (typeof code === 'string') return { code, message: (c as Error).message ?? message };
    message = (c as Error).message ?? message;
    c = (c as { cause?: unknown }).cause;
  }
  return { code: undefined, message };
}

const STALLED = new Set([
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
]);
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'UND_ERR_SOCKET',
]);

/** Turns a failed request into an error that names who did not answer. */
function failure(e: unknown, url: string, proxy: ProxyChoice | undefined, stallMs: number): Error {
  const host = hostOf(url);
  const { code, message } = codeOf(e);
  if (code && STALLED.has(code)) {
    return new StallError(`${host} sent nothing for ${stallMs / 1000} s.`);
  }
  if (proxy) {
    const via = `the proxy ${proxy.shown} (from ${proxy.variable})`;
    const hint = `Check that the proxy is running and reachable from the runner, or add ${host.replace(/:\d+$/, '')} to NO_PROXY if it should be reached directly.`;
    if (/\b407\b/.test(message)) {
      return new SnapbackError(
        'proxy-failed',
        `${via} asks for credentials (HTTP 407) to reach ${host}.`,
        `Put the proxy's user and password into ${proxy.variable} (http://user:password@host:port).`,
      );
    }
    if (/Proxy response \((\d+)\)/.test(message)) {
      return new TransientError(
        `${via} would not connect to ${host} (${message}).`,
        hint,
        'proxy-failed',
      );
    }
    if (code && UNREACHABLE.has(code)) {
      return new TransientError(
        `Could not reach ${host} through ${via}: ${message}.`,
        hint,
        'proxy-failed',
      );
    }
  }
  return new TransientError(`Could not reach ${host}: ${message}.`);
}

/**
 * git's own failure to reach the server, said of the proxy when git was going through one:
 * with a proxy, curl connects to nobody else, so its "Failed to connect" is about the proxy.
 */
export function throughProxy(e: unknown, url: string, env = process.env): unknown {
  // Folder and SSH remotes are no URL a proxy applies to.
  if (!/^https?:\/\//i.test(url)) return e;
  const proxy = proxyFor(url, env);
  if (!proxy || !(e instanceof TransientError) || e instanceof StallError) return e;
  if (e.code !== 'network') return e;
  if (
    !/Failed to connect|Couldn't connect|Could not resolve proxy|from proxy|CONNECT/i.test(
      e.message,
    )
  )
    return e;
  return new TransientError(
    `${e.message} (through the proxy ${proxy.shown} from ${proxy.variable})`,
    `Check that the proxy is running and reachable from the runner, or add ${hostOf(url).replace(/:\d+$/, '')} to NO_PROXY if it should be reached directly.`,
    'proxy-failed',
  );
}

/**
 * One request, its answer read completely before it returns, so the stall timer covers the
 * body too and a retry never meets a half-read response.
 */
export async function netFetch(url: string, req: NetRequest): Promise<NetResponse> {
  const proxy = proxyFor(url);
  const dispatcher = dispatcherFor(proxy, req.stallMs);
  if (req.body !== undefined && typeof req.body !== 'string' && !(req.body instanceof Uint8Array))
    return streamed(url, req, req.body, dispatcher, proxy);
  try {
    const res = await fetch(url, {
      method: req.method ?? 'GET',
      headers: req.headers ?? {},
      ...(typeof req.body === 'string' || req.body instanceof Uint8Array ? { body: req.body } : {}),
      ...(req.signal ? { signal: req.signal } : {}),
      redirect: 'follow',
      dispatcher,
    });
    const body = Buffer.from(await res.arrayBuffer());
    return {
      status: res.status,
      statusText: res.statusText,
      url: res.url,
      headers: res.headers as unknown as Headers,
      body,
    };
  } catch (e) {
    if (req.signal?.aborted) throw req.signal.reason;
    throw failure(e, url, proxy, req.stallMs);
  }
}

/**
 * A request whose body is produced as it is sent. undici's `fetch` reads a stream body ahead of
 * the socket (a 100 MB body sat in memory whole); its `request` writes a chunk only once the
 * socket has taken the last one. Nothing is redirected: a stream cannot be sent twice.
 */
async function streamed(
  url: string,
  req: NetRequest,
  body: AsyncIterable<Uint8Array>,
  dispatcher: Dispatcher,
  proxy: ProxyChoice | undefined,
): Promise<NetResponse> {
  try {
    const res = await request(url, {
      method: (req.method ?? 'POST') as Dispatcher.HttpMethod,
      headers: req.headers ?? {},
      body: Readable.from(body, { objectMode: false }),
      ...(req.signal ? { signal: req.signal } : {}),
      dispatcher,
    });
    const headers = new Headers();
    for (const [name, value] of Object.entries(res.headers)) {
      for (const v of Array.isArray(value) ? value : [value]) {
        if (v !== undefined) headers.append(name, v);
      }
    }
    return {
      status: res.statusCode,
      statusText: '',
      url,
      headers,
      body: Buffer.from(await res.body.arrayBuffer()),
    };
  } catch (e) {
    if (req.signal?.aborted) throw req.signal.reason;
    throw failure(e, url, proxy, req.stallMs);
  }
}
