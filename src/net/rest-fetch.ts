/**
 * The `fetch` octokit uses: our requests (the environment's proxy, the stall time), with the
 * network budget kept per client. Reads and updates that stall are retried within the budget;
 * a request that creates something is sent once, since its answer may be what got lost (the
 * callers look before creating again); other failures are octokit's retry plugin's to judge.
 * The budget runs from the first failure since the last answer, so nobody's retries stretch a
 * hang past it: once it is spent, every further call of this client fails at once. */
import { CancelledError, NetworkTimeoutError, SnapbackError, StallError } from '../errors.js';
import { withinBudget } from './budget.js';
import { hostOf, netFetch, type NetResponse } from './http.js';
import type { NetworkContext } from './limits.js';

type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

function headerRecord(headers: RequestInit['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  new Headers(headers).forEach((value, key) => (out[key] = value));
  return out;
}

function bodyOf(body: RequestInit['body']): Uint8Array | string | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  throw new TypeError('unsupported request body for the GitHub API');
}

function toResponse(res: NetResponse): Response {
  const empty = [101, 204, 205, 304].includes(res.status);
  const response = new Response(empty ? null : new Uint8Array(res.body), {
    status: res.status,
    statusText: res.statusText,
    headers: res.headers,
  });
  Object.defineProperty(response, 'url', { value: res.url });
  return response;
}

/**
 * A verdict no retry can change (the budget is spent, the run is cancelled). octokit passes an
 * error named AbortError through as it is, where any other failure becomes a RequestError that
 * its retry plugin would send again; our error rides along as the cause (errors.ts finds it).
 */
function final(e: unknown): unknown {
  if (!(e instanceof SnapbackError)) return e;
  const err = new Error(e.message, { cause: e });
  err.name = 'AbortError';
  return err;
}

export function restFetch(net: NetworkContext): FetchLike {
  let troubleSince: number | undefined;
  let lastFailure: unknown;
  let gaveUp: unknown;
  return async (input, init = {}) => {
    if (gaveUp) throw gaveUp;
    const url = input instanceof Request ? input.url : String(input);
    const method = (init.method ?? 'GET').toUpperCase();
    const step = {
      host: hostOf(url),
      what: `calling the GitHub API (${method} ${new URL(url).pathname})`,
    };
    const started = Date.now();
    const left = net.limits.budgetMs - (troubleSince === undefined ? 0 : started - troubleSince);
    if (left <= 0) {
      gaveUp = final(lastFailure);
      throw gaveUp;
    }
    const request = (signal: AbortSignal) =>
      netFetch(url, {
        method,
        headers: headerRecord(init.headers),
        ...(init.body != null ? { body: bodyOf(init.body) } : {}),
        signal: init.signal ? AbortSignal.any([signal, init.signal]) : signal,
        stallMs: net.limits.stallMs,
      });
    try {
      const res = await withinBudget(
        step,
        { ...net, limits: { ...net.limits, budgetMs: left } },
        request,
        // Stalls are retried here, within the budget; other failures (a refused or dropped
        // connection) go to octokit's retry plugin, which retries what it may.
        method === 'POST'
          ? { retries: 0, stallIsFinal: false }
          : { retryOn: (e) => e instanceof StallError },
      );
      troubleSince = undefined;
      lastFailure = undefined;
      return toResponse(res);
    } catch (e) {
      troubleSince ??= started;
      lastFailure = e;
      if (e instanceof NetworkTimeoutError || e instanceof CancelledError) {
        gaveUp = final(e);
        throw gaveUp;
      }
      throw e;
    }
  };
}
