// Issue comments (pull request conversation comments are issue comments too).
import { notFound, validationFailed, type Reply } from '../errors.js';
import type { Comment } from '../model.js';
import { timestamp } from '../model.js';
import { paginate } from '../paginate.js';
import { renderComment } from '../render.js';
import { issueOf, repoOf, type Handler, type HandlerContext } from './context.js';

// GitHub counts characters (code points), not UTF-16 units: 65,536 emoji are still allowed.
export const MAX_COMMENT_CHARS = 65536;

function tooLong(ctx: HandlerContext, body: string): Reply | undefined {
  if ([...body].length <= MAX_COMMENT_CHARS) return undefined;
  // As GitHub answers it (field "data", code "unprocessable"), seen in many actions' logs.
  return validationFailed(ctx.op.docsUrl, [
    {
      resource: 'IssueComment',
      code: 'unprocessable',
      field: 'data',
      message: `Body is too long (maximum is ${MAX_COMMENT_CHARS} characters)`,
    },
  ]);
}

function commentOf(ctx: HandlerContext): Comment | undefined {
  return repoOf(ctx).comments.get(ctx.path.comment_id as number);
}

export const listComments: Handler = (ctx) => {
  const repo = repoOf(ctx);
  const issue = issueOf(ctx, 'issue_number');
  if (!issue) return notFound(ctx.op.docsUrl);
  const since = typeof ctx.query.since === 'string' ? Date.parse(ctx.query.since) : undefined;
  const items = [...repo.comments.values()].filter(
    (c) =>
      c.issueNumber === issue.number && (since === undefined || Date.parse(c.updatedAt) >= since),
  );
  return paginate(
    items,
    {
      // GitHub's Link URLs address the repository by id, not by owner/name.
      base: `${ctx.urls.api}/repositories/${repo.id}/issues/${issue.number}/comments`,
      query: ctx.rawQuery,
      perPage: ctx.query.per_page,
      page: ctx.query.page,
    },
    (c) => renderComment(ctx.urls, repo, c),
  );
};

export const createComment: Handler = (ctx) => {
  const repo = repoOf(ctx);
  const issue = issueOf(ctx, 'issue_number');
  if (!issue) return notFound(ctx.op.docsUrl);
  const { body } = ctx.body as { body: string };
  const refused = tooLong(ctx, body);
  if (refused) return refused;
  const comment = ctx.store.addComment(repo, issue, body, ctx.caller.user);
  const json = renderComment(ctx.urls, repo, comment);
  return { status: 201, body: json, headers: { location: json.url } };
};

export const getComment: Handler = (ctx) => {
  const comment = commentOf(ctx);
  if (!comment) return notFound(ctx.op.docsUrl);
  return { status: 200, body: renderComment(ctx.urls, repoOf(ctx), comment) };
};

export const updateComment: Handler = (ctx) => {
  const comment = commentOf(ctx);
  if (!comment) return notFound(ctx.op.docsUrl);
  const { body } = ctx.body as { body: string };
  const refused = tooLong(ctx, body);
  if (refused) return refused;
  comment.body = body;
  comment.updatedAt = timestamp();
  return { status: 200, body: renderComment(ctx.urls, repoOf(ctx), comment) };
};

export const deleteComment: Handler = (ctx) => {
  const comment = commentOf(ctx);
  if (!comment) return notFound(ctx.op.docsUrl);
  repoOf(ctx).comments.delete(comment.id);
  return { status: 204 };
};
