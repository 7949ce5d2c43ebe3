/**
 * What a failed GitHub REST call means for the user. Classified by status and headers, never by
 * GitHub's wording: a 403 or 429 with `retry-after` or `x-ratelimit-remaining: 0` is a rate
 * limit (GitHub's secondary limit is a 403), any other 403 a missing permission, 5xx and a
 * connection that never answered are transient, and the rest are answers worth showing.
 * Every message names the operation and the API host; none carries the token.
 */
import { SnapbackError, snapbackCause, TransientError } from '../errors.js';

/** GitHub's answer when a token lacks a permission (fork PRs get read-only tokens). */
export class PermissionError extends SnapbackError {
  constructor(what: string, permission: string) {
    super(
      'auth-failed',
      `The token may not ${what}: GitHub answered "Resource not accessible by integration".`,
      `Give the job 'permissions: ${permission}'. Pull requests from forks always get a read-only token.`,
    );
  }
}

/** A rate limit that asked for a longer wait than the run may spend. */
export class RateLimitedError extends SnapbackError {
  constructor(
    readonly what: string,
    host: string,
    wait: string,
  ) {
    super(
      'rate-limited',
      `GitHub's API at ${host} is rate limiting this token: could not ${what} (${wait}).`,
      'Re-run the job once the limit has reset. Workflows that share a token share its limit: fewer runs writing at once (a concurrency group) or a token of its own for this step keep it from recurring.',
    );
    this.name = 'RateLimitedError';
  }
}

interface RequestErrorLike {
  status: number;
  message: string;
  request?: { url?: string };
  response?: { headers?: Record<string, string | number | undefined>; data?: unknown };
}

function isRequestError(e: unknown): e is RequestErrorLike {
  return (
    e instanceof Error && typeof (e as { status?: unknown }).status === 'number' && 'request' in e
  );
}

function hostOf(e: RequestErrorLike): string {
  for (const url of [e.request?.url, process.env.GITHUB_API_URL, 'https://api.github.com']) {
    try {
      if (url) return new URL(url).host;
    } catch {
      // not a URL: try the next
    }
  }
  return 'api.github.com';
}

/** GitHub's own words from an error body: its message and any field errors, kept short. */
function detail(e: RequestErrorLike): string {
  const data = e.response?.data as
    | { message?: unknown; errors?: { message?: unknown; code?: unknown; field?: unknown }[] }
    | undefined;
  const message = typeof data?.message === 'string' ? data.message : '';
  const errors = Array.isArray(data?.errors)
    ? data.errors
        .map((x) =>
          typeof x?.message === 'string'
            ? x.message
            : [x?.field, x?.code].filter((v) => typeof v === 'string').join(' '),
        )
        .filter(Boolean)
    : [];
  const text = [message, ...errors].filter(Boolean).join('; ');
  // Control characters never reach the log.
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ').slice(0, 300);
}

/** How long the rate limit asked to wait, in words; undefined when it is not a rate limit. */
function rateLimitWait(e: RequestErrorLike): string | undefined {
  if (e.status !== 403 && e.status !== 429) return undefined;
  const headers = e.response?.headers ?? {};
  const retryAfter = headers['retry-after'];
  if (retryAfter !== undefined && retryAfter !== '') {
    return `it asked to wait ${String(retryAfter)} s, more than this run may wait`;
  }
  if (String(headers['x-ratelimit-remaining']) === '0') {
    const reset = Number(headers['x-ratelimit-reset']);
    return Number.isFinite(reset) && reset > 0
      ? `the limit resets at ${new Date(reset * 1000).toISOString()}`
      : 'no requests left in this hour';
  }
  return undefined;
}

/**
 * The error to show for a failed REST call `what` ("comment on the pull request"). `permission`
 * is what a 403 asks to grant. Errors that are not GitHub's answers pass through unchanged.
 */
export function apiFailure(e: unknown, what: string, permission: string): unknown {
  // Our fetch's own verdict (no answer within the budget, a proxy that is down, a cancelled
  // run) arrives wrapped by octokit; it already names the server and the step.
  const ours = snapbackCause(e);
  if (ours && ours.code !== 'network') return ours;
  if (!isRequestError(e)) return e;
  const host = hostOf(e);
  const status = e.status;
  if (!e.response) {
    // No answer at all (refused, reset, timed out): octokit reports these as status 500.
    return new TransientError(
      `Could not reach GitHub's API at ${host} to ${what}: ${e.message}.`,
      'Check that GITHUB_API_URL names a server this runner can reach (a proxy or firewall may be in the way), then re-run the job.',
    );
  }
  const wait = rateLimitWait(e);
  if (wait) return new RateLimitedError(what, host, wait);
  const said = detail(e);
  const answer = `HTTP ${status}${said ? `: ${said}` : ''}`;
  if (status === 401) {
    return new SnapbackError(
      'auth-failed',
      `GitHub's API at ${host} did not accept the token to ${what} (${answer}).`,
      'The token is missing, expired or revoked: pass a valid token (the default is the job token, secrets.GITHUB_TOKEN).',
    );
  }
  if (status === 403) return new PermissionError(what, permission);
  if (status >= 500) {
    return new TransientError(
      `GitHub's API at ${host} failed to ${what} (${answer}), also when asked again.`,
      'GitHub may be having trouble (https://www.githubstatus.com); re-run the job later.',
    );
  }
  if (status === 404) {
    return new SnapbackError(
      'github-api',
      `GitHub's API at ${host} could not find what it needs to ${what} (${answer}).`,
      'Check that GITHUB_REPOSITORY and GITHUB_API_URL name this repository and its server, and that the token can see the repository (GitHub answers 404 to a token without access).',
    );
  }
  return new SnapbackError(
    'github-api',
    `GitHub's API at ${host} refused to ${what} (${answer}).`,
    status === 422
      ? 'GitHub found the request invalid for the current state of the repository (a deleted branch, a closed pull request, an unknown label or reviewer); fix that and re-run the job.'
      : 'Re-run the job; if it keeps failing, the server may not support this request.',
  );
}
