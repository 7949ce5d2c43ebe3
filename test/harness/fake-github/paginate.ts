// GitHub's page-based pagination: `per_page` (default 30, silently capped at 100) and `page`
// (from 1), with a Link header naming the neighbouring pages. octokit.paginate follows
// rel="next" until it is gone, so the header must be exactly right or lists come back short.
import type { Reply } from './errors.js';

export interface PageRequest {
  /** URL of the list without query, as GitHub writes it in Link (see `linkBase` in handlers). */
  base: string;
  /** The request's query string; every parameter is kept in the links, `page` replaced. */
  query: URLSearchParams;
  perPage: unknown;
  page: unknown;
}

function whole(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isInteger(value) ? value : fallback;
}

export function paginate<T>(items: T[], req: PageRequest, render: (item: T) => unknown): Reply {
  let perPage = whole(req.perPage, 30);
  if (perPage < 1) perPage = 30;
  perPage = Math.min(perPage, 100);
  const page = Math.max(1, whole(req.page, 1));
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const slice = items.slice((page - 1) * perPage, page * perPage);

  const href = (n: number) => {
    const q = new URLSearchParams(req.query);
    q.delete('page');
    q.set('page', String(n));
    return `<${req.base}?${q.toString()}>`;
  };
  // GitHub's order: prev, next, last, first.
  const links: string[] = [];
  if (page > 1) links.push(`${href(Math.min(page - 1, last))}; rel="prev"`);
  if (page < last) links.push(`${href(page + 1)}; rel="next"`, `${href(last)}; rel="last"`);
  if (page > 1) links.push(`${href(1)}; rel="first"`);
  const headers: Record<string, string> = {};
  if (links.length > 0) headers.link = links.join(', ');
  return { status: 200, body: slice.map(render), headers };
}
