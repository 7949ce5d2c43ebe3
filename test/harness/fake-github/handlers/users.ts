// GET /user. An installation token (GITHUB_TOKEN, or a GitHub App's) acts as no user, so GitHub
// answers it 403 "Resource not accessible by integration"; a product that asks "who am I" to
// find its own comments must cope with that (e.g. use the known login github-actions[bot]).
import { notAccessible } from '../errors.js';
import { renderUser } from '../render.js';
import type { Handler } from './context.js';

export const getAuthenticated: Handler = (ctx) => {
  const user = ctx.caller.user;
  if (ctx.caller.isActionsToken || user.type === 'Bot') return notAccessible(ctx.op.docsUrl);
  const since = '2020-01-01T00:00:00Z';
  return {
    status: 200,
    body: {
      ...renderUser(ctx.urls, user),
      name: null,
      company: null,
      blog: '',
      location: null,
      email: null,
      hireable: null,
      bio: null,
      twitter_username: null,
      public_repos: 0,
      public_gists: 0,
      followers: 0,
      following: 0,
      created_at: since,
      updated_at: since,
    },
  };
};
