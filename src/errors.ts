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
  | 'rate-limited'
  | 'github-api'
  | 'git-failed'
  | 'not-a-repository'
  | 'unsafe-snapshot'
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
  constructor(message: string, hint = 'The git server did not answer properly; re-run the job.') {
    super('network', message, hint);
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

export function formatError(error: unknown): string {
  if (error instanceof SnapbackError) {
    return error.hint ? `${error.message}\nHint: ${error.hint}` : error.message;
  }
  if (error instanceof Error) return error.stack ?? error.message;
  return String(error);
}
