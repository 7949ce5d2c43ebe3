/**
 * Which GitHub REST failures are asked again, counted at the fake API: a 4xx answer is sent
 * exactly once; a 5xx or 429 answer and a lost connection are retried. Creating (a comment, a
 * pull request) is never simply sent again: after a transient failure the product looks first,
 * then creates once more only if nothing is there.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TransientError } from '../../src/errors.js';
import { commentsApi, octokitFor, pullsApi } from '../../src/github/github-api.js';
import { openOrUpdatePull, type PullSpec } from '../../src/github/rollback-pull.js';
import { markerFor, upsertStickyComment } from '../../src/github/sticky-comment.js';
import { startFakeGitHub, type FakeGitHub, type FakeGitHubHookResult } from '../harness/index.js';

const TOKEN = 'ghs_rest_retries';
const owner = 'octo';
const repo = 'rest';
const fullName = `${owner}/${repo}`;

let api: FakeGitHub;
let octokit: ReturnType<typeof octokitFor>;
const apiUrlBefore = process.env.GITHUB_API_URL;

beforeAll(async () => {
  api = await startFakeGitHub({ token: TOKEN });
  api.addRepo(fullName);
  // The product's own client, with its retry and rate-limit plugins.
  process.env.GITHUB_API_URL = api.url;
  octokit = octokitFor(TOKEN);
});

afterEach(() => {
  api.setHook(undefined);
  const left = [...api.violations];
  api.clearViolations();
  expect(left).toEqual([]);
});

afterAll(async () => {
  if (apiUrlBefore === undefined) delete process.env.GITHUB_API_URL;
  else process.env.GITHUB_API_URL = apiUrlBefore;
  await api?.close();
});

/** Answers the first `times` calls of `operationId` with `answer`, and counts every call. */
function failing(
  operationId: string,
  answer: Exclude<FakeGitHubHookResult, void>,
  times = Infinity,
) {
  const seen = { count: 0 };
  api.setHook((req) => {
    if (req.operationId !== operationId) return;
    seen.count++;
    if (seen.count <= times) return answer;
  });
  return seen;
}

const DOCS = 'https://docs.github.com/rest';
const REFUSALS: [number, Exclude<FakeGitHubHookResult, void>][] = [
  [404, { status: 404, body: { message: 'Not Found', documentation_url: DOCS } }],
  [422, { status: 422, body: { message: 'Validation Failed', documentation_url: DOCS } }],
];
const TROUBLE: [string, Exclude<FakeGitHubHookResult, void>][] = [
  ['502', { status: 502, body: { message: 'Server Error' } }],
  ['503', { status: 503, body: { message: 'Service Unavailable' } }],
  [
    '429 with retry-after',
    {
      status: 429,
      body: { message: 'You have exceeded a secondary rate limit.', documentation_url: DOCS },
      headers: { 'retry-after': '1' },
    },
  ],
  ['a lost connection', { hangUp: true }],
];

async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a failure');
}

describe('updating a comment', () => {
  it.each(REFUSALS)('sends exactly one request when GitHub answers %i', async (status, answer) => {
    const issue = api.addIssue(fullName, { title: `refused ${status}` });
    const { id } = await commentsApi(octokit, { owner, repo }).create(issue, 'before');
    const seen = failing('issues/update-comment', answer);
    const e = await failure(commentsApi(octokit, { owner, repo }).update(id, 'after'));
    expect(e).not.toBeInstanceOf(TransientError);
    expect(e.message).toContain(`HTTP ${status}`);
    expect(seen.count).toBe(1);
    expect(api.comments(fullName, issue).map((c) => c.body)).toEqual(['before']);
  });

  it('sends exactly one request when the token may not write (403)', async () => {
    const issue = api.addIssue(fullName, { title: 'forbidden' });
    const { id } = await commentsApi(octokit, { owner, repo }).create(issue, 'before');
    const seen = failing('issues/update-comment', {
      status: 403,
      body: { message: 'Resource not accessible by integration', documentation_url: DOCS },
    });
    const e = await failure(commentsApi(octokit, { owner, repo }).update(id, 'after'));
    expect(e).toMatchObject({ code: 'auth-failed' });
    expect(seen.count).toBe(1);
  });

  it.each(TROUBLE)('asks again after %s until GitHub answers', async (_what, answer) => {
    const issue = api.addIssue(fullName, { title: 'trouble' });
    const { id } = await commentsApi(octokit, { owner, repo }).create(issue, 'before');
    const seen = failing('issues/update-comment', answer, 1);
    await commentsApi(octokit, { owner, repo }).update(id, 'after');
    expect(seen.count).toBe(2);
    expect(api.comments(fullName, issue).map((c) => c.body)).toEqual(['after']);
  });

  it('gives up on a server that keeps failing', async () => {
    const issue = api.addIssue(fullName, { title: 'down' });
    const { id } = await commentsApi(octokit, { owner, repo }).create(issue, 'before');
    const seen = failing('issues/update-comment', { status: 503, body: { message: 'down' } });
    const e = await failure(commentsApi(octokit, { owner, repo }).update(id, 'after'));
    expect(e).toBeInstanceOf(TransientError);
    expect(seen.count).toBe(4);
  });
});

describe('creating the sticky comment', () => {
  const marker = markerFor('diff', ['config']);

  it('sends the create exactly once when GitHub refuses it (422)', async () => {
    const issue = api.addIssue(fullName, { title: 'sticky refused' });
    const seen = failing('issues/create-comment', REFUSALS[1]![1]);
    const e = await failure(
      upsertStickyComment(commentsApi(octokit, { owner, repo }), issue, marker, `${marker}\nA`),
    );
    expect(e).not.toBeInstanceOf(TransientError);
    expect(e.message).toContain('HTTP 422');
    expect(seen.count).toBe(1);
    expect(api.comments(fullName, issue)).toEqual([]);
  });

  it.each(TROUBLE)('looks, then creates once more after %s', async (_what, answer) => {
    const issue = api.addIssue(fullName, { title: 'sticky trouble' });
    const seen = failing('issues/create-comment', answer, 1);
    const result = await upsertStickyComment(
      commentsApi(octokit, { owner, repo }),
      issue,
      marker,
      `${marker}\nA`,
    );
    expect(result.operation).toBe('created');
    expect(seen.count).toBe(2);
    expect(api.comments(fullName, issue).map((c) => c.body)).toEqual([`${marker}\nA`]);
  });

  it('does not create again when the lost create had landed', async () => {
    const issue = api.addIssue(fullName, { title: 'sticky landed' });
    api.failAfterApplying('issues/create-comment', 1);
    api.resetLog();
    const result = await upsertStickyComment(
      commentsApi(octokit, { owner, repo }),
      issue,
      marker,
      `${marker}\nA`,
    );
    expect(result.id).toBe(api.comments(fullName, issue)[0]!.id);
    expect(api.requests.filter((r) => r.operationId === 'issues/create-comment')).toHaveLength(1);
    expect(api.comments(fullName, issue)).toHaveLength(1);
  });
});

describe('opening the rollback pull request', () => {
  let n = 0;
  const spec = (): PullSpec => ({
    branch: `snapback/rollback/t${++n}`,
    base: 'main',
    title: 'Roll back',
    body: 'body',
    draft: false,
    labels: [],
    assignees: [],
    reviewers: [],
  });

  it('sends the create exactly once when GitHub refuses it (422)', async () => {
    const seen = failing('pulls/create', REFUSALS[1]![1]);
    const e = await failure(openOrUpdatePull(pullsApi(octokit, { owner, repo }), spec()));
    expect(e).not.toBeInstanceOf(TransientError);
    expect(e.message).toContain('HTTP 422');
    expect(seen.count).toBe(1);
  });

  it.each(TROUBLE)('looks, then creates once more after %s', async (_what, answer) => {
    const s = spec();
    const before = api.pullRequests(fullName).length;
    const seen = failing('pulls/create', answer, 1);
    const outcome = await openOrUpdatePull(pullsApi(octokit, { owner, repo }), s);
    expect(outcome.operation).toBe('created');
    expect(seen.count).toBe(2);
    expect(api.pullRequests(fullName)).toHaveLength(before + 1);
  });

  it('does not create again when the lost create had landed', async () => {
    const s = spec();
    const before = api.pullRequests(fullName).length;
    api.failAfterApplying('pulls/create', 1);
    api.resetLog();
    const outcome = await openOrUpdatePull(pullsApi(octokit, { owner, repo }), s);
    expect(outcome.pull.number).toBe(api.pullRequests(fullName).at(-1)!.number);
    expect(api.requests.filter((r) => r.operationId === 'pulls/create')).toHaveLength(1);
    expect(api.pullRequests(fullName)).toHaveLength(before + 1);
  });
});

/**
 * Statuses the description of the modelled operations does not declare (so the fake would flag
 * them), answered by a bare server: the client's own rule, whatever the endpoint.
 */
describe('any 4xx from any endpoint, counted at a bare server', () => {
  async function countedAt(status: number, times: number) {
    let count = 0;
    const bare = createServer((req, res) => {
      count++;
      req.resume();
      const code = count <= times ? status : 200;
      res.writeHead(code, { 'content-type': 'application/json' });
      res.end(JSON.stringify(code === 200 ? { id: 1 } : { message: `answer ${code}` }));
    });
    await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
    const before = process.env.GITHUB_API_URL;
    process.env.GITHUB_API_URL = `http://127.0.0.1:${(bare.address() as AddressInfo).port}`;
    try {
      const client = octokitFor(TOKEN);
      const result = await commentsApi(client, { owner, repo })
        .update(1, 'x')
        .then(
          () => undefined,
          (e: Error) => e,
        );
      return { count, result };
    } finally {
      process.env.GITHUB_API_URL = before;
      bare.closeAllConnections();
      await new Promise((resolve) => bare.close(resolve));
    }
  }

  it.each([400, 405, 406, 411, 412, 413, 415, 418, 423, 451])(
    'sends exactly one request when the answer is %i',
    async (status) => {
      const { count, result } = await countedAt(status, Infinity);
      expect(result).toBeInstanceOf(Error);
      expect(result).not.toBeInstanceOf(TransientError);
      expect(count).toBe(1);
    },
  );

  it.each([408, 500, 504])('asks again after %i', async (status) => {
    const { count, result } = await countedAt(status, 1);
    expect(result).toBeUndefined();
    expect(count).toBe(2);
  });
});
