/**
 * GitHub's REST API failing the ways it does, end to end through dist/index.js on a
 * pull_request diff (the sticky comment): rate limits answered as GitHub answers them (waited
 * out within the budget, else a clear 'rate limited' failure, never "missing permission"),
 * 5xx retried, and every failure that remains a message naming the operation and the API host,
 * without a stack trace or the token.
 */
import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  checkout,
  cleanupTempDirs,
  createRemoteRepo,
  runAction,
  startFakeGitHub,
  startGitServer,
  writeTree,
  type ActionResult,
  type FakeGitHub,
  type GitServer,
} from '../harness/index.js';

const TOKEN = 'ghs_restfailuretoken0123456789';
let server: GitServer;
let api: FakeGitHub;
let seq = 0;

beforeAll(async () => {
  server = await startGitServer({ token: TOKEN });
  api = await startFakeGitHub();
  api.addToken(TOKEN, {
    permissions: { contents: 'write', 'pull-requests': 'write', issues: 'write' },
  });
});
afterEach(() => {
  api.setHook(undefined);
  expect(api.violations).toEqual([]);
});
afterAll(async () => {
  await api?.close();
  await server?.close();
  await cleanupTempDirs();
});

/** A repository with v1 recorded, an open pull request and a changed work tree. */
async function pullRequest(): Promise<{ repo: string; ws: string; pr: number }> {
  const repo = `acme/rest-${++seq}`;
  await createRemoteRepo(server, repo, { 'conf/app.json': '{"model":"a"}' });
  const ws = await checkout(server, repo, { token: TOKEN });
  const r = await runAction({
    workspace: ws,
    server,
    repo,
    token: TOKEN,
    inputs: { track: 'config', paths: 'conf/**' },
  });
  expect(r.code, r.stderr).toBe(0);
  api.addRepo(repo);
  const pr = api.addPullRequest(repo, { title: 'Tune', head: 'tune', base: 'main' });
  await writeTree(ws, { 'conf/app.json': '{"model":"b"}' });
  return { repo, ws, pr };
}

function diffRun(
  p: { repo: string; ws: string; pr: number },
  opts: { token?: string; apiUrl?: string } = {},
) {
  return runAction({
    workspace: p.ws,
    server,
    repo: p.repo,
    token: opts.token ?? TOKEN,
    eventName: 'pull_request',
    event: { action: 'synchronize', number: p.pr, pull_request: { number: p.pr } },
    env: { GITHUB_API_URL: opts.apiUrl ?? api.url },
    inputs: { command: 'diff', track: 'config', paths: 'conf/**' },
  });
}

const calls = (operationId: string) =>
  api.requests.filter((r) => r.operationId === operationId).length;

/** The failure as the job shows it: one error annotation, plain words, no stack, no token. */
function failure(r: ActionResult, token = TOKEN): string {
  expect(r.code, r.stdout).not.toBe(0);
  const error = r.annotations.find((a) => a.level === 'error');
  expect(error, r.stdout + r.stderr).toBeDefined();
  // The runner is told to mask the token (::add-mask::); nothing else may carry it.
  const all = (r.stdout + r.stderr).replace(/^::add-mask::.*$/gm, '');
  expect(all).not.toMatch(/\n\s+at [\w.<>]+ \(|fetchWrapper|HttpError/);
  expect(all).not.toContain(token);
  return error!.message;
}

const host = () => new URL(api.url).host;

describe('rate limits', () => {
  it.each([403, 429] as const)(
    'a secondary rate limit (%i with retry-after) on creating the comment is waited out: one comment',
    async (status) => {
      const p = await pullRequest();
      api.resetLog();
      api.rateLimit({
        kind: 'secondary',
        status,
        seconds: 1,
        operationId: 'issues/create-comment',
      });
      const r = await diffRun(p);
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(api.comments(p.repo, p.pr)).toHaveLength(1);
      expect(calls('issues/create-comment')).toBe(2);
      expect(r.stdout).toMatch(/secondary rate limit: waiting 1 s/);
    },
  );

  it('a secondary rate limit asking for longer than the budget fails as rate limited, at once', async () => {
    const p = await pullRequest();
    api.resetLog();
    api.rateLimit({ kind: 'secondary', seconds: 3600, operationId: 'issues/list-comments' });
    const message = failure(await diffRun(p));
    expect(message).toContain('rate limiting');
    expect(message).toContain('could not read pull request comments');
    expect(message).toContain('3600 s');
    expect(message).toContain(host());
    expect(message).not.toMatch(/permission/i);
    expect(calls('issues/list-comments')).toBe(1);
    expect(api.comments(p.repo, p.pr)).toHaveLength(0);
  });

  it('the primary rate limit spent (x-ratelimit-remaining: 0) fails as rate limited, naming the reset', async () => {
    const p = await pullRequest();
    api.resetLog();
    api.rateLimit({ kind: 'primary', seconds: 3000, operationId: 'issues/list-comments' });
    const message = failure(await diffRun(p));
    expect(message).toMatch(/rate limiting .*the limit resets at \d{4}-/);
    expect(message).not.toMatch(/permission/i);
    expect(calls('issues/list-comments')).toBe(1);
  });

  it('a 403 without rate-limit headers is still a missing permission', async () => {
    const p = await pullRequest();
    api.setHook((req) => {
      if (req.operationId === 'issues/create-comment') {
        return {
          status: 403,
          body: {
            message: 'Resource not accessible by integration',
            documentation_url:
              'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
            status: '403',
          },
        };
      }
    });
    const r = await diffRun(p);
    // A read-only token (a fork's pull request) does not fail the job: the summary has the diff.
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const warning = r.annotations.find((a) => a.level === 'warning')!.message;
    expect(warning).toContain('permissions: pull-requests: write');
    expect(warning).not.toMatch(/rate limit/i);
  });
});

describe('REST failures', () => {
  it('a 502 once is retried: one comment', async () => {
    const p = await pullRequest();
    api.resetLog();
    let failed = 0;
    api.setHook((req) => {
      if (req.operationId === 'issues/list-comments' && failed++ === 0) {
        return { status: 502, body: { message: 'Server Error' } };
      }
    });
    const r = await diffRun(p);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(api.comments(p.repo, p.pr)).toHaveLength(1);
    expect(failed).toBeGreaterThanOrEqual(2);
  });

  it('a comment created whose answer was lost is not created again', async () => {
    const p = await pullRequest();
    api.resetLog();
    api.failAfterApplying('issues/create-comment');
    const r = await diffRun(p);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(api.comments(p.repo, p.pr)).toHaveLength(1);
    // Looked up after the lost answer instead of sent again (and then tidied up).
    expect(calls('issues/create-comment')).toBe(1);
    expect(calls('issues/delete-comment')).toBe(0);
  });

  it.each([
    [500, 'failed to read pull request comments (HTTP 500', 4],
    [502, 'failed to read pull request comments (HTTP 502', 4],
    [404, 'could not find what it needs to read pull request comments (HTTP 404: Not Found', 1],
  ] as const)(
    'HTTP %i on listing comments: a clear message (%s), after %i requests',
    async (status, words, tries) => {
      const p = await pullRequest();
      api.resetLog();
      api.setHook((req) => {
        if (req.operationId === 'issues/list-comments') {
          return { status, body: { message: status === 404 ? 'Not Found' : 'Server Error' } };
        }
      });
      const message = failure(await diffRun(p));
      expect(message).toContain(words);
      expect(message).toContain(host());
      expect(message).toContain('Hint:');
      expect(calls('issues/list-comments')).toBe(tries);
    },
  );

  it('HTTP 422 on creating the comment: GitHub’s words, not retried', async () => {
    const p = await pullRequest();
    api.resetLog();
    api.setHook((req) => {
      if (req.operationId === 'issues/create-comment') {
        return {
          status: 422,
          body: {
            message: 'Validation Failed',
            errors: [
              {
                resource: 'IssueComment',
                code: 'unprocessable',
                field: 'data',
                message: 'Body is too long',
              },
            ],
            documentation_url: 'https://docs.github.com/rest',
          },
        };
      }
    });
    const message = failure(await diffRun(p));
    expect(message).toContain(
      `GitHub's API at ${host()} refused to comment on the pull request (HTTP 422: Validation Failed; Body is too long)`,
    );
    expect(calls('issues/create-comment')).toBe(1);
  });

  it('connection refused: a clear message naming the API host', async () => {
    const p = await pullRequest();
    // A port that was just free and is closed again: nobody listens there.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const message = failure(await diffRun(p, { apiUrl: `http://127.0.0.1:${port}` }));
    expect(message).toContain(`Could not reach GitHub's API at 127.0.0.1:${port}`);
    expect(message).toContain('ECONNREFUSED');
    expect(message).toContain('Hint:');
  });
});
