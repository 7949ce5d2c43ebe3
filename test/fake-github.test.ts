// Tests of the fake GitHub REST API, driven by the real @actions/github client the product uses:
// it answers like GitHub (messages, pagination, permissions), it refuses what GitHub would
// refuse and records it, it catches its own wrong answers, and its fault hooks behave.
import { getOctokit } from '@actions/github';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  startFakeGitHub,
  validateRequest,
  validateResponse,
  type FakeGitHub,
} from './harness/index.js';

const TOKEN = 'ghs_actions_token';
const owner = 'octo';
const repo = 'widgets';
const fullName = `${owner}/${repo}`;

/** The parts of octokit's RequestError the tests look at. */
interface HttpFailure {
  status: number;
  message: string;
  response?: { data: unknown; headers: Record<string, string | undefined> };
}

async function failure(promise: Promise<unknown>): Promise<HttpFailure> {
  try {
    await promise;
  } catch (err) {
    return err as HttpFailure;
  }
  throw new Error('expected the request to fail');
}

const fakes: FakeGitHub[] = [];
async function newFake(opts?: Parameters<typeof startFakeGitHub>[0]): Promise<FakeGitHub> {
  const fake = await startFakeGitHub(opts);
  fakes.push(fake);
  return fake;
}

let fake: FakeGitHub;
let gh: ReturnType<typeof getOctokit>;

beforeAll(async () => {
  // The first start in a process parses the 13 MB description (its cost is measured in the
  // bench, not asserted here: a busy machine must not fail the suite).
  fake = await newFake({ token: TOKEN });
  fake.addRepo(fullName);
  gh = getOctokit(TOKEN, { baseUrl: fake.url });
});

afterEach(() => {
  // Tests that provoke violations on purpose assert and clear them; anything left is a bug.
  // Cleared either way, so one test's leftovers do not fail the tests after it.
  const left = [...fake.violations];
  fake.clearViolations();
  expect(left).toEqual([]);
});

afterAll(async () => {
  await Promise.all(fakes.map((f) => f.close()));
});

describe('issue comments', () => {
  it('creates, lists across pages with octokit.paginate, updates and deletes', async () => {
    const pr = fake.addPullRequest(fullName, {
      title: 'Add widgets',
      head: 'widgets',
      base: 'main',
    });
    const created = await gh.rest.issues.createComment({
      owner,
      repo,
      issue_number: pr,
      body: 'first',
    });
    expect(created.status).toBe(201);
    expect(created.data.user?.login).toBe('github-actions[bot]');
    expect(created.data.user?.type).toBe('Bot');
    expect(created.data.html_url).toBe(
      `https://github.com/${fullName}/pull/${pr}#issuecomment-${created.data.id}`,
    );
    expect(created.headers.location).toBe(created.data.url);
    for (let i = 1; i < 205; i++) {
      await gh.rest.issues.createComment({ owner, repo, issue_number: pr, body: `comment ${i}` });
    }

    const all = await gh.paginate(gh.rest.issues.listComments, {
      owner,
      repo,
      issue_number: pr,
      per_page: 100,
    });
    expect(all).toHaveLength(205);
    expect(all.map((c) => c.body)).toEqual([
      'first',
      ...Array.from({ length: 204 }, (_, i) => `comment ${i + 1}`),
    ]);
    expect(new Set(all.map((c) => c.id)).size).toBe(205);

    // GitHub's Link header: repository addressed by id, query kept, prev/next/last/first order.
    const { data: repository } = await gh.rest.repos.get({ owner, repo });
    const base = `${fake.url}/repositories/${repository.id}/issues/${pr}/comments`;
    const page2 = await gh.rest.issues.listComments({
      owner,
      repo,
      issue_number: pr,
      per_page: 100,
      page: 2,
    });
    expect(page2.headers.link).toBe(
      `<${base}?per_page=100&page=1>; rel="prev", <${base}?per_page=100&page=3>; rel="next", ` +
        `<${base}?per_page=100&page=3>; rel="last", <${base}?per_page=100&page=1>; rel="first"`,
    );
    // The default is 30 (per_page above 100, which GitHub caps silently, is a violation here).
    const defaulted = await gh.rest.issues.listComments({ owner, repo, issue_number: pr });
    expect(defaulted.data).toHaveLength(30);
    expect(defaulted.headers.link).toContain(`<${base}?page=7>; rel="last"`);

    const target = all[150]!;
    const updated = await gh.rest.issues.updateComment({
      owner,
      repo,
      comment_id: target.id,
      body: 'edited',
    });
    expect(updated.data.body).toBe('edited');
    const fetched = await gh.rest.issues.getComment({ owner, repo, comment_id: target.id });
    expect(fetched.data.body).toBe('edited');

    const removed = await gh.rest.issues.deleteComment({ owner, repo, comment_id: target.id });
    expect(removed.status).toBe(204);
    const gone = await failure(gh.rest.issues.getComment({ owner, repo, comment_id: target.id }));
    expect(gone.status).toBe(404);
    expect(gone.response?.data).toMatchObject({ message: 'Not Found' });

    const state = fake.comments(fullName, pr);
    expect(state).toHaveLength(204);
    expect(state.find((c) => c.id === target.id)).toBeUndefined();
    expect(state[0]).toMatchObject({ body: 'first', user: 'github-actions[bot]' });
  });

  it('enforces the 65,536-character body limit as GitHub does', async () => {
    const issue = fake.addIssue(fullName, { title: 'Long report' });
    const max = await gh.rest.issues.createComment({
      owner,
      repo,
      issue_number: issue,
      body: 'x'.repeat(65536),
    });
    expect(max.status).toBe(201);
    // Characters, not UTF-16 units: 65,536 emoji fit.
    const emoji = await gh.rest.issues.createComment({
      owner,
      repo,
      issue_number: issue,
      body: '😀'.repeat(65536),
    });
    expect(emoji.status).toBe(201);

    const tooLong = await failure(
      gh.rest.issues.createComment({ owner, repo, issue_number: issue, body: 'x'.repeat(65537) }),
    );
    expect(tooLong.status).toBe(422);
    expect(tooLong.response?.data).toEqual({
      message: 'Validation Failed',
      errors: [
        {
          resource: 'IssueComment',
          code: 'unprocessable',
          field: 'data',
          message: 'Body is too long (maximum is 65536 characters)',
        },
      ],
      documentation_url: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
      status: '422',
    });
    expect(tooLong.message).toContain('Body is too long (maximum is 65536 characters)');

    const edit = await failure(
      gh.rest.issues.updateComment({
        owner,
        repo,
        comment_id: max.data.id,
        body: 'y'.repeat(70000),
      }),
    );
    expect(edit.status).toBe(422);
    expect(fake.comments(fullName, issue).map((c) => c.body.length)).toEqual([65536, 131072]);
  });

  it('answers 404 for an unknown repository or issue', async () => {
    const noRepo = await failure(
      gh.rest.issues.createComment({ owner, repo: 'nope', issue_number: 1, body: 'x' }),
    );
    expect(noRepo.status).toBe(404);
    const noIssue = await failure(
      gh.rest.issues.createComment({ owner, repo, issue_number: 9999, body: 'x' }),
    );
    expect(noIssue.status).toBe(404);
  });
});

describe('authentication and permissions', () => {
  it('answers 401 "Bad credentials" to an unknown token and "Requires authentication" to none', async () => {
    const stranger = getOctokit('ghs_unknown', { baseUrl: fake.url });
    const bad = await failure(stranger.rest.repos.get({ owner, repo }));
    expect(bad.status).toBe(401);
    expect(bad.response?.data).toEqual({
      message: 'Bad credentials',
      documentation_url: 'https://docs.github.com/rest',
      status: '401',
    });

    const res = await fetch(`${fake.url}/repos/${fullName}/issues/1/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ body: 'anonymous' }),
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ message: 'Requires authentication', status: '401' });
  });

  it('accepts both "token X" and "Bearer X"', async () => {
    const bearer = getOctokit('', { baseUrl: fake.url, auth: `Bearer ${TOKEN}` });
    expect((await bearer.rest.repos.get({ owner, repo })).data.default_branch).toBe('main');
  });

  it("refuses writes a fork's read-only token may not make with GitHub's 403", async () => {
    const pr = fake.addPullRequest(fullName, {
      title: 'From a fork',
      head: 'someone:patch-1',
      base: 'main',
      user: 'someone',
    });
    fake.addToken('ghs_fork', {
      permissions: { contents: 'read', 'pull-requests': 'read', issues: 'read' },
    });
    const fork = getOctokit('ghs_fork', { baseUrl: fake.url });

    // Reading is fine.
    const listed = await fork.rest.issues.listComments({ owner, repo, issue_number: pr });
    expect(listed.status).toBe(200);
    const denied = await failure(
      fork.rest.issues.createComment({ owner, repo, issue_number: pr, body: 'hi' }),
    );
    expect(denied.status).toBe(403);
    expect(denied.response?.data).toEqual({
      message: 'Resource not accessible by integration',
      documentation_url: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
      status: '403',
    });
    expect(denied.message).toBe(
      'Resource not accessible by integration - https://docs.github.com/rest/issues/comments#create-an-issue-comment',
    );
    expect(fake.comments(fullName, pr)).toEqual([]);

    // Either pull-requests: write or issues: write is enough to comment on a pull request.
    fake.addToken('ghs_pr_only', { permissions: { 'pull-requests': 'write' } });
    const prOnly = getOctokit('ghs_pr_only', { baseUrl: fake.url });
    await prOnly.rest.issues.createComment({ owner, repo, issue_number: pr, body: 'ok' });
    fake.addToken('ghs_issues_only', { permissions: { issues: 'write' } });
    const issuesOnly = getOctokit('ghs_issues_only', { baseUrl: fake.url });
    const noPr = await failure(
      issuesOnly.rest.pulls.create({ owner, repo, head: 'x', base: 'main', title: 't' }),
    );
    expect(noPr.status).toBe(403);
  });

  it('answers GET /user like GitHub: 403 for an installation token, the user for a personal one', async () => {
    const asBot = await failure(gh.rest.users.getAuthenticated());
    expect(asBot.status).toBe(403);
    expect(asBot.response?.data).toMatchObject({
      message: 'Resource not accessible by integration',
    });
    fake.addToken('ghp_carol', { login: 'carol', type: 'User', isActionsToken: false });
    const carol = getOctokit('ghp_carol', { baseUrl: fake.url });
    expect((await carol.rest.users.getAuthenticated()).data.login).toBe('carol');
  });

  it('sends rate-limit headers and a request id', async () => {
    const res = await gh.rest.repos.get({ owner, repo });
    expect(res.headers['x-ratelimit-limit']).toMatch(/^\d+$/);
    expect(Number(res.headers['x-ratelimit-remaining'])).toBeLessThan(
      Number(res.headers['x-ratelimit-limit']),
    );
    expect(Number(res.headers['x-ratelimit-reset'])).toBeGreaterThan(Date.now() / 1000);
    expect(res.headers['x-ratelimit-resource']).toBe('core');
    expect(res.headers['x-github-request-id']).toMatch(/^[0-9A-F]+(:[0-9A-F]+){4}$/);
  });
});

describe("validation against GitHub's OpenAPI description", () => {
  it('refuses a request the real API would reject, and records it', async () => {
    const issue = fake.addIssue(fullName, { title: 'Wrong field' });
    const route = 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments' as const;
    const wrongField = await failure(
      gh.request(route, { owner, repo, issue_number: issue, text: 'x' } as never),
    );
    expect(wrongField.status).toBe(422);
    expect(wrongField.message).toContain("body must have required property 'body'");
    const wrongType = await failure(
      gh.request(route, { owner, repo, issue_number: issue, body: 42 } as never),
    );
    expect(wrongType.status).toBe(422);

    expect(fake.violations).toEqual([
      {
        method: 'POST',
        path: `/repos/${fullName}/issues/${issue}/comments`,
        operationId: 'issues/create-comment',
        where: 'request',
        errors: [
          "body must have required property 'body'",
          "body must NOT have additional properties: 'text'",
        ],
      },
      expect.objectContaining({ where: 'request', errors: ['body/body must be string'] }),
    ]);
    // Nothing reached the state.
    expect(fake.comments(fullName, issue)).toEqual([]);
    fake.clearViolations();
  });

  it('refuses bad parameters, unknown routes and unimplemented operations', async () => {
    const badParam = await failure(
      gh.request('GET /repos/{owner}/{repo}/pulls', { owner, repo, state: 'merged' } as never),
    );
    expect(badParam.status).toBe(422);
    const badPath = await failure(gh.request(`GET /repos/${fullName}/pulls/abc`));
    expect(badPath.status).toBe(422);
    const unknown = await failure(gh.request(`GET /repos/${fullName}/widgets`));
    expect(unknown.status).toBe(404);
    const missing = await failure(gh.rest.repos.listBranches({ owner, repo }));
    expect(missing.status).toBe(501);
    expect(fake.violations.map((v) => v.errors)).toEqual([
      ['query.state must be equal to one of the allowed values: ["open","closed","all"]'],
      ['path.pull_number must be integer'],
      [`no operation in GitHub's description matches GET /repos/${fullName}/widgets`],
      ['repos/list-branches is valid but not modelled by the fake'],
    ]);
    fake.clearViolations();
  });

  it('keeps violations when the request log is reset, until they are cleared', async () => {
    const issue = fake.addIssue(fullName, { title: 'Kept' });
    await failure(
      gh.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
        owner,
        repo,
        issue_number: issue,
      } as never),
    );
    fake.resetLog();
    expect(fake.requests).toEqual([]);
    expect(fake.violations.map((v) => v.errors)).toEqual([
      ['body: issues/create-comment requires a request body'],
    ]);
    fake.clearViolations();
    expect(fake.violations).toEqual([]);
  });

  it('refuses request body properties the description does not define, at any depth', async () => {
    const issue = fake.addIssue(fullName, { title: 'Extra field' });
    const extra = await failure(
      gh.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
        owner,
        repo,
        issue_number: issue,
        body: 'x',
        bdoy: 'typo',
      } as never),
    );
    expect(extra.status).toBe(422);
    const pr = fake.addPullRequest(fullName, { title: 'Labels', head: 'f', base: 'main' });
    const nested = await failure(
      gh.request('POST /repos/{owner}/{repo}/issues/{issue_number}/labels', {
        owner,
        repo,
        issue_number: pr,
        labels: [{ name: 'ok', colour: 'red' }],
      } as never),
    );
    expect(nested.status).toBe(422);
    expect(fake.violations.map((v) => v.errors)).toEqual([
      ["body must NOT have additional properties: 'bdoy'"],
      expect.arrayContaining(["body/labels/0 must NOT have additional properties: 'colour'"]),
    ]);
    fake.clearViolations();
    // What the description defines still passes, nested ones included.
    await gh.rest.issues.addLabels({ owner, repo, issue_number: pr, labels: [{ name: 'ok' }] });
    await gh.rest.issues.addLabels({ owner, repo, issue_number: pr, labels: ['plain'] });
    expect(fake.comments(fullName, issue)).toEqual([]);
  });

  it('refuses per_page above 100 and query parameters the description does not define', async () => {
    const issue = fake.addIssue(fullName, { title: 'Pages' });
    const big = await failure(
      gh.rest.issues.listComments({ owner, repo, issue_number: issue, per_page: 101 }),
    );
    expect(big.status).toBe(422);
    const zero = await failure(
      gh.rest.issues.listComments({ owner, repo, issue_number: issue, per_page: 0 }),
    );
    expect(zero.status).toBe(422);
    const unknown = await failure(
      gh.request('GET /repos/{owner}/{repo}/pulls', { owner, repo, status: 'open' } as never),
    );
    expect(unknown.status).toBe(422);
    expect(fake.violations.map((v) => v.errors)).toEqual([
      ['query.per_page must be <= 100'],
      ['query.per_page must be >= 1'],
      ['query.status is not a parameter of pulls/list'],
    ]);
    fake.clearViolations();
    await gh.rest.issues.listComments({ owner, repo, issue_number: issue, per_page: 100 });
  });

  it("catches an answer that does not match the response schema (the fake's own bug)", async () => {
    const broken = await newFake({
      token: TOKEN,
      handlers: {
        'issues/get-comment': () => ({ status: 200, body: { id: 'seven', body: 'x' } }),
        'issues/delete-comment': () => ({ status: 200, body: { deleted: true } }),
      },
    });
    broken.addRepo(fullName);
    const client = getOctokit(TOKEN, { baseUrl: broken.url });
    const got = await failure(client.rest.issues.getComment({ owner, repo, comment_id: 1 }));
    expect(got.status).toBe(500);
    const deleted = await failure(client.rest.issues.deleteComment({ owner, repo, comment_id: 1 }));
    expect(deleted.status).toBe(500);
    expect(broken.violations).toHaveLength(2);
    expect(broken.violations[0]).toMatchObject({
      where: 'response',
      operationId: 'issues/get-comment',
    });
    expect(broken.violations[0]!.errors).toEqual(
      expect.arrayContaining([
        "response must have required property 'node_id'",
        'response/id must be integer',
      ]),
    );
    expect(broken.violations[1]!.errors).toEqual([
      'status 200 is not declared for issues/delete-comment (declared: 204)',
    ]);
  });

  it('exports the validators for crafted objects', () => {
    expect(validateResponse('issues/get-comment', 200, { id: 1 })).toContain(
      "response must have required property 'user'",
    );
    // OpenAPI 3.0 `nullable` is honoured: a comment's user may be null.
    const ok = {
      id: 1,
      node_id: 'IC_x',
      url: 'https://api.github.com/repos/o/r/issues/comments/1',
      html_url: 'https://github.com/o/r/issues/1#issuecomment-1',
      issue_url: 'https://api.github.com/repos/o/r/issues/1',
      user: null,
      created_at: '2024-01-01T00:00:00Z',
      updated_at: '2024-01-01T00:00:00Z',
    };
    expect(validateResponse('issues/get-comment', 200, ok)).toEqual([]);
    expect(validateResponse('issues/get-comment', 200, { ...ok, created_at: 'yesterday' })).toEqual(
      ['response/created_at must match format "date-time"'],
    );
    expect(
      validateRequest('issues/update-comment', {
        path: { owner, repo, comment_id: '5' },
        body: {},
      }),
    ).toEqual(["body must have required property 'body'"]);
  });
});

describe('pull requests', () => {
  it('creates, lists with filters, updates, and refuses a second open one for the same head', async () => {
    const created = await gh.rest.pulls.create({
      owner,
      repo,
      title: 'Roll back',
      head: 'rollback-1',
      base: 'main',
      body: 'why',
    });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({
      title: 'Roll back',
      state: 'open',
      user: { login: 'github-actions[bot]' },
      head: { ref: 'rollback-1', label: `${owner}:rollback-1` },
      base: { ref: 'main', repo: { full_name: fullName, default_branch: 'main' } },
    });
    const pr = created.data.number;

    const again = await failure(
      gh.rest.pulls.create({ owner, repo, title: 'Again', head: 'rollback-1', base: 'main' }),
    );
    expect(again.status).toBe(422);
    expect(again.response?.data).toMatchObject({
      message: 'Validation Failed',
      errors: [
        {
          resource: 'PullRequest',
          code: 'custom',
          message: `A pull request already exists for ${owner}:rollback-1.`,
        },
      ],
    });

    const byHead = await gh.rest.pulls.list({ owner, repo, head: `${owner}:rollback-1` });
    expect(byHead.data.map((p) => p.number)).toEqual([pr]);
    // As on GitHub, a head without `owner:` filters nothing.
    const bareHead = await gh.rest.pulls.list({ owner, repo, head: 'rollback-1', state: 'all' });
    expect(bareHead.data.length).toBeGreaterThan(1);
    expect((await gh.rest.pulls.list({ owner, repo, base: 'release' })).data).toEqual([]);

    await gh.rest.pulls.requestReviewers({ owner, repo, pull_number: pr, reviewers: ['alice'] });
    await gh.rest.issues.addLabels({ owner, repo, issue_number: pr, labels: ['rollback'] });
    const assigned = await gh.rest.issues.addAssignees({
      owner,
      repo,
      issue_number: pr,
      assignees: ['bob'],
    });
    expect(assigned.data.pull_request?.url).toBe(`${fake.url}/repos/${fullName}/pulls/${pr}`);
    const closed = await gh.rest.pulls.update({
      owner,
      repo,
      pull_number: pr,
      state: 'closed',
      title: 'Rolled back',
    });
    expect(closed.data.state).toBe('closed');
    expect(closed.data.closed_at).not.toBeNull();
    expect((await gh.rest.pulls.get({ owner, repo, pull_number: pr })).data.title).toBe(
      'Rolled back',
    );
    expect(fake.pullRequests(fullName).find((p) => p.number === pr)).toEqual({
      number: pr,
      title: 'Rolled back',
      body: 'why',
      state: 'closed',
      head: `${owner}:rollback-1`,
      base: 'main',
      user: 'github-actions[bot]',
      draft: false,
      labels: ['rollback'],
      assignees: ['bob'],
      requestedReviewers: ['alice'],
    });
    // Closed, so a new one for the same head is allowed.
    const reopened = await gh.rest.pulls.create({
      owner,
      repo,
      title: 'Again',
      head: 'rollback-1',
      base: 'main',
    });
    expect(reopened.status).toBe(201);
  });

  it('refuses creation when the repository does not allow GitHub Actions to create pull requests', async () => {
    const locked = 'octo/locked';
    fake.addRepo(locked, { allowActionsToCreatePRs: false, defaultBranch: 'trunk' });
    const refused = await failure(
      gh.rest.pulls.create({ owner, repo: 'locked', title: 't', head: 'x', base: 'trunk' }),
    );
    // GitHub answers 403 (not 422) with this text, e.g. danielroe/uppt#11.
    expect(refused.status).toBe(403);
    expect(refused.response?.data).toEqual({
      message: 'GitHub Actions is not permitted to create or approve pull requests.',
      documentation_url: 'https://docs.github.com/rest/pulls/pulls#create-a-pull-request',
      status: '403',
    });
    expect(fake.pullRequests(locked)).toEqual([]);
    // A personal token is not an Actions token: the setting does not apply to it.
    fake.addToken('ghp_person', { login: 'alice', type: 'User', isActionsToken: false });
    const person = getOctokit('ghp_person', { baseUrl: fake.url });
    expect(
      (
        await person.rest.pulls.create({
          owner,
          repo: 'locked',
          title: 't',
          head: 'x',
          base: 'trunk',
        })
      ).status,
    ).toBe(201);
    fake.setRepo(locked, { allowActionsToCreatePRs: true });
    expect(
      (await gh.rest.pulls.create({ owner, repo: 'locked', title: 'u', head: 'y', base: 'trunk' }))
        .status,
    ).toBe(201);
  });
});

describe('fault and race hooks', () => {
  it('failAfterApplying applies the request, then the client sees a 502', async () => {
    const issue = fake.addIssue(fullName, { title: 'Lost answer' });
    fake.failAfterApplying('issues/create-comment');
    const lost = await failure(
      gh.rest.issues.createComment({ owner, repo, issue_number: issue, body: 'once' }),
    );
    expect(lost.status).toBe(502);
    expect(fake.comments(fullName, issue).map((c) => c.body)).toEqual(['once']);
    // Only once: the next call is answered normally.
    await gh.rest.issues.createComment({ owner, repo, issue_number: issue, body: 'twice' });
    expect(fake.comments(fullName, issue).map((c) => c.body)).toEqual(['once', 'twice']);
    expect(
      fake.requests.filter((r) => r.operationId === 'issues/create-comment').slice(-2),
    ).toMatchObject([
      { status: 502, injected: true },
      { status: 201, injected: false },
    ]);
  });

  it("checks a hook's answer like the fake's own: a wrong status or shape is a violation", async () => {
    const issue = fake.addIssue(fullName, { title: 'Hooked' });
    const answers = [
      { status: 200, body: [{ id: 'one' }] },
      { status: 418, body: { message: 'teapot' } },
      { status: 502 },
    ];
    fake.setHook((req) => {
      if (req.operationId === 'issues/list-comments') return answers.shift();
    });
    for (let i = 0; i < 3; i++) {
      const e = await failure(gh.rest.issues.listComments({ owner, repo, issue_number: issue }));
      expect(e.status).toBe(500);
    }
    fake.setHook(undefined);
    expect(fake.violations).toHaveLength(3);
    expect(fake.violations.every((v) => v.where === 'response')).toBe(true);
    expect(fake.violations[0]!.errors).toEqual(
      expect.arrayContaining(['response/0/id must be integer']),
    );
    expect(fake.violations[1]!.errors).toEqual([
      'status 418 is not declared for issues/list-comments (declared: 200, 404, 410)',
    ]);
    expect(fake.violations[2]!.errors).toEqual([
      'status 502 of issues/list-comments must have a JSON body',
    ]);
    fake.clearViolations();

    // GitHub's own outage and rate-limit answers pass on any operation.
    const valid = [
      { status: 503, body: { message: 'Service Unavailable' } },
      { status: 429, body: { message: 'API rate limit exceeded', documentation_url: 'x' } },
      { status: 200, body: [] },
    ];
    fake.setHook((req) => {
      if (req.operationId === 'issues/list-comments') return valid.shift();
    });
    expect(
      (await failure(gh.rest.issues.listComments({ owner, repo, issue_number: issue }))).status,
    ).toBe(503);
    expect(
      (await failure(gh.rest.issues.listComments({ owner, repo, issue_number: issue }))).status,
    ).toBe(429);
    expect((await gh.rest.issues.listComments({ owner, repo, issue_number: issue })).data).toEqual(
      [],
    );
    fake.setHook(undefined);
  });

  it('a hook can lose the connection instead of answering', async () => {
    let drops = 1;
    fake.setHook((req) => {
      if (req.operationId === 'repos/get' && drops-- > 0) return { hangUp: true };
    });
    const lost = await failure(gh.rest.repos.get({ owner, repo }));
    expect(lost.status).toBe(500); // octokit's status for a network error
    expect((await gh.rest.repos.get({ owner, repo })).status).toBe(200);
    fake.setHook(undefined);
    expect(fake.requests.filter((r) => r.operationId === 'repos/get').slice(-2)).toMatchObject([
      { status: 499, injected: true },
      { status: 200, injected: false },
    ]);
  });

  it('a hook can answer instead of the state, or hold requests to force a race', async () => {
    const issue = fake.addIssue(fullName, { title: 'Race' });
    let outages = 1;
    fake.setHook((req) => {
      if (req.operationId === 'issues/create-comment' && outages-- > 0) {
        return { status: 502, body: { message: 'Server Error' } };
      }
    });
    const outage = await failure(
      gh.rest.issues.createComment({ owner, repo, issue_number: issue, body: 'a' }),
    );
    expect(outage.status).toBe(502);
    expect(fake.comments(fullName, issue)).toEqual([]);

    // Hold both listings until both have arrived: both see no comment and both create one.
    const held: (() => void)[] = [];
    fake.setHook(async (req) => {
      if (req.operationId !== 'issues/list-comments') return;
      expect(req.params).toMatchObject({ owner, repo, issue_number: issue });
      await new Promise<void>((resolve) => {
        held.push(resolve);
        if (held.length === 2) held.forEach((release) => release());
      });
    });
    const run = async (body: string) => {
      const { data } = await gh.rest.issues.listComments({ owner, repo, issue_number: issue });
      if (data.length === 0)
        await gh.rest.issues.createComment({ owner, repo, issue_number: issue, body });
    };
    await Promise.all([run('from run 1'), run('from run 2')]);
    fake.setHook(undefined);
    expect(
      fake
        .comments(fullName, issue)
        .map((c) => c.body)
        .sort(),
    ).toEqual(['from run 1', 'from run 2']);
  });
});

describe('lifecycle', () => {
  it('closes cleanly: no listening socket left, even with a request held by a hook', async () => {
    const servers = () =>
      process.getActiveResourcesInfo().filter((r) => r === 'TCPServerWrap').length;
    const before = servers();
    const temp = await startFakeGitHub({ token: TOKEN });
    temp.addRepo(fullName);
    expect(servers()).toBe(before + 1);
    const client = getOctokit(TOKEN, { baseUrl: temp.url });
    await client.rest.repos.get({ owner, repo }); // leaves a keep-alive connection open

    let aborted = false;
    let reached: () => void = () => {};
    const holding = new Promise<void>((resolve) => (reached = resolve));
    temp.setHook(
      (req) =>
        new Promise<void>((resolve) => {
          req.signal.addEventListener('abort', () => {
            aborted = true;
            resolve();
          });
          reached();
        }),
    );
    const pending = failure(client.rest.repos.get({ owner, repo }));
    await holding;
    await temp.close();
    expect(aborted).toBe(true);
    await pending; // the client sees its connection dropped
    // libuv frees a closed handle on a later turn of the loop, after close() has resolved.
    for (let turn = 0; turn < 10_000 && servers() !== before; turn++) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(servers()).toBe(before);
    await temp.close(); // idempotent
    const after = await failure(client.rest.repos.get({ owner, repo }));
    expect(after.status).toBe(500); // octokit's status for a network error
  });
});
