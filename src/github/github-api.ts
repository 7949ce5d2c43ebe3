/**
 * The GitHub REST adapter (octokit from @actions/github, at $GITHUB_API_URL). Rate limits are
 * waited out by @octokit/plugin-throttling as GitHub asks (`retry-after`, `x-ratelimit-reset`)
 * within a budget; other transient failures (5xx, a dropped connection) are retried by
 * @octokit/plugin-retry. Requests that create something are never retried blindly: the callers
 * look before creating again (sticky-comment.ts, rollback-pull.ts). Whatever still fails becomes
 * an error that names the operation, the server and what to do (api-errors.ts).
 */
import * as github from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { SnapbackError } from '../errors.js';
import { apiFailure } from './api-errors.js';
import type { CommentsApi, IssueComment } from './sticky-comment.js';
import type { PullRequest, PullsApi } from './rollback-pull.js';
import { DEFAULT_NETWORK, type NetworkContext } from '../net/limits.js';
import { restFetch } from '../net/rest-fetch.js';

export { PermissionError } from './api-errors.js';

type Octokit = ReturnType<typeof github.getOctokit>;

export interface RepoRef {
  owner: string;
  repo: string;
}

/** plugin-retry retries what this list leaves out: 5xx, 408 and 409 (it lists, not ranges). */
const NOT_RETRIED_STATUSES = Array.from({ length: 100 }, (_, i) => 400 + i).filter(
  (s) => s !== 408 && s !== 409,
);

/** Request options that turn plugin-retry off for one request (a create; see the header). */
const NOT_RETRIED = { request: { retries: 0 } };

function toComment(c: {
  id: number;
  body?: string | null;
  user?: { login: string; type: string } | null;
}): IssueComment {
  return {
    id: c.id,
    body: c.body ?? '',
    login: c.user?.login ?? '',
    isBot: c.user?.type === 'Bot',
  };
}

/** A caller of the API: every failure is turned by `mapError` into the error users should see. */
function caller(mapError: (e: unknown, what: string) => unknown) {
  return async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (e) {
      throw mapError(e, what);
    }
  };
}

function commentError(e: unknown, what: string): unknown {
  return apiFailure(e, what, 'pull-requests: write');
}

export function commentsApi(octokit: Octokit, repo: RepoRef): CommentsApi {
  const call = caller(commentError);
  let self: Promise<string | undefined> | undefined;
  return {
    list: (issue) =>
      call('read pull request comments', async () =>
        (
          await octokit.paginate(octokit.rest.issues.listComments, {
            ...repo,
            issue_number: issue,
            per_page: 100,
          })
        ).map(toComment),
      ),
    // Not retried here: upsertStickyComment looks before creating again.
    create: (issue, body) =>
      call('comment on the pull request', async () =>
        toComment(
          (
            await octokit.rest.issues.createComment({
              ...repo,
              issue_number: issue,
              body,
              ...NOT_RETRIED,
            })
          ).data,
        ),
      ),
    update: (id, body) =>
      call('update its pull request comment', async () => {
        await octokit.rest.issues.updateComment({ ...repo, comment_id: id, body });
      }),
    remove: (id) =>
      call('delete a duplicate comment', async () => {
        try {
          await octokit.rest.issues.deleteComment({ ...repo, comment_id: id });
        } catch (e) {
          // Another run deleted the same duplicate first: gone is what we wanted.
          if ((e as { status?: number }).status !== 404) throw e;
        }
      }),
    selfLogin: () => {
      // The Actions token cannot read /user (403): its comments are github-actions[bot]'s.
      self ??= octokit.rest.users.getAuthenticated().then(
        (r) => r.data.login,
        () => undefined,
      );
      return self;
    },
  };
}

/** GitHub's refusal when the repository does not let Actions open pull requests. */
const ACTIONS_MAY_NOT = /not permitted to create or approve pull requests/i;

function pullError(e: unknown, what: string): unknown {
  const status = (e as { status?: number }).status;
  const message = (e as { message?: string }).message ?? '';
  if (status === 403 && ACTIONS_MAY_NOT.test(message)) {
    return new SnapbackError(
      'actions-may-not-create-pull-requests',
      'GitHub Actions is not permitted to create or approve pull requests in this repository.',
      "Turn on Settings → Actions → General → Workflow permissions → 'Allow GitHub Actions to create and approve pull requests' (for an organization's repositories, the organization's settings must allow it too), or pass a token that may open pull requests as 'pr-token'. The rollback branch is pushed; re-run once it is allowed.",
    );
  }
  return commentError(e, what);
}

function toPull(p: {
  number: number;
  html_url: string;
  draft?: boolean;
  title?: string;
  body?: string | null;
  labels?: ({ name?: string } | string)[];
  assignees?: { login: string }[] | null;
  requested_reviewers?: { login: string }[] | null;
}): PullRequest {
  return {
    number: p.number,
    url: p.html_url,
    draft: p.draft ?? false,
    current: {
      title: p.title ?? '',
      body: p.body ?? '',
      labels: (p.labels ?? []).map((l) => (typeof l === 'string' ? l : (l.name ?? ''))),
      assignees: (p.assignees ?? []).map((a) => a.login),
      reviewers: (p.requested_reviewers ?? []).map((r) => r.login),
    },
  };
}

export function pullsApi(octokit: Octokit, repo: RepoRef): PullsApi {
  const call = caller(pullError);
  return {
    findOpen: (branch, base) =>
      call('read pull requests', async () => {
        const list = await octokit.paginate(octokit.rest.pulls.list, {
          ...repo,
          state: 'open',
          head: `${repo.owner}:${branch}`,
          base,
          per_page: 100,
        });
        const found = list.find((p) => p.head.ref === branch && p.base.ref === base);
        return found ? toPull(found) : undefined;
      }),
    // Not retried here: openOrUpdatePull looks before creating again.
    create: (p) =>
      call('open a pull request', async () =>
        toPull((await octokit.rest.pulls.create({ ...repo, ...p, ...NOT_RETRIED })).data),
      ),
    update: (number, p) =>
      call('update the pull request', async () => {
        await octokit.rest.pulls.update({ ...repo, pull_number: number, ...p });
      }),
    close: (number) =>
      call('close the pull request', async () => {
        await octokit.rest.pulls.update({ ...repo, pull_number: number, state: 'closed' });
      }),
    // A comment that says why the pull request closes: a duplicate would be harmless, but a
    // POST is still not repeated blindly.
    comment: (number, body) =>
      call('comment on the pull request', async () => {
        await octokit.rest.issues.createComment({
          ...repo,
          issue_number: number,
          body,
          ...NOT_RETRIED,
        });
      }),
    addLabels: (number, labels) =>
      call('label the pull request', async () => {
        await octokit.rest.issues.addLabels({ ...repo, issue_number: number, labels: [...labels] });
      }),
    addAssignees: (number, assignees) =>
      call('assign the pull request', async () => {
        await octokit.rest.issues.addAssignees({
          ...repo,
          issue_number: number,
          assignees: [...assignees],
        });
      }),
    requestReviewers: (number, reviewers) =>
      call('request reviewers', async () => {
        await octokit.rest.pulls.requestReviewers({
          ...repo,
          pull_number: number,
          reviewers: [...reviewers],
        });
      }),
  };
}

export interface OctokitOptions {
  /** Progress lines for the job log (waiting for a rate limit, retrying). */
  log?: (message: string) => void;
  /**
   * Seconds this client may spend waiting for rate limits in all. Beyond that the run fails
   * with 'rate-limited' instead of waiting (a primary limit can take an hour to reset).
   */
  waitBudgetSeconds?: number;
  /** Time limits of every request and the run's cancellation (default: 60 s without progress). */
  network?: NetworkContext;
}

/** A few minutes: GitHub's secondary limits usually ask for a minute or less. */
export const DEFAULT_WAIT_BUDGET_SECONDS = 180;
/** Rate-limit retries of one request, whatever the budget says. */
const RATE_LIMIT_RETRIES = 3;

export function octokitFor(token: string, opts: OctokitOptions = {}): Octokit {
  const log = opts.log ?? (() => undefined);
  const budget = opts.waitBudgetSeconds ?? DEFAULT_WAIT_BUDGET_SECONDS;
  let waited = 0;
  const onLimit =
    (kind: string) =>
    (retryAfter: number, options: { method: string; url: string }, _o: unknown, count: number) => {
      if (count >= RATE_LIMIT_RETRIES || waited + retryAfter > budget) return false;
      waited += retryAfter;
      log(
        `GitHub's ${kind} rate limit: waiting ${retryAfter} s before ${options.method} ${options.url} again.`,
      );
      return true;
    };
  return github.getOctokit(
    token,
    {
      baseUrl: process.env.GITHUB_API_URL || 'https://api.github.com',
      // Our fetch: the environment's proxy, the stall limit and budget (src/net/rest-fetch.ts).
      request: { fetch: restFetch(opts.network ?? DEFAULT_NETWORK) },
      throttle: {
        onRateLimit: onLimit('primary'),
        onSecondaryRateLimit: onLimit('secondary'),
      },
      retry: {
        // Rate limits (403, 429) are plugin-throttling's; every other 4xx is an answer, except
        // a timeout (408) and a conflict with a concurrent change (409).
        doNotRetry: NOT_RETRIED_STATUSES,
        // 0.5, 2 and 4.5 s apart: a 5xx or a dropped connection gets three more tries.
        retries: 3,
        retryAfterBaseValue: 500,
      },
    },
    retry,
    throttling,
    ownRequestOptions,
  );
}

/**
 * plugin-retry counts a request's retries in `options.request`, an object octokit shares among
 * all requests that set none of their own: one request's spent retries then lengthened the next
 * one's first backoff (12.5 s instead of 0.5 s). Outermost of the plugins, this gives every
 * request its own copy.
 */
function ownRequestOptions(octokit: Pick<Octokit, 'hook'>): void {
  octokit.hook.wrap('request', (request, options) => {
    // Every hook of this request holds this same options object: replace the part in place.
    options.request = { ...options.request };
    return request(options);
  });
}
