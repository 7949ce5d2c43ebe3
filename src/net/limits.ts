/**
 * How long the network may keep us waiting. One number a user sets (`network-timeout`, seconds):
 * a request, fetch or push that makes no progress for that long is abandoned and retried, and a
 * step gives up once its attempts have taken BUDGET_FACTOR times as long. 60 s matches what
 * git and most HTTP clients consider a dead connection; five minutes per step leaves room for a
 * few retries of a slow but working server and still ends a hang long before a job's own limit.
 */
export const DEFAULT_NETWORK_TIMEOUT = 60;
export const BUDGET_FACTOR = 5;

export interface NetworkLimits {
  /** Time without progress after which one attempt is abandoned. */
  stallMs: number;
  /** Time after which a step stops retrying and fails (its running attempt is stopped). */
  budgetMs: number;
}

export function networkLimits(seconds: number = DEFAULT_NETWORK_TIMEOUT): NetworkLimits {
  return { stallMs: seconds * 1000, budgetMs: seconds * 1000 * BUDGET_FACTOR };
}

/** What every network step needs: its limits, and the run's cancellation. */
export interface NetworkContext {
  limits: NetworkLimits;
  /** Aborted when the run is cancelled (SIGINT, SIGTERM); its reason is a CancelledError. */
  cancel?: AbortSignal | undefined;
}

export const DEFAULT_NETWORK: NetworkContext = { limits: networkLimits() };
