// GitHub's error answers, byte for byte where we know them, because products (and octokit's
// HttpError message) depend on the exact text. Since 2024 GitHub also echoes the status as a
// string in the body, e.g. {"message":"Bad credentials","documentation_url":...,"status":"401"}.

/** What a handler returns: status, JSON body (omitted for 204) and extra headers. */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export function basicError(status: number, message: string, docsUrl: string): Reply {
  return { status, body: { message, documentation_url: docsUrl, status: String(status) } };
}

export const badCredentials = (): Reply =>
  basicError(401, 'Bad credentials', 'https://docs.github.com/rest');

export const requiresAuthentication = (docsUrl: string): Reply =>
  basicError(401, 'Requires authentication', docsUrl);

/** A token without the needed permission, e.g. the read-only token of a fork's pull request. */
export const notAccessible = (docsUrl: string): Reply =>
  basicError(403, 'Resource not accessible by integration', docsUrl);

export const notFound = (docsUrl: string): Reply => basicError(404, 'Not Found', docsUrl);

export interface FieldError {
  resource: string;
  code: string;
  field?: string;
  message?: string;
}

/** 422 "Validation Failed" with GitHub's `errors` list (octokit puts it in the error message). */
export function validationFailed(docsUrl: string, errors: FieldError[]): Reply {
  return {
    status: 422,
    body: { message: 'Validation Failed', errors, documentation_url: docsUrl, status: '422' },
  };
}

const RATE_LIMIT_DOCS = 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api';

/**
 * The primary rate limit spent: 403 (or 429) with `x-ratelimit-remaining: 0` and the reset time
 * in epoch seconds. No `retry-after`: clients wait for the reset.
 */
export function primaryRateLimit(status: 403 | 429, login: string, resetAt: number): Reply {
  return {
    ...basicError(status, `API rate limit exceeded for user ID ${login}.`, RATE_LIMIT_DOCS),
    headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(resetAt) },
  };
}

/** A secondary rate limit: 403 or 429 with `retry-after` (seconds), the primary budget left. */
export function secondaryRateLimit(status: 403 | 429, retryAfter: number): Reply {
  return {
    ...basicError(
      status,
      'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID 0000:0000:000000:000000:00000000.',
      `${RATE_LIMIT_DOCS}#about-secondary-rate-limits`,
    ),
    headers: { 'retry-after': String(retryAfter) },
  };
}
