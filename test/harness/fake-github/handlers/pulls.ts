// Pull requests: list, get, create, update, request reviewers.
import { basicError, notFound, validationFailed } from '../errors.js';
import { timestamp, type Issue, type Repo } from '../model.js';
import { paginate } from '../paginate.js';
import { renderPull } from '../render.js';
import { issueOf, repoOf, type Handler } from './context.js';

/** `owner:branch` → both parts; a bare `branch` is a branch of the repository itself. */
function splitHead(repo: Repo, head: string): { owner: string; ref: string } {
  const colon = head.indexOf(':');
  return colon < 0
    ? { owner: repo.owner.login, ref: head }
    : { owner: head.slice(0, colon), ref: head.slice(colon + 1) };
}

function sameHead(issue: Issue, owner: string, ref: string): boolean {
  const head = issue.pull!.head;
  return head.repo.owner.login.toLowerCase() === owner.toLowerCase() && head.ref === ref;
}

export const listPulls: Handler = (ctx) => {
  const repo = repoOf(ctx);
  const state = (ctx.query.state as string | undefined) ?? 'open';
  const head = ctx.query.head as string | undefined;
  const base = ctx.query.base as string | undefined;
  let pulls = [...repo.issues.values()].filter(
    (i) => i.pull && (state === 'all' || i.state === state),
  );
  // GitHub honours `head` only in the `owner:branch` form; a bare branch name filters nothing,
  // a classic surprise worth reproducing.
  if (head?.includes(':')) {
    const { owner, ref } = splitHead(repo, head);
    pulls = pulls.filter((i) => sameHead(i, owner, ref));
  }
  if (base !== undefined) pulls = pulls.filter((i) => i.pull!.base.ref === base);
  const sort = ctx.query.sort === 'updated' ? 'updatedAt' : 'createdAt';
  // Default direction: desc for created (or no sort), asc otherwise, as documented.
  const direction =
    (ctx.query.direction as string | undefined) ??
    (ctx.query.sort === undefined || ctx.query.sort === 'created' ? 'desc' : 'asc');
  pulls.sort((a, b) => (a[sort] < b[sort] ? -1 : a[sort] > b[sort] ? 1 : a.number - b.number));
  if (direction === 'desc') pulls.reverse();
  return paginate(
    pulls,
    {
      base: `${ctx.urls.api}/repositories/${repo.id}/pulls`,
      query: ctx.rawQuery,
      perPage: ctx.query.per_page,
      page: ctx.query.page,
    },
    (i) => renderPull(ctx.urls, repo, i, false),
  );
};

export const getPull: Handler = (ctx) => {
  const issue = issueOf(ctx, 'pull_number');
  if (!issue) return notFound(ctx.op.docsUrl);
  return { status: 200, body: renderPull(ctx.urls, repoOf(ctx), issue, true) };
};

interface CreateBody {
  title?: string;
  head: string;
  base: string;
  body?: string;
  draft?: boolean;
  maintainer_can_modify?: boolean;
  issue?: number;
}

export const createPull: Handler = (ctx) => {
  const repo = repoOf(ctx);
  const docs = ctx.op.docsUrl;
  if (ctx.caller.isActionsToken && !repo.allowActionsToCreatePRs) {
    // GitHub answers 403 with exactly this text when the repository (or organization) setting
    // "Allow GitHub Actions to create and approve pull requests" is off.
    return basicError(
      403,
      'GitHub Actions is not permitted to create or approve pull requests.',
      docs,
    );
  }
  const body = ctx.body as CreateBody;
  if (body.issue !== undefined) {
    return basicError(
      422,
      'fake-github: creating a pull request from an issue is not supported',
      docs,
    );
  }
  if (body.title === undefined) {
    return validationFailed(docs, [
      { resource: 'PullRequest', code: 'missing_field', field: 'title' },
    ]);
  }
  const { owner, ref } = splitHead(repo, body.head);
  const sameRepo = owner.toLowerCase() === repo.owner.login.toLowerCase();
  if (sameRepo && ref === body.base) {
    return validationFailed(docs, [
      {
        resource: 'PullRequest',
        code: 'custom',
        message: `No commits between ${body.base} and ${ref}`,
      },
    ]);
  }
  const open = [...repo.issues.values()].some(
    (i) => i.pull && i.state === 'open' && sameHead(i, owner, ref) && i.pull.base.ref === body.base,
  );
  if (open) {
    return validationFailed(docs, [
      {
        resource: 'PullRequest',
        code: 'custom',
        message: `A pull request already exists for ${owner}:${ref}.`,
      },
    ]);
  }
  const issue = ctx.store.addPull(repo, {
    title: body.title,
    body: body.body ?? null,
    head: `${owner}:${ref}`,
    base: body.base,
    user: ctx.caller.user,
    draft: body.draft ?? false,
  });
  issue.pull!.maintainerCanModify = body.maintainer_can_modify ?? false;
  const json = renderPull(ctx.urls, repo, issue, true);
  return { status: 201, body: json, headers: { location: json.url } };
};

interface UpdateBody {
  title?: string;
  body?: string;
  state?: 'open' | 'closed';
  base?: string;
  maintainer_can_modify?: boolean;
}

export const updatePull: Handler = (ctx) => {
  const issue = issueOf(ctx, 'pull_number');
  if (!issue) return notFound(ctx.op.docsUrl);
  const body = ctx.body as UpdateBody;
  const now = timestamp();
  if (body.title !== undefined) issue.title = body.title;
  if (body.body !== undefined) issue.body = body.body;
  if (body.base !== undefined) issue.pull!.base.ref = body.base;
  if (body.maintainer_can_modify !== undefined) {
    issue.pull!.maintainerCanModify = body.maintainer_can_modify;
  }
  if (body.state !== undefined && body.state !== issue.state) {
    issue.state = body.state;
    issue.closedAt = body.state === 'closed' ? now : null;
  }
  issue.updatedAt = now;
  return { status: 200, body: renderPull(ctx.urls, repoOf(ctx), issue, true) };
};

export const requestReviewers: Handler = (ctx) => {
  const issue = issueOf(ctx, 'pull_number');
  if (!issue) return notFound(ctx.op.docsUrl);
  const { reviewers = [] } = ctx.body as { reviewers?: string[] };
  const pull = issue.pull!;
  for (const login of reviewers) {
    if (login.toLowerCase() === issue.user.login.toLowerCase()) {
      return basicError(
        422,
        'Review cannot be requested from pull request author.',
        ctx.op.docsUrl,
      );
    }
  }
  for (const login of reviewers) {
    const user = ctx.store.user(login);
    if (!pull.requestedReviewers.includes(user)) pull.requestedReviewers.push(user);
  }
  issue.updatedAt = timestamp();
  return { status: 201, body: renderPull(ctx.urls, repoOf(ctx), issue, false) };
};
