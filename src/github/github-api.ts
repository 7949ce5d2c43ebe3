/**
 * The GitHub REST adapter (octokit from @actions/github, at $GITHUB_API_URL). Transient
 * failures are retried; permission refusals become errors that name the permission to grant.
 */
import * as github from '@actions/github';
import pRetry from 'p-retry';
import { SnapbackError } from '../errors.js';
import { isTransient, type CommentsApi, type IssueComment } from './sticky-comment.js';
import type { PullRequest, PullsApi } from './rollback-pull.js';

type Octokit = ReturnType<typeof github.getOctokit>;

export interface RepoRef {
  owner: string;
  repo: string;
}

const RETRY = {
  retries: 3,
  minTimeout: 500,
  factor: 2,
  randomize: true,
  shouldRetry: ({ error }: { error: Error }) => isTransient(error),
};

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

/**
 * A caller of the API: `fn` is retried while its failures are transient, and every failure is
 * first turned by `mapError` into the error users should see (`what` says what was attempted).
 */
function caller(mapError: (e: unknown, what: string) => unknown) {
  return <T>(what: string, fn: () => Promise<T>, retries = RETRY.retries): Promise<T> =>
    pRetry(
      async () => {
        try {
          return await fn();
        } catch (e) {
          throw mapError(e, what);
        }
      },
      { ...RETRY, retries },
    );
}

function commentError(e: unknown, what: string): unknown {
  const status = (e as { status?: number }).status;
  if (status === 403 || status === 401) return new PermissionError(what, 'pull-requests: write');
  return e;
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
      call(
        'comment on the pull request',
        async () =>
          toComment(
            (await octokit.rest.issues.createComment({ ...repo, issue_number: issue, body })).data,
          ),
        0,
      ),
    update: (id, body) =>
      call('update its pull request comment', async () => {
        await octokit.rest.issues.updateComment({ ...repo, comment_id: id, body });
      }),
    remove: (id) =>
      call('delete a duplicate comment', async () => {
        await octokit.rest.issues.deleteComment({ ...repo, comment_id: id });
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

function toPull(p: { number: number; html_url: string; draft?: boolean }): PullRequest {
  return { number: p.number, url: p.html_url, draft: p.draft ?? false };
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
      call(
        'open a pull request',
        async () => toPull((await octokit.rest.pulls.create({ ...repo, ...p })).data),
        0,
      ),
    update: (number, p) =>
      call('update the pull request', async () => {
        await octokit.rest.pulls.update({ ...repo, pull_number: number, ...p });
      }),
    close: (number) =>
      call('close the pull request', async () => {
        await octokit.rest.pulls.update({ ...repo, pull_number: number, state: 'closed' });
      }),
    comment: (number, body) =>
      call(
        'comment on the pull request',
        async () => {
          await octokit.rest.issues.createComment({ ...repo, issue_number: number, body });
        },
        0,
      ),
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

export function octokitFor(token: string): Octokit {
  return github.getOctokit(token, {
    baseUrl: process.env.GITHUB_API_URL || 'https://api.github.com',
  });
}
