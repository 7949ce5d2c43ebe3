// A local fake of GitHub's REST API for tests, strict in the way the real one is: every request
// and every answer is checked against GitHub's published OpenAPI description, and whatever the
// real API would refuse is refused here and recorded in `violations`. Point octokit at `url`
// (GITHUB_API_URL, or getOctokit(token, { baseUrl })) and assert `violations` is empty.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Handler } from './handlers/index.js';
import { Store, type RepoOptions, type TokenOptions, type UserType } from './model.js';
import type { Urls } from './render.js';
import {
  createPipeline,
  type FakeGitHubHook,
  type RateLimitRule,
  type RequestLogEntry,
  type Violation,
} from './server.js';
import { loadSpec } from './spec.js';

// Exported under FakeGitHub* names where the git server's harness already uses the plain one.
export type {
  Handler as FakeGitHubHandler,
  HandlerContext as FakeGitHubHandlerContext,
} from './handlers/index.js';
export type { Access, PermissionName, RepoOptions, TokenOptions, UserType } from './model.js';
export type {
  FakeGitHubHook,
  HookRequest as FakeGitHubHookRequest,
  HookResult as FakeGitHubHookResult,
  RequestLogEntry as FakeGitHubRequestLogEntry,
  Violation,
} from './server.js';
export type { Reply as FakeGitHubReply } from './errors.js';
export { validateRequest, validateResponse } from './validate.js';
export { MAX_COMMENT_CHARS } from './handlers/comments.js';

export interface FakeGitHubOptions {
  /** Registered with the default TokenOptions: github-actions[bot], write on everything. */
  token?: string;
  /** Base of html_url fields; default https://github.com. */
  webUrl?: string;
  /**
   * Extra or replacement handlers by operationId. Their answers are validated like the fake's
   * own, which is how the harness tests prove a wrong answer is caught.
   */
  handlers?: Record<string, Handler>;
}

export interface CommentView {
  id: number;
  body: string;
  /** Login of the author. */
  user: string;
  createdAt: string;
  updatedAt: string;
}

export interface PullRequestView {
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  /** `owner:branch`, as GitHub's head.label. */
  head: string;
  base: string;
  user: string;
  draft: boolean;
  labels: string[];
  assignees: string[];
  requestedReviewers: string[];
}

export interface FakeGitHub {
  /** API base URL without trailing slash, like https://api.github.com. */
  readonly url: string;
  /**
   * Requests the real API would refuse and answers not matching the description. Live. Kept
   * apart from the request log: only `clearViolations()` forgets them, so they last until a
   * test has asserted them.
   */
  readonly violations: Violation[];
  /** Every request, oldest first. Live. */
  readonly requests: RequestLogEntry[];
  addToken(token: string, opts?: TokenOptions): void;
  addRepo(fullName: string, opts?: RepoOptions): void;
  /** Changes settings of an existing repository, e.g. { allowActionsToCreatePRs: false }. */
  setRepo(fullName: string, opts: RepoOptions): void;
  addIssue(
    fullName: string,
    fields: {
      number?: number;
      title: string;
      body?: string;
      user?: string;
      state?: 'open' | 'closed';
    },
  ): number;
  /** `head` is a branch of the repository or `owner:branch` of a fork. Returns the number. */
  addPullRequest(
    fullName: string,
    fields: {
      number?: number;
      title: string;
      head: string;
      base: string;
      body?: string;
      state?: 'open' | 'closed';
      user?: string;
      userType?: UserType;
      draft?: boolean;
      headSha?: string;
    },
  ): number;
  /** An issue's (or pull request's) comments, oldest first. */
  comments(fullName: string, issueNumber: number): CommentView[];
  pullRequests(fullName: string): PullRequestView[];
  setHook(hook: FakeGitHubHook | undefined): void;
  /**
   * The next `times` successful calls of the operation change the state as usual, then answer
   * 502 as if the response had been lost on the way back.
   */
  failAfterApplying(operationId: string, times?: number): void;
  /**
   * The next `times` requests (of `operationId`, or of any operation) are refused the way
   * GitHub's rate limits refuse them. primary: 403 with `x-ratelimit-remaining: 0` and
   * `x-ratelimit-reset` `seconds` from now; secondary: 403 (or 429) with `retry-after: seconds`.
   */
  rateLimit(opts: {
    kind: 'primary' | 'secondary';
    seconds: number;
    status?: 403 | 429;
    operationId?: string;
    times?: number;
  }): void;
  /** Forgets logged requests (state and violations are kept). */
  resetLog(): void;
  /** Forgets recorded violations, once a test has asserted the ones it provoked. */
  clearViolations(): void;
  close(): Promise<void>;
}

export async function startFakeGitHub(opts: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  loadSpec(); // parse the description now rather than inside the first request
  for (const id of Object.keys(opts.handlers ?? {})) {
    if (!loadSpec().operations.has(id)) throw new Error(`fake-github: no operation ${id}`);
  }
  const store = new Store();
  if (opts.token) store.addToken(opts.token);
  const violations: Violation[] = [];
  const requests: RequestLogEntry[] = [];
  const failAfter = new Map<string, number>();
  const rateLimits: RateLimitRule[] = [];
  const closing = new AbortController();
  let hook: FakeGitHubHook | undefined;
  let urls: Urls = { api: '', web: opts.webUrl ?? 'https://github.com' };

  const server = createServer(
    createPipeline({
      store,
      urls: () => urls,
      violations,
      requests,
      hook: () => hook,
      handlers: opts.handlers ?? {},
      failAfter,
      rateLimits,
      closing: closing.signal,
    }),
  );
  server.on('clientError', (_err, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  urls = { ...urls, api: url };

  const issue = (fullName: string, number: number) => {
    const found = store.repo(fullName).issues.get(number);
    if (!found) throw new Error(`fake-github: no issue or pull request ${fullName}#${number}`);
    return found;
  };

  return {
    url,
    violations,
    requests,
    addToken: (token, tokenOpts) => void store.addToken(token, tokenOpts),
    addRepo: (fullName, repoOpts) => void store.addRepo(fullName, repoOpts),
    setRepo(fullName, repoOpts) {
      const repo = store.repo(fullName);
      if (repoOpts.defaultBranch !== undefined) repo.defaultBranch = repoOpts.defaultBranch;
      if (repoOpts.private !== undefined) repo.private = repoOpts.private;
      if (repoOpts.allowActionsToCreatePRs !== undefined) {
        repo.allowActionsToCreatePRs = repoOpts.allowActionsToCreatePRs;
      }
    },
    addIssue(fullName, fields) {
      const repo = store.repo(fullName);
      const user = store.user(fields.user ?? repo.owner.login);
      return store.addIssue(repo, { ...fields, user }).number;
    },
    addPullRequest(fullName, fields) {
      const repo = store.repo(fullName);
      const user = store.user(fields.user ?? repo.owner.login, fields.userType);
      return store.addPull(repo, { ...fields, user }).number;
    },
    comments(fullName, issueNumber) {
      const repo = store.repo(fullName);
      issue(fullName, issueNumber);
      return [...repo.comments.values()]
        .filter((c) => c.issueNumber === issueNumber)
        .map((c) => ({
          id: c.id,
          body: c.body,
          user: c.user.login,
          createdAt: c.createdAt,
          updatedAt: c.updatedAt,
        }));
    },
    pullRequests(fullName) {
      return [...store.repo(fullName).issues.values()]
        .filter((i) => i.pull)
        .map((i) => ({
          number: i.number,
          title: i.title,
          body: i.body,
          state: i.state,
          head: `${i.pull!.head.repo.owner.login}:${i.pull!.head.ref}`,
          base: i.pull!.base.ref,
          user: i.user.login,
          draft: i.pull!.draft,
          labels: i.labels.map((l) => l.name),
          assignees: i.assignees.map((a) => a.login),
          requestedReviewers: i.pull!.requestedReviewers.map((r) => r.login),
        }));
    },
    setHook: (h) => {
      hook = h;
    },
    failAfterApplying(operationId, times = 1) {
      if (!loadSpec().operations.has(operationId)) {
        throw new Error(`fake-github: no operation ${operationId}`);
      }
      failAfter.set(operationId, (failAfter.get(operationId) ?? 0) + times);
    },
    rateLimit({ kind, seconds, status = 403, operationId, times = 1 }) {
      if (operationId !== undefined && !loadSpec().operations.has(operationId)) {
        throw new Error(`fake-github: no operation ${operationId}`);
      }
      rateLimits.push({ kind, seconds, status, operationId, times });
    },
    resetLog() {
      requests.length = 0;
    },
    clearViolations() {
      violations.length = 0;
    },
    async close() {
      if (closing.signal.aborted) return;
      closing.abort(); // releases requests a hook is holding
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      // octokit's undici agent keeps connections alive; close() alone would wait for them.
      server.closeAllConnections();
      await stopped;
    },
  };
}
