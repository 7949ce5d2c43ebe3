/**
 * Typed errors. Every failure a user can cause or fix carries a stable code and a hint, so the
 * action prints one clear message instead of a stack trace.
 */
import { redact } from './secrets.js';

export type ErrorCode =
  | 'invalid-input'
  | 'invalid-config'
  | 'no-files'
  | 'file-too-large'
  | 'version-conflict'
  | 'race-exhausted'
  | 'push-refused'
  | 'rate-limited'
  | 'auth-failed'
  | 'network'
  | 'github-api'
  | 'network-timeout'
  | 'proxy-failed'
  | 'cancelled'
  | 'git-failed'
  | 'not-a-repository'
  | 'unsafe-snapshot'
  | 'unsaved-changes'
  | 'branch-not-ours'
  | 'actions-may-not-create-pull-requests';

export class SnapbackError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, hint?: string) {
    // Messages often quote a server or git; whatever they echo, no credential gets through.
    super(redact(message));
    this.name = 'SnapbackError';
    this.code = code;
    this.hint = hint === undefined ? undefined : redact(hint);
  }
}

/** A bad value for one named input (or config file field). Names it and what would be valid. */
export class InputError extends SnapbackError {
  readonly input: string;

  constructor(input: string, message: string, hint?: string) {
    super('invalid-input', `Input '${input}': ${message}`, hint);
    this.name = 'InputError';
    this.input = input;
  }
}

/** A transient failure worth retrying (5xx, timeouts, dropped connections). */
export class TransientError extends SnapbackError {
  constructor(
    message: string,
    hint = 'The git server did not answer properly; re-run the job.',
    code: ErrorCode = 'network',
  ) {
    super(code, message, hint);
    this.name = 'TransientError';
  }
}

/**
 * HTTP statuses worth asking again: a timeout (408), rate limiting (429), server trouble (5xx).
 * Any other 4xx is the server's answer (a refusal, a bad request, something missing): asking
 * again gets the same answer. A compare-and-swap lost to another writer is not retried by
 * sending the same request either: the registry reads again and decides anew.
 */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status <= 599);
}

/**
 * A request that made no progress for the stall time (`network-timeout`): abandoned and retried
 * while the step's budget lasts.
 */
export class StallError extends TransientError {
  constructor(message: string) {
    super(message);
    this.name = 'StallError';
  }
}

/** A network step that used up its whole budget without an answer. Names the host and step. */
export class NetworkTimeoutError extends SnapbackError {
  constructor(host: string, step: string, stallSeconds: number, budgetSeconds: number) {
    super(
      'network-timeout',
      `No answer from ${host} while ${step}: nothing arrived for ${stallSeconds} s at a time, and retrying gave up after ${budgetSeconds} s.`,
      `The server (or a proxy on the way) stopped answering; nothing was left half-written. Re-run the job. If transfers are just slow, raise network-timeout (seconds without progress, default 60; a step gives up after 5 times that).`,
    );
    this.name = 'NetworkTimeoutError';
  }
}

/** The run was stopped by a signal (a cancelled job, Ctrl-C); its temporary files are gone. */
export class CancelledError extends SnapbackError {
  constructor(signal: string) {
    super(
      'cancelled',
      `Cancelled (${signal}): stopped before finishing. Nothing was left half-written; a change the server had already accepted stays, anything else was not made.`,
      'Re-run the job to finish the work.',
    );
    this.name = 'CancelledError';
  }
}

/**
 * Our own error, or the one a library wrapped (octokit turns a failed fetch into a RequestError
 * whose `cause` is what our fetch threw).
 */
export function snapbackCause(error: unknown): SnapbackError | undefined {
  for (let e = error, depth = 0; e && depth < 5; depth++) {
    if (e instanceof SnapbackError) return e;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

export function formatError(error: unknown): string {
  error = snapbackCause(error) ?? error;
  if (error instanceof SnapbackError) {
    return error.hint ? `${error.message}\nHint: ${error.hint}` : error.message;
  }
  if (error instanceof Error) return error.stack ?? error.message;
  return String(error);
}
