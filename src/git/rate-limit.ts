/**
 * A git server that asks us to slow down (HTTP 429, or 503 with `Retry-After`) is waited for as
 * told, within one budget per run, instead of failing the run in a second. GitHub rate-limits
 * git traffic as well as its REST API, busiest at the top of the hour when scheduled workflows
 * start together.
 */
import { SnapbackError } from '../errors.js';

/** Total waiting a run accepts before giving up on a rate-limiting server. */
export const RATE_LIMIT_BUDGET_MS = 5 * 60_000;
/** When the server does not say how long (git's own HTTP hides the header): 5 s, then doubling. */
const FIRST_GUESS_MS = 5_000;

const HINT =
  'The git server is rate-limiting this repository or token. Re-run the job later, spread out workflows that start at the same moment (cron schedules at :00), or give busy jobs a concurrency group.';

/** The server said "too many requests"; `retryAfterMs` is how long it asked us to wait, if it did. */
export class RateLimited extends SnapbackError {
  constructor(
    readonly status: number,
    readonly retryAfterMs: number | undefined,
  ) {
    super('rate-limited', `The git server is rate-limiting requests (HTTP ${status}).`, HINT);
    this.name = 'RateLimited';
  }
}

/** `Retry-After`: delay-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(
  value: string | null | undefined,
  now = Date.now(),
): number | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  if (/^\d{1,9}$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The rate-limit signal in an HTTP answer, or null when it is none. */
export function rateLimitOf(
  status: number,
  retryAfter: string | null | undefined,
): RateLimited | null {
  const wait = parseRetryAfter(retryAfter);
  if (status === 429 || (status === 503 && wait !== undefined))
    return new RateLimited(status, wait);
  return null;
}

export interface RateLimitBudget {
  /** Milliseconds still available for waiting. */
  left: number;
}

export function newBudget(ms = RATE_LIMIT_BUDGET_MS): RateLimitBudget {
  return { left: ms };
}

/**
 * Runs `fn`; each time it is rate-limited, waits as told (or a growing guess) and runs it again,
 * while the budget lasts. A wait longer than what is left fails at once: sleeping first would only
 * fail later.
 */
export async function withRateLimits<T>(
  what: string,
  budget: RateLimitBudget,
  log: (message: string) => void,
  fn: () => Promise<T>,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Promise<T> {
  let guess = FIRST_GUESS_MS;
  for (;;) {
    try {
      return await fn();
    } catch (e) {
      if (!(e instanceof RateLimited)) throw e;
      const wait = e.retryAfterMs ?? guess;
      if (e.retryAfterMs === undefined) guess *= 2;
      if (wait > budget.left) {
        throw new SnapbackError(
          'rate-limited',
          `Could not ${what}: the git server is rate-limiting requests (HTTP ${e.status}) and asked to wait ${seconds(wait)}, beyond the ${seconds(budget.left)} left of snapback's ${seconds(RATE_LIMIT_BUDGET_MS)} budget for such waits.`,
          HINT,
        );
      }
      log(
        `The git server is rate-limiting requests (HTTP ${e.status}); waiting ${seconds(wait)}${e.retryAfterMs === undefined ? '' : ' as it asked'} before trying to ${what} again.`,
      );
      budget.left -= wait;
      await sleep(wait);
    }
  }
}

function seconds(ms: number): string {
  return `${Math.ceil(ms / 1000)} s`;
}
