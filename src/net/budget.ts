/**
 * One network step (list refs, fetch, push, an API call) with its retries inside one budget:
 * every attempt gets a signal that ends at the budget (or when the run is cancelled), transient
 * failures and stalled attempts are retried with backoff while time is left, and a step that
 * runs out of time fails with an error naming the server and the step.
 */
import pRetry from 'p-retry';
import { NetworkTimeoutError, StallError, TransientError } from '../errors.js';
import type { NetworkContext } from './limits.js';

export interface NetworkStep {
  /** host[:port] of the server, for the message. */
  host: string;
  /** What was being done, for "while …": "listing the registry's refs". */
  what: string;
}

export interface BudgetOptions {
  /** Retries after the first attempt (each within the budget); 0 for requests that create. */
  retries?: number;
  /** Which failures are retried (default: every TransientError). */
  retryOn?: (error: Error) => boolean;
  /**
   * false: a stalled last attempt (budget not yet spent) stays a retryable StallError, for a
   * caller that decides itself whether to try again.
   */
  stallIsFinal?: boolean;
}

const isTransient = (e: Error) => e instanceof TransientError;

export async function withinBudget<T>(
  step: NetworkStep,
  net: NetworkContext,
  attempt: (signal: AbortSignal) => Promise<T>,
  opts: BudgetOptions = {},
): Promise<T> {
  const { stallMs, budgetMs } = net.limits;
  if (net.cancel?.aborted) throw net.cancel.reason;
  const started = Date.now();
  const budget = AbortSignal.timeout(budgetMs);
  const signal = net.cancel ? AbortSignal.any([net.cancel, budget]) : budget;
  // When the budget ends between attempts, or cuts one short that had barely started, the
  // last failure (a refused connection, a proxy that is down) says more than "no answer". An
  // attempt that waited a whole stall time before the budget ended is a server not answering.
  let last: unknown;
  let waitedOut = false;
  const tryOnce = async () => {
    const began = Date.now();
    try {
      return await attempt(signal);
    } catch (e) {
      if (!signal.aborted) last = e;
      else if (Date.now() - began >= stallMs) waitedOut = true;
      throw e;
    }
  };
  try {
    return await pRetry(tryOnce, {
      retries: opts.retries ?? 4,
      minTimeout: 400,
      factor: 2,
      randomize: true,
      maxRetryTime: budgetMs,
      signal,
      shouldRetry: ({ error }) => (opts.retryOn ?? isTransient)(error),
    });
  } catch (e) {
    if (net.cancel?.aborted) throw net.cancel.reason;
    const waited =
      budget.aborted && (waitedOut || last === undefined || last instanceof StallError);
    if (budget.aborted && !waited) throw last;
    if (waited || (e instanceof StallError && opts.stallIsFinal !== false)) {
      throw new NetworkTimeoutError(
        step.host,
        step.what,
        stallMs / 1000,
        Math.round((Date.now() - started) / 100) / 10,
      );
    }
    throw e;
  }
}
