// Labels and assignees of an issue or pull request, and the repository itself.
import { notFound } from '../errors.js';
import { timestamp } from '../model.js';
import { renderIssue, renderLabel, renderRepo } from '../render.js';
import { issueOf, repoOf, type Handler } from './context.js';

type NameOr<K extends string> = string | Record<K, string>;

export const addLabels: Handler = (ctx) => {
  const repo = repoOf(ctx);
  const issue = issueOf(ctx, 'issue_number');
  if (!issue) return notFound(ctx.op.docsUrl);
  const { labels = [] } = ctx.body as { labels?: NameOr<'name'>[] };
  for (const entry of labels) {
    const label = ctx.store.label(repo, typeof entry === 'string' ? entry : entry.name);
    if (!issue.labels.includes(label)) issue.labels.push(label);
  }
  issue.updatedAt = timestamp();
  // The answer lists every label the issue now has, not just the added ones.
  return { status: 200, body: issue.labels.map((l) => renderLabel(ctx.urls, repo, l)) };
};

export const addAssignees: Handler = (ctx) => {
  const issue = issueOf(ctx, 'issue_number');
  if (!issue) return notFound(ctx.op.docsUrl);
  const { assignees = [] } = ctx.body as { assignees?: NameOr<'login'>[] };
  for (const entry of assignees) {
    const user = ctx.store.user(typeof entry === 'string' ? entry : entry.login);
    if (!issue.assignees.includes(user)) issue.assignees.push(user);
  }
  issue.updatedAt = timestamp();
  return { status: 201, body: renderIssue(ctx.urls, repoOf(ctx), issue) };
};

export const getRepo: Handler = (ctx) => ({ status: 200, body: renderRepo(ctx.urls, repoOf(ctx)) });
