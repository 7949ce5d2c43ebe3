/**
 * The GitHub REST adapter (octokit from @actions/github, at $GITHUB_API_URL). Transient
 * failures are retried; permission refusals become errors that name the permission to grant.
 */
import * as github from '@actions/github';
import pRetry from 'p-retry';
import { SnapbackError } from '../errors.js';
import { isTransient, type CommentsApi, type IssueComment } from './sticky-comment.js';

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

export function commentsApi(octokit: Octokit, repo: RepoRef): CommentsApi {
  const call = <T>(what: string, fn: () => Promise<T>, retries = RETRY.retries): Promise<T> =>
    pRetry(
      async () => {
        try {
          return await fn();
        } catch (e) {
          const status = (e as { status?: number }).status;
          if (status === 403 || status === 401)
            throw new PermissionError(what, 'pull-requests: write');
          throw e;
        }
      },
      { ...RETRY, retries },
    );
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

export function octokitFor(token: string): Octokit {
  return github.getOctokit(token, {
    baseUrl: process.env.GITHUB_API_URL || 'https://api.github.com',
  });
}
