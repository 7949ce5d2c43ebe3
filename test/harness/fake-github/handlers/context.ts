// What a handler gets: the validated request and the world to act on. Handlers run after the
// request matched the description, the caller was authenticated and allowed, and (for
// /repos/{owner}/{repo}/... operations) the repository was found.
import type { Reply } from '../errors.js';
import type { Issue, Repo, Store, Token } from '../model.js';
import type { Urls } from '../render.js';
import type { Operation } from '../spec.js';

export interface HandlerContext {
  store: Store;
  urls: Urls;
  op: Operation;
  caller: Token;
  /** Set for operations under /repos/{owner}/{repo}; the pipeline answers 404 when unknown. */
  repo: Repo | undefined;
  /** Path and query parameters the operation declares, coerced to their schema types. */
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  /** The raw query, for Link headers that must repeat it. */
  rawQuery: URLSearchParams;
  /** The JSON body, already valid against the operation's request schema. */
  body: unknown;
}

export type Handler = (ctx: HandlerContext) => Reply | Promise<Reply>;

export function repoOf(ctx: HandlerContext): Repo {
  if (!ctx.repo) throw new Error(`fake-github: ${ctx.op.operationId} is not repository-scoped`);
  return ctx.repo;
}

/** The issue (or pull request) named by `issue_number`/`pull_number`, if it exists. */
export function issueOf(
  ctx: HandlerContext,
  param: 'issue_number' | 'pull_number',
): Issue | undefined {
  const issue = repoOf(ctx).issues.get(ctx.path[param] as number);
  return param === 'pull_number' && !issue?.pull ? undefined : issue;
}
